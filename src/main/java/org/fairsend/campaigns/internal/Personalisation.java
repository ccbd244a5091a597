package org.fairsend.campaigns.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.campaigns.Campaign;
import org.fairsend.contacts.Contact;
import org.fairsend.content.Finding;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.RecipientBindings;
import org.fairsend.delivery.TemplateLimits;
import org.fairsend.delivery.TemplateRefused;
import org.fairsend.delivery.Templates;
import org.springframework.stereotype.Component;

/**
 * Renders the campaign strictly for a sample of its recipients: a field some recipients lack is a finding
 * (it would render empty for them), never a crash at send time. A part the template sandbox refuses (it would read a
 * file or URL, call Java, or go over its render budget, issue 13) is a blocking finding with the rule and the reason,
 * rendered no further; sampling stops once the renders have taken a render's time budget, so a slow template cannot
 * hold the preflight either.
 */
@Component
class Personalisation {

    private static final int SAMPLE = 25;

    private final Deliveries deliveries;
    private final ContactDirectory contacts;
    private final Templates templates;
    private final TemplateLimits limits;

    Personalisation(Deliveries deliveries, ContactDirectory contacts, Templates templates, TemplateLimits limits) {
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.templates = templates;
        this.limits = limits;
    }

    /** {@code personalised}: the channel's parts, each with the finding location the content rules use for it. */
    List<Finding> check(Campaign c, List<CampaignChannel.Part> personalised) {
        List<Finding> out = new ArrayList<>();
        Map<Finding.Location, Templates.Compiled> parts = new LinkedHashMap<>();
        for (CampaignChannel.Part p : personalised) compile(out, parts, p.location(), p.field(), p.source());
        if (parts.isEmpty()) return out;

        var ids = deliveries.sampleEligible(c.audience(), SAMPLE);
        var sample = contacts.findAll(c.accountId(), ids);
        Map<String, Integer> missing = new LinkedHashMap<>();
        Map<String, Finding.Location> where = new LinkedHashMap<>();
        int rendered = 0;
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        for (Contact contact : sample.isEmpty() ? java.util.Collections.<Contact>singletonList(null) : sample) {
            if (rendered > 0 && System.nanoTime() - deadline > 0) break;
            rendered++;
            Map<String, Object> b = new HashMap<>();
            b.put("contact", RecipientBindings.of(contact));
            b.put("unsubscribe_url", "https://example.invalid/u");
            b.put("why_you_receive_this", "...");
            b.put("sender", Map.of("name", "..."));
            for (var part : List.copyOf(parts.entrySet())) {
                try {
                    for (String problem : part.getValue().problems(b)) {
                        missing.merge(problem, 1, Integer::sum);
                        where.putIfAbsent(problem, part.getKey());
                    }
                } catch (TemplateRefused e) {
                    out.add(refused(part.getKey(), e));
                    parts.remove(part.getKey());
                }
            }
        }
        int total = rendered;
        missing.forEach((problem, n) -> out.add(Finding.warning("personalisation", where.get(problem),
                problem + (sample.isEmpty() ? "" : " — for " + n + " of " + total + " sampled recipients"),
                "give the field a default, e.g. {{ contact.first_name | default('') }}, or complete the contacts")));
        return out;
    }

    private void compile(List<Finding> out, Map<Finding.Location, Templates.Compiled> parts, Finding.Location location, String field, String source) {
        if (source == null || source.isEmpty()) return;
        try {
            parts.put(location, templates.compile(field, source));
        } catch (TemplateRefused e) {
            out.add(refused(location, e));
        }
    }

    private static Finding refused(Finding.Location location, TemplateRefused e) {
        return Finding.blocking(e.rule().code(), location, e.getMessage(), e.rule().fix());
    }
}
