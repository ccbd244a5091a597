package org.fairsend.feedback.internal;

import org.fairsend.feedback.UnsubscribeSource;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.contacts.SubscriptionState;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RecipientLanguages;
import org.fairsend.platform.Tokens;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Unsubscribe. {@code POST /u/{token}} is the RFC 8058 one-click unsubscribe (body
 * {@code List-Unsubscribe=One-Click}): no login, no page needed, idempotent, effective at once. {@code GET
 * /u/{token}} only shows a page with one button and the preference centre: a GET never unsubscribes, because
 * mail scanners follow links.
 */
@Controller
class UnsubscribePages {

    private final MessageLinks links;
    private final SentMessages messages;
    private final FeedbackRecorder recorder;
    private final AccountDirectory accounts;
    private final ContactDirectory contacts;
    private final Clock clock;
    private final RecipientLanguages languages;

    UnsubscribePages(MessageLinks links, SentMessages messages, FeedbackRecorder recorder, AccountDirectory accounts,
            ContactDirectory contacts, Clock clock, RecipientLanguages languages) {
        this.languages = languages;
        this.links = links;
        this.messages = messages;
        this.recorder = recorder;
        this.accounts = accounts;
        this.contacts = contacts;
        this.clock = clock;
    }

    @GetMapping("/u/{token}")
    ModelAndView page(@PathVariable String token) {
        SentMessage m = message(token);
        Contact contact = contact(m);
        ModelAndView mv = page("feedback/unsubscribe", m, contact);
        mv.addObject("token", token);
        mv.addObject("address", m.recipient());
        mv.addObject("channels", channels(m, contact, (RecipientLanguages.Bound) mv.getModel().get("t")));
        mv.addObject("lists", m.contactId() == null ? List.of() : contacts.memberships(m.accountId(), m.contactId()));
        return mv;
    }

    /** One-click (mail clients, source one-click) and the page's button (source link). */
    @PostMapping("/u/{token}")
    ModelAndView unsubscribe(@PathVariable String token, @RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
            @RequestParam(name = "via", required = false) String via, HttpServletRequest req) {
        SentMessage m = message(token);
        UnsubscribeSource source = "page".equals(via) ? UnsubscribeSource.LINK : UnsubscribeSource.ONE_CLICK;
        recorder.unsubscribe(m, m.channel(), source, req.getRemoteAddr(), req.getHeader("User-Agent"));
        return done(m);
    }

    /**
     * The preference centre: the channels left unticked are unsubscribed (suppressed, withdrawn, at once); the lists
     * left unticked are left (which affects campaigns started later, not a running one: stopping that is what
     * unsubscribing is for).
     */
    @PostMapping("/u/{token}/preferences")
    ModelAndView preferences(@PathVariable String token, @RequestParam(name = "keep", required = false) List<String> keep,
            @RequestParam(name = "list", required = false) List<String> keepLists, HttpServletRequest req) {
        SentMessage m = message(token);
        Set<String> kept = keep == null ? Set.of() : Set.copyOf(keep);
        for (Map<String, Object> c : channels(m, contact(m), languages.in(RecipientLanguages.DEFAULT))) {
            String code = (String) c.get("code");
            if (!kept.contains(code) && Boolean.TRUE.equals(c.get("subscribed"))) {
                recorder.unsubscribeAddress(m, Channel.of(code), (String) c.get("address"), UnsubscribeSource.PREFERENCE_CENTRE, req.getRemoteAddr(),
                        req.getHeader("User-Agent"), clock.instant());
            }
        }
        if (m.contactId() != null) {
            Set<String> listsKept = keepLists == null ? Set.of() : Set.copyOf(keepLists);
            for (ContactDirectory.ListMembership l : contacts.memberships(m.accountId(), m.contactId())) {
                if (l.member() && !listsKept.contains(l.listId().toString())) contacts.leaveList(m.accountId(), m.contactId(), l.listId());
            }
        }
        ModelAndView mv = page(token);
        mv.addObject("saved", true);
        return mv;
    }

    private ModelAndView done(SentMessage m) {
        ModelAndView mv = page("feedback/unsubscribed", m, contact(m));
        mv.addObject("address", m.recipient());
        return mv;
    }

    /**
     * A page in the language of the person the message went to (issue 20): the contact's, else the account's, else
     * English, as the message's footer was; the request's Accept-Language is not consulted (the page follows the mail).
     */
    private ModelAndView page(String view, SentMessage m, Contact contact) {
        var account = accounts.get(m.accountId());
        RecipientLanguages.Bound t = languages.in(languages.choose(contact == null ? null : contact.language(), account.language()));
        ModelAndView mv = new ModelAndView(view);
        mv.addObject("t", t);
        mv.addObject("lang", t.lang());
        mv.addObject("sender", account.displayName());
        return mv;
    }

    private Contact contact(SentMessage m) {
        return m.contactId() == null ? null : contacts.find(m.accountId(), m.contactId()).orElse(null);
    }

    private SentMessage message(String token) {
        long id = links.messageOf("unsubscribe", token);
        return messages.find(id).orElseThrow(() -> new Tokens.InvalidToken(Tokens.Failure.MALFORMED));
    }

    /** The contact's channels with an address: email always (the message's), SMS and voice when it has a number. */
    private List<Map<String, Object>> channels(SentMessage m, Contact contact, RecipientLanguages.Bound t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Channel ch : Channel.values()) {
            String address = ch == m.channel() ? m.recipient() : contact == null ? null : contact.address(ch);
            if (address == null || address.isBlank()) continue;
            SubscriptionState status = contact == null ? null : contact.subscription(ch).status();
            boolean subscribed = status == null ? ch == m.channel() : !status.stopped() && status != SubscriptionState.NONE;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", ch.code());
            row.put("label", t.m("channel." + ch.code()));
            row.put("address", address);
            row.put("subscribed", subscribed);
            out.add(row);
        }
        return out;
    }

    @ExceptionHandler(Tokens.InvalidToken.class)
    ModelAndView invalid(Tokens.InvalidToken e) {
        // the link names no message we can trust: English (issue 20: nothing tells whose language to use)
        RecipientLanguages.Bound t = languages.in(RecipientLanguages.DEFAULT);
        ModelAndView mv = new ModelAndView("consent/error");
        mv.setStatus(HttpStatus.BAD_REQUEST);
        mv.addObject("lang", t.lang());
        mv.addObject("title", t.m("unsubscribe.invalid.title"));
        mv.addObject("message", t.m("unsubscribe.invalid.message"));
        return mv;
    }
}
