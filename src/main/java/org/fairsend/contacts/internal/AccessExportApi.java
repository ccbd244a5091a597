package org.fairsend.contacts.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.Caller;
import org.fairsend.consent.EvidenceReports;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactBook;
import org.fairsend.policy.PolicyTime;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * GDPR access and erasure by address (X-5, Art. 15 and 17), scoped to the caller's account: the access export of an
 * email address or a phone number as JSON ({@code GET /api/contacts/export?address=}) and as a printable page a
 * person can be handed ({@code GET /api/contacts/export.html?address=}, and {@code /api/contacts/{id}/export.html}),
 * and the erasure of an address whether a contact holds it or not ({@code DELETE /api/contacts?address=}).
 */
@Controller
class AccessExportApi {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm (zzz)", java.util.Locale.ENGLISH);

    private final AccessExports exports;
    private final ContactService contacts;
    private final EvidenceReports reports;
    private final AccountDirectory accounts;
    private final PolicyTime time;
    private final org.fairsend.platform.RecipientLanguages languages;

    AccessExportApi(AccessExports exports, ContactService contacts, EvidenceReports reports, AccountDirectory accounts, PolicyTime time,
            org.fairsend.platform.RecipientLanguages languages) {
        this.languages = languages;
        this.exports = exports;
        this.contacts = contacts;
        this.reports = reports;
        this.accounts = accounts;
        this.time = time;
    }

    private static UUID account() {
        return Caller.current().accountId();
    }

    @GetMapping(path = "/api/contacts/export", produces = "application/json")
    @ResponseBody
    ContactBook.Export export(@RequestParam String address) {
        return exports.ofAddress(account(), address);
    }

    @GetMapping(path = "/api/contacts/export.html", produces = "text/html")
    ModelAndView page(@RequestParam String address) {
        return page(exports.ofAddress(account(), address));
    }

    @GetMapping(path = "/api/contacts/{id}/export.html", produces = "text/html")
    ModelAndView page(@PathVariable UUID id) {
        return page(exports.ofContact(account(), id));
    }

    /** Erasure by address: the contact holding it, or the address alone; 204 either way. */
    @DeleteMapping(path = "/api/contacts", params = "address")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@RequestParam String address) {
        contacts.eraseAddress(account(), address, org.fairsend.suppression.SuppressionReason.ERASED);
    }

    /** One labelled row of the page. */
    record Row(String label, String value) {}

    /** The export laid out for reading: the person's details, then per address the evidence pack's labelled rows. */
    private ModelAndView page(ContactBook.Export export) {
        UUID accountId = account();
        var account = accounts.get(accountId);
        ModelAndView mv = new ModelAndView("contacts/access");
        // issue 20: the page is handed to the person, in their language (the contact's, else the account's, else English);
        // its headings and section titles are the recipient bundle's, the evidence rows keep the evidence pack's English
        var t = languages.in(languages.choose(export.contact() == null ? null : export.contact().language(), account.language()));
        mv.addObject("t", t);
        Map<String, String> titles = new java.util.HashMap<>();
        for (String section : SECTIONS) titles.put(section, t.m("access.section." + section));
        mv.addObject("accountName", account.displayName());
        mv.addObject("accountLegalName", account.legalName());
        mv.addObject("exportedAt", when(export.exportedAt(), t));
        mv.addObject("zone", time.zone().getId());
        mv.addObject("addresses", export.addresses());
        mv.addObject("details", details(export, t));
        mv.addObject("complete", export.complete());
        List<EvidenceReports.Report> perAddress = new ArrayList<>();
        for (String a : export.addresses()) perAddress.add(reports.report(accountId, a));
        mv.addObject("reports", perAddress);
        mv.addObject("titles", titles);
        return mv;
    }

    /** The evidence sections the page titles (recipient bundle {@code access.section.<name>}); others show their name. */
    private static final List<String> SECTIONS = List.of("messages", "bounces", "complaints", "unsubscribes", "engagement",
            "smsReplies", "suppressions", "calls", "callTrackingContacts");

    /** The person's details, labelled in the page's language (issue 20). */
    private List<Row> details(ContactBook.Export e, org.fairsend.platform.RecipientLanguages.Bound t) {
        List<Row> rows = new ArrayList<>();
        Contact c = e.contact();
        if (c == null) {
            rows.add(new Row(t.m("access.row.record"), t.m("access.row.noRecord")));
            return rows;
        }
        add(rows, t.m("access.row.email"), c.email());
        add(rows, t.m("access.row.phone"), c.phone());
        add(rows, t.m("access.row.firstName"), c.firstName());
        add(rows, t.m("access.row.lastName"), c.lastName());
        if (c.attributes() != null) {
            c.attributes().forEach((k, v) -> add(rows, t.m("access.row.attribute", k), v == null ? null : String.valueOf(v)));
        }
        add(rows, t.m("access.row.customerSince"), c.customerSince() == null ? null : c.customerSince().toString());
        add(rows, t.m("access.row.relationship"), c.relationship());
        if (c.contractActive()) rows.add(new Row(t.m("access.row.contract"), t.m("access.row.yes")));
        add(rows, t.m("access.row.source"), c.source());
        add(rows, t.m("access.row.language"), c.language());
        add(rows, t.m("access.row.created"), when(c.createdAt(), t));
        add(rows, t.m("access.row.updated"), when(c.updatedAt(), t));
        add(rows, t.m("access.row.lastOpen"), when(c.lastOpenAt(), t));
        add(rows, t.m("access.row.lastClick"), when(c.lastClickAt(), t));
        Map<String, String> subs = new LinkedHashMap<>();
        e.subscriptions().forEach((ch, s) -> subs.put(t.m("channel." + ch.code()), s.status().code()
                + (s.basis() == null ? "" : " (" + t.m("access.row.basis", s.basis().code()) + ")")));
        subs.forEach((k, v) -> rows.add(new Row(t.m("access.row.subscription", k), v)));
        for (ContactBook.Membership m : e.lists()) rows.add(new Row(t.m("access.row.list"), t.m("access.row.listSince", m.name(), when(m.addedAt(), t))));
        return rows;
    }

    private static void add(List<Row> rows, String label, String value) {
        if (value != null && !value.isBlank()) rows.add(new Row(label, value));
    }

    /** A time in the policy's zone, its month named in the page's language. */
    private String when(Instant at, org.fairsend.platform.RecipientLanguages.Bound t) {
        return at == null ? null : WHEN.withLocale(t.locale()).format(at.atZone(time.zone()));
    }
}
