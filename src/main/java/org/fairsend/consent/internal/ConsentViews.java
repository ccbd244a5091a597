package org.fairsend.consent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.consent.EvidenceReports;
import org.fairsend.consent.SubscriptionForms;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The consent module's public {@link EvidenceReports} and {@link SubscriptionForms}. */
@Component
class ConsentViews implements EvidenceReports, SubscriptionForms {

    private final EvidencePacks packs;
    private final Forms forms;
    private final ObjectMapper json;

    ConsentViews(EvidencePacks packs, Forms forms, ObjectMapper json) {
        this.packs = packs;
        this.forms = forms;
        this.json = json;
    }

    @Override
    public Report report(UUID accountId, String address) {
        EvidencePacks.Pack pack = packs.build(accountId, address);
        List<Section> sections = new ArrayList<>();
        pack.sections().forEach((name, items) -> sections.add(new Section(name, items.stream().map(this::rows).toList())));
        return new Report(pack.address(), pack.accountId(), pack.accountName(), pack.accountLegalName(), pack.generatedAt(),
                pack.complete(), pack.chain(), pack.consentStates().stream().map(this::rows).toList(),
                pack.consentRecords().stream().map(this::rows).toList(), sections);
    }

    /** One item as label/value rows, nulls left out; nested values as compact JSON. */
    private List<Row> rows(Object item) {
        JsonNode node = json.valueToTree(item);
        List<Row> rows = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue() == null || e.getValue().isNull()) continue;
                rows.add(new Row(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
            }
        } else {
            rows.add(new Row("value", node.isValueNode() ? node.asString() : node.toString()));
        }
        return rows;
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
