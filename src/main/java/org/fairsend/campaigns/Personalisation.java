package org.fairsend.campaigns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.content.Finding;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.RecipientBindings;
import org.fairsend.delivery.Templates;
import org.springframework.stereotype.Component;

/**
 * Renders the campaign strictly for a sample of its recipients: a field some recipients lack is a finding
 * (it would render empty for them), never a crash at send time.
 */
@Component
class Personalisation {

    private static final int SAMPLE = 25;

    private final Deliveries deliveries;
    private final ContactDirectory contacts;

    Personalisation(Deliveries deliveries, ContactDirectory contacts) {
        this.deliveries = deliveries;
        this.contacts = contacts;
    }

    List<Finding> check(Campaign c) {
        var ids = deliveries.sampleEligible(CampaignService.audience(c), SAMPLE);
        var sample = contacts.findAll(c.accountId(), ids);
        Map<String, Integer> missing = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        int rendered = 0;
        for (var contact : sample.isEmpty() ? java.util.Collections.<org.fairsend.contacts.Contact>singletonList(null) : sample) {
            rendered++;
            Map<String, Object> b = new java.util.HashMap<>();
            b.put("contact", RecipientBindings.of(contact));
            b.put("unsubscribe_url", "https://example.invalid/u");
            b.put("why_you_receive_this", "...");
            b.put("sender", Map.of("name", "..."));
            for (var part : Map.of("subject", nz(c.subject()), "body", nz(c.html()) + "\n" + nz(c.text()), "preheader", nz(c.preheader())).entrySet()) {
                for (String problem : Templates.problems(part.getValue(), b)) {
                    missing.merge(problem, 1, Integer::sum);
                    where.putIfAbsent(problem, part.getKey());
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        int total = rendered;
        missing.forEach((problem, n) -> out.add(Finding.warning("personalisation", where.get(problem),
                problem + (sample.isEmpty() ? "" : " — for " + n + " of " + total + " sampled recipients"),
                "give the field a default, e.g. {{ contact.first_name | default('') }}, or complete the contacts")));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
