package org.fairsend.console.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fairsend.feedback.InboundReports;
import org.fairsend.feedback.InboundStatus;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's inbound page, through {@link InboundReports} only: every message the listener and the webhooks
 * stored, with what became of it, the unverified feedback-loop reports first (docs/ARCHITECTURE.md, "Trust
 * boundaries": a report from no configured reporter is stored, shown here, and counts nothing). Everything in a
 * message came from outside: it is shown escaped, the raw message as text (on the page, escaped; or as
 * {@code text/plain}, which no browser renders as HTML under the console's {@code nosniff}).
 */
@Controller
class OperatorInboundPages implements ConsolePage {

    static final String PATH = "/console/operator/inbound";
    /** Rows per page. */
    private static final int PAGE = 100;
    /** The raw message shown on its page up to this many bytes; the whole as plain text behind a link. */
    private static final int SHOWN_BYTES = 256 * 1024;
    /** The filter's value for every status. */
    private static final String ALL = "all";

    private final InboundReports inbound;

    OperatorInboundPages(InboundReports inbound) {
        this.inbound = inbound;
    }

    /** A filter link: {@code code} is a status code or {@code all}. */
    record Filter(String label, String code, boolean current) {}

    /**
     * @param status a status code, or {@code all}; unverified when absent (those the operator must look at: a genuine
     *               reporter not configured yet, or a forgery)
     */
    @GetMapping(PATH)
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) Long before, Model model) {
        String code = status == null || status.isBlank() ? InboundStatus.UNVERIFIED.code() : status.strip().toLowerCase(Locale.ROOT);
        InboundStatus filter = ALL.equals(code) ? null : status(code);
        List<InboundReports.Inbound> rows = inbound.list(filter, before, PAGE);
        List<Filter> filters = new ArrayList<>();
        filters.add(new Filter("Unverified", InboundStatus.UNVERIFIED.code(), filter == InboundStatus.UNVERIFIED));
        filters.add(new Filter("All", ALL, filter == null));
        for (InboundStatus s : InboundStatus.values()) {
            if (s != InboundStatus.UNVERIFIED) filters.add(new Filter(label(s), s.code(), filter == s));
        }
        model.addAttribute("title", "Inbound");
        model.addAttribute("filters", filters);
        model.addAttribute("status", code);
        model.addAttribute("unverified", filter == InboundStatus.UNVERIFIED);
        model.addAttribute("rows", rows);
        model.addAttribute("older", rows.size() == PAGE ? rows.getLast().id() : null);
        model.addAttribute("paged", before != null);
        return "console/operator/inbound";
    }

    @GetMapping(PATH + "/{id}")
    String message(@PathVariable long id, Model model) {
        InboundReports.Inbound m = inbound.find(id).orElseThrow(() -> new NotFound("inbound message"));
        model.addAttribute("title", "Inbound message " + id);
        model.addAttribute("m", m);
        inbound.raw(id).ifPresent(raw -> {
            model.addAttribute("raw", new String(raw, 0, Math.min(raw.length, SHOWN_BYTES), StandardCharsets.UTF_8));
            model.addAttribute("cut", raw.length > SHOWN_BYTES);
        });
        return "console/operator/inbound-message";
    }

    /** The whole raw message as plain text (404 once purged after the retention period). */
    @GetMapping(path = PATH + "/{id}/raw.txt")
    ResponseEntity<byte[]> raw(@PathVariable long id) {
        byte[] raw = inbound.raw(id).orElseThrow(() -> new NotFound("inbound message (or its raw copy, purged after the retention period)"));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header("Content-Disposition", "inline; filename=\"inbound-" + id + ".txt\"").body(raw);
    }

    static String label(InboundStatus s) {
        String c = s.code();
        return Character.toUpperCase(c.charAt(0)) + c.substring(1);
    }

    private static InboundStatus status(String code) {
        try {
            return InboundStatus.of(code);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(400, "status", "enum", "status is " + ALL + " or one of "
                    + Arrays.stream(InboundStatus.values()).map(InboundStatus::code).toList());
        }
    }
}
