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
 * Checks the campaign's personalisation before it starts.
 * <ul>
 * <li>A recipient's field the template prints with no fallback ({@code {{ contact.first_name }}} without a
 * {@code default} or a condition around it) that some recipients of the audience lack is a <b>blocking</b> finding
 * naming the field and how many recipients lack it, with the fix (issue 20: "Bonjour , notre pain..." must never
 * leave). The count covers the whole audience; for an attribute on the embedded database, the sample's.</li>
 * <li>The template is rendered strictly for a sample of recipients: what else would go wrong (an unknown variable, a
 * tag never closed) is a warning, counted once per recipient.</li>
 * <li>A part the template sandbox refuses (it would read a file or URL, call Java, or go over its render budget,
 * issue 13) is a blocking finding with the rule and the reason, rendered no further; sampling stops once the renders
 * have taken a render's time budget, so a slow template cannot hold the preflight either.</li>
 * </ul>
 * No message here names an exception class: they are read by the people who write campaigns.
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

    /**
     * {@code audience}: who the campaign reaches (a rented partner audience is the partner's list, issue 19: counted,
     * never listed); {@code personalised}: the channel's parts, each with the finding location the content rules use.
     */
    List<Finding> check(Campaign c, org.fairsend.delivery.AudienceSpec audience, List<CampaignChannel.Part> personalised) {
        List<Finding> out = new ArrayList<>();
        Map<Finding.Location, Templates.Compiled> parts = new LinkedHashMap<>();
        for (CampaignChannel.Part p : personalised) compile(out, parts, p.location(), p.field(), p.source());
        if (parts.isEmpty()) return out;

        // the fields printed with no fallback, and where each is first printed
        Map<String, Finding.Location> printed = new LinkedHashMap<>();
        parts.forEach((location, compiled) -> compiled.contactFieldsWithoutFallback().forEach(f -> printed.putIfAbsent(f, location)));

        var ids = deliveries.sampleEligible(audience, SAMPLE);
        var sample = contacts.findAll(audience.accountId(), ids);
        Map<String, Integer> missing = new LinkedHashMap<>();
        Map<String, Integer> lackingInSample = new HashMap<>();
        Map<String, Finding.Location> where = new LinkedHashMap<>();
        int rendered = 0;
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        for (Contact contact : sample.isEmpty() ? java.util.Collections.<Contact>singletonList(null) : sample) {
            if (rendered > 0 && System.nanoTime() - deadline > 0) break;
            rendered++;
            Map<String, Object> recipient = RecipientBindings.of(contact);
            if (contact != null) {
                for (String f : printed.keySet()) if (blank(recipient.get(f))) lackingInSample.merge(f, 1, Integer::sum);
            }
            Map<String, Object> b = new HashMap<>();
            b.put("contact", recipient);
            b.put("unsubscribe_url", "https://example.invalid/u");
            b.put("why_you_receive_this", "...");
            b.put("sender", Map.of("name", "..."));
            var seen = new java.util.HashSet<String>(); // a problem counts once per recipient, whatever the parts it is in
            for (var part : List.copyOf(parts.entrySet())) {
                try {
                    for (String problem : part.getValue().problems(b)) {
                        if (printedField(problem, printed.keySet())) continue; // the blocking finding below says it
                        if (seen.add(problem)) missing.merge(problem, 1, Integer::sum);
                        where.putIfAbsent(problem, part.getKey());
                    }
                } catch (TemplateRefused e) {
                    out.add(refused(part.getKey(), e));
                    parts.remove(part.getKey());
                }
            }
        }
        int total = rendered;
        for (var e : printed.entrySet()) {
            String field = e.getKey();
            long lacking = deliveries.eligibleLacking(audience, field);
            String count;
            if (lacking >= 0) count = lacking + (lacking == 1 ? " recipient of this campaign has" : " recipients of this campaign have");
            else {
                lacking = lackingInSample.getOrDefault(field, 0);
                count = lacking + " of the " + total + " recipients checked " + (lacking == 1 ? "has" : "have");
            }
            if (lacking == 0) continue;
            out.add(Finding.blocking("personalisation", e.getValue(), count + " no " + field.replace('_', ' ') + " (the field "
                    + field + "): the message would leave with an empty space where it is printed",
                    "give it a default, e.g. {{ contact." + field + " | default(\"client\") }}, print it only {% if contact." + field
                    + " %}...{% endif %}, or complete those contacts"));
        }
        missing.forEach((problem, n) -> out.add(Finding.warning("personalisation", where.get(problem),
                problem + (sample.isEmpty() ? "" : " — for " + n + " of " + total + " sampled recipients"),
                "check the variable's name (e.g. {{ contact.first_name }}) and give it a default: {{ contact.first_name | default(\"client\") }}")));
        return out;
    }

    private static boolean blank(Object v) {
        return v == null || v.toString().isBlank();
    }

    /** True when a strict render's problem is an unknown variable among the fields the blocking finding covers. */
    private static boolean printedField(String problem, java.util.Set<String> fields) {
        for (String f : fields) {
            if (problem.startsWith("unknown variable 'contact." + f + "'") || problem.startsWith("unknown variable 'contact.attributes." + f + "'")) return true;
        }
        // a field tested by a condition ({% if contact.x %}) is unknown to a strict render too: that is the author's fallback
        return problem.startsWith("unknown variable 'contact.");
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
