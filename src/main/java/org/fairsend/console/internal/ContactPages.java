package org.fairsend.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairsend.consent.ConsentLedger;
import org.fairsend.consent.ConsentRecord;
import org.fairsend.consent.EvidenceReports;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.ObjectMapper;

/** Contacts: search, a contact with its consent records, the printable evidence pack, export and erasure. */
@Controller
class ContactPages implements ConsolePage {

    private final ContactBook book;
    private final ContactDirectory directory;
    private final ConsentLedger ledger;
    private final EvidenceReports evidence;
    private final ObjectMapper json;
    private final org.fairsend.contacts.ContactHygiene hygiene;

    ContactPages(ContactBook book, ContactDirectory directory, ConsentLedger ledger, EvidenceReports evidence, ObjectMapper json,
            org.fairsend.contacts.ContactHygiene hygiene) {
        this.hygiene = hygiene;
        this.book = book;
        this.directory = directory;
        this.ledger = ledger;
        this.evidence = evidence;
        this.json = json;
    }

    private static UUID account() {
        return ConsoleAdvice.me().account();
    }

    /** The search page; an htmx request (live search as one types) gets the results table only. */
    @GetMapping("/console/contacts")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) UUID list,
            @RequestParam(required = false) UUID after, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        UUID a = account();
        model.addAttribute("title", "Contacts");
        model.addAttribute("q", q);
        model.addAttribute("list", list);
        model.addAttribute("lists", book.lists(a));
        model.addAttribute("page", book.search(a, q, list, after, 50));
        return htmx != null ? "console/contacts :: results" : "console/contacts";
    }

    @GetMapping("/console/contacts/{id}")
    String contact(@PathVariable UUID id, Model model) {
        UUID a = account();
        Contact c = book.contact(a, id);
        List<ConsentRecord> records = new ArrayList<>();
        if (c.email() != null) records.addAll(ledger.recordsFor(a, c.email()));
        if (c.phone() != null) records.addAll(ledger.recordsFor(a, c.phone()));
        model.addAttribute("title", c.email() != null ? c.email() : c.phone());
        model.addAttribute("c", c);
        model.addAttribute("memberships", directory.memberships(a, id).stream().filter(ContactDirectory.ListMembership::member).toList());
        model.addAttribute("records", records);
        model.addAttribute("engagement", hygiene.engagement(a, id).map(ContactPages::engagement).orElse(null));
        return "console/contact";
    }

    /** The evidence pack of the contact's address (email, else phone), printable. */
    @GetMapping("/console/contacts/{id}/evidence")
    String evidence(@PathVariable UUID id, @RequestParam(required = false) String address, Model model) {
        UUID a = account();
        Contact c = book.contact(a, id);
        String which = address != null && (address.equals(c.email()) || address.equals(c.phone())) ? address
                : (c.email() != null ? c.email() : c.phone());
        model.addAttribute("title", "Evidence pack: " + which);
        model.addAttribute("c", c);
        model.addAttribute("pack", evidence.report(a, which));
        return "console/evidence";
    }

    /** GDPR export as a JSON download. */
    @GetMapping("/console/contacts/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable UUID id) {
        byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(book.export(account(), id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("contact-" + id + ".json").build().toString())
                .body(body);
    }

    /** GDPR erasure: the box must be ticked; the addresses stay suppressed by hash so the person is never contacted again. */
    @PostMapping("/console/contacts/{id}/erase")
    String erase(@PathVariable UUID id, @RequestParam(required = false) String confirm, @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        UUID a = account();
        if (!"yes".equals(confirm)) {
            flash.addFlashAttribute("errors", List.of(new RuleViolation.Violation("confirm", "required", "tick the box to confirm the erasure")));
            return "redirect:/console/contacts/" + id;
        }
        book.contact(a, id);
        book.erase(a, id, reason == null || reason.isBlank() ? "erased at the person's request (console)" : reason.strip());
        flash.addFlashAttribute("notice", "The contact is erased; their addresses stay suppressed by hash.");
        return "redirect:/console/contacts";
    }

    /**
     * R-8 in words, by the audience's own classification: a contact the rule cannot judge yet (joined within the window,
     * or no tracked message reached it) is "new", never "never opened" (issue 20).
     */
    static String engagement(org.fairsend.contacts.ContactHygiene.Engagement e) {
        if (e.isNew()) {
            return e.trackedDeliveries() == 0 ? "new: no tracked campaign has reached it yet" : "new: joined within the hygiene window";
        }
        return switch (e.state()) {
            case ENGAGED -> "engaged: opened or clicked within the hygiene window";
            case UNKNOWN -> "unknown: only machine opens or too few tracked messages; kept (R-8)";
            case INACTIVE -> "inactive: no open nor click although " + e.trackedDeliveries() + " tracked messages reached it (R-8)";
        };
    }
}
