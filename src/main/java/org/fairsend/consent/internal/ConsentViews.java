package org.fairsend.consent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.EvidenceReports;
import org.fairsend.consent.SubscriptionForms;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** The consent module's public {@link EvidenceReports} and {@link SubscriptionForms}. */
@Component
class ConsentViews implements EvidenceReports, SubscriptionForms {

    private final EvidencePacks packs;
    private final Forms forms;
    private final ObjectMapper json;
    private final org.fairsend.policy.PolicyTime time;

    ConsentViews(EvidencePacks packs, Forms forms, ObjectMapper json, org.fairsend.policy.PolicyTime time) {
        this.time = time;
        this.packs = packs;
        this.forms = forms;
        this.json = json;
    }

    @Override
    public Report report(UUID accountId, String address) {
        EvidencePacks.Pack pack = packs.build(accountId, address);
        EvidenceDocument doc = new EvidenceDocument(time.zone(), org.springframework.context.i18n.LocaleContextHolder.getLocale());
        List<Section> sections = new ArrayList<>();
        pack.sections().forEach((name, items) -> sections.add(new Section(name, doc.sectionTitle(name),
                items.stream().map(i -> doc.item(json.valueToTree(i))).toList())));
        Map<Long, Long> seqOfId = new java.util.HashMap<>();
        pack.consentRecords().forEach(r -> seqOfId.put(r.id(), r.seq()));
        return new Report(pack.address(), pack.accountId(), pack.accountName(), pack.accountLegalName(), pack.generatedAt(),
                pack.complete(), pack.chain(), pack.consentStates().stream().map(doc::state).toList(),
                pack.consentRecords().stream().map(r -> doc.record(r, seqOfId)).toList(), sections, doc.at(pack.generatedAt()),
                doc.zoneText(), doc.chain(pack.chain()),
                pack.consentRecords().stream().map(r -> "Record " + r.seq() + " of the account's ledger").toList());
    }

    @Override
    public Form create(UUID accountId, NewForm in) {
        return view(forms.create(accountId, new Forms.NewForm(in.name(), in.listId(), in.subject(), in.declarationText(),
                in.optInType(), in.redirectUrl())));
    }

    @Override
    public List<Form> forms(UUID accountId) {
        return forms.list(accountId).stream().map(ConsentViews::view).toList();
    }

    @Override
    public Form form(UUID accountId, UUID formId) {
        return view(forms.get(accountId, formId));
    }

    private static Form view(Forms.Form f) {
        return new Form(f.id(), f.listId(), f.name(), f.subject(), f.declarationText(),
                f.optInType(), f.redirectUrl(), f.createdAt(), f.url());
    }
}
