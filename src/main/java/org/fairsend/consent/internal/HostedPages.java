package org.fairsend.consent.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.consent.ConsentState;
import org.fairsend.consent.OptInType;
import org.fairsend.platform.RecipientLanguages;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The public pages: hosted subscription forms ({@code /f/{id}}) and double opt-in confirmation
 * ({@code /confirm/{token}}). No login, no cookies, no external assets. A GET never changes anything:
 * confirming takes a POST, so a mail scanner that follows the link confirms nothing.
 */
@Controller
class HostedPages {

    private final Forms forms;
    private final Subscriptions subscriptions;
    private final AccountDirectory accounts;
    private final FormGuard guard;
    private final RecipientLanguages languages;

    HostedPages(Forms forms, Subscriptions subscriptions, AccountDirectory accounts, FormGuard guard, RecipientLanguages languages) {
        this.languages = languages;
        this.guard = guard;
        this.forms = forms;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
    }

    @GetMapping("/f/{formId}")
    ModelAndView form(@PathVariable String formId) {
        Open open = open(formId);
        if (open.refusal() != null) return open.refusal();
        return formPage(open, "", null, guard.fillToken(open.form().id()), HttpStatus.OK);
    }

    /**
     * A submission. The bot checks come first (issue 15): the honeypot field, the signed fill token (present, genuine,
     * for this form, not stale, not posted sooner than the policy's minimum fill time), the source address's rate.
     * Then what a person may have got wrong (no address, box unticked, an invalid address: the form again, 422), then
     * {@link Subscriptions#subscribe}. A refusal is quiet: the same page a new subscriber sees, counted for the operator.
     */
    @PostMapping("/f/{formId}")
    ModelAndView submit(@PathVariable String formId, @RequestParam(required = false) String email,
            @RequestParam(required = false) String consent, @RequestParam(name = "fill", required = false) String fill,
            @RequestParam(name = HONEYPOT, required = false) String honeypot, HttpServletRequest request) {
        Open open = open(formId);
        if (open.refusal() != null) return open.refusal();
        Forms.Form form = open.form();
        if (honeypot != null && !honeypot.isEmpty()) return quiet(open, FormRefusal.HONEYPOT);
        FormRefusal token = guard.checkFill(form.id(), fill);
        if (token != null) return quiet(open, token);
        if (!guard.ipAllowed(form.accountId(), request.getRemoteAddr())) return quiet(open, FormRefusal.IP_RATE);
        String typed = email == null ? "" : Subscriptions.cut(email.strip(), 320);
        RecipientLanguages.Bound t = texts(open.account());
        if (typed.isEmpty()) {
            return formPage(open, typed, t.m("form.error.email"), fill.strip(), HttpStatus.UNPROCESSABLE_CONTENT);
        }
        if (!"yes".equals(consent)) {
            return formPage(open, typed, t.m("form.error.consent"), fill.strip(), HttpStatus.UNPROCESSABLE_CONTENT);
        }
        Subscriptions.FormResult done;
        try {
            done = subscriptions.subscribe(form, typed, request.getRemoteAddr(), request.getHeader("User-Agent"),
                    request.getHeader("Referer"));
        } catch (RuleViolation e) {
            String why = "email".equals(e.violations().getFirst().field())
                    ? t.m("form.error.invalid", e.getMessage())
                    : e.getMessage();
            return formPage(open, typed, why, fill.strip(), HttpStatus.UNPROCESSABLE_CONTENT);
        }
        return answered(open, done.outcome());
    }

    /** The hidden field people leave empty and form-filling bots do not. */
    static final String HONEYPOT = "website";

    private ModelAndView quiet(Open open, FormRefusal reason) {
        guard.refused(open.form(), reason);
        return answered(open, null);
    }

    /**
     * What a submission answers, the same whether it was recorded or refused quietly, and whether the address was new,
     * already subscribed or suppressed (no telling who is subscribed): the form's redirect, or the page of its opt-in
     * type. Only a relay that refused a confirmation mail just written is said.
     */
    private ModelAndView answered(Open open, Subscriptions.Outcome recorded) {
        if (open.form().redirectUrl() != null) {
            ModelAndView redirect = new ModelAndView("redirect:" + open.form().redirectUrl());
            redirect.setStatus(HttpStatus.SEE_OTHER);
            return redirect;
        }
        ModelAndView mv = page("consent/subscribed", open.account(), HttpStatus.OK);
        mv.addObject("form", open.form());
        mv.addObject("awaitingConfirmation", open.form().optInType() == OptInType.DOUBLE);
        mv.addObject("mailFailed", recorded != null && Boolean.FALSE.equals(recorded.confirmationSent()));
        return mv;
    }

    /** The JSON answer to {@code GET /confirm/{token}}: a pending confirmation and what to do. */
    record PendingConfirmation(String status, String account, String subject, String confirm) {}

    /**
     * The JSON answer to {@code POST /confirm/{token}}: the confirmation and the consent now in force; whether an
     * earlier unsubscribe was lifted ({@code cameBack}) and whether messages can reach the address ({@code deliverable}:
     * false while a complaint, a bounce or another entry no form lifts stands, issue 15).
     */
    record Confirmation(String status, String account, java.time.Instant confirmedAt, ConsentState.Status consent,
            boolean cameBack, boolean deliverable) {}

    @GetMapping("/confirm/{token}")
    Object confirmPage(@PathVariable String token, HttpServletRequest request) {
        Subscriptions.Pending p = subscriptions.inspect(token);
        if (wantsJson(request)) {
            return ResponseEntity.ok(new PendingConfirmation("pending", p.account().displayName(), p.grant().subject(),
                    "POST this URL to confirm"));
        }
        ModelAndView mv = page("consent/confirm", p.account(), HttpStatus.OK);
        mv.addObject("subject", p.grant().subject());
        mv.addObject("token", token);
        return mv;
    }

    @PostMapping("/confirm/{token}")
    Object confirm(@PathVariable String token, HttpServletRequest request) {
        Subscriptions.Outcome done = subscriptions.confirm(token, request.getRemoteAddr(), request.getHeader("User-Agent"));
        Account account = accounts.get(done.record().accountId());
        if (wantsJson(request)) {
            return ResponseEntity.ok(new Confirmation("confirmed", account.displayName(), done.record().collectedAt(),
                    done.state().status(), done.cameBack(), deliverable(done)));
        }
        ModelAndView mv = page("consent/confirmed", account, HttpStatus.OK);
        mv.addObject("subject", done.record().subject());
        mv.addObject("cameBack", done.cameBack());
        mv.addObject("deliverable", deliverable(done));
        return mv;
    }

    private static boolean deliverable(Subscriptions.Outcome done) {
        // after the lift, whatever still stands (a complaint, a bounce, a platform-wide entry) keeps messages away
        return done.state().isConsent() && done.stillBlocked().isEmpty();
    }

    @ExceptionHandler(Subscriptions.LinkRefused.class)
    Object refused(Subscriptions.LinkRefused e, HttpServletRequest request) {
        if (wantsJson(request)) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status), e.getMessage());
            p.setType(URI.create("https://fairsend.org/problems/confirmation-link"));
            p.setTitle("Confirmation link refused");
            p.setProperty("errors", java.util.List.of(Map.of("field", "token", "rule", e.code, "message", e.getMessage())));
            return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
        }
        ModelAndView mv = new ModelAndView("consent/error");
        mv.setStatus(HttpStatus.valueOf(e.status));
        mv.addObject("title", e.status == 410 ? "This link can no longer be used" : "This link is not valid");
        mv.addObject("message", e.getMessage());
        mv.addObject("code", e.code);
        return mv;
    }

    private record Open(Forms.Form form, Account account, ModelAndView refusal) {}

    private Open open(String formId) {
        Optional<Forms.Form> form;
        try {
            form = forms.find(UUID.fromString(formId));
        } catch (IllegalArgumentException e) {
            form = Optional.empty();
        }
        if (form.isEmpty()) {
            RecipientLanguages.Bound t = languages.in(RecipientLanguages.DEFAULT);
            return new Open(null, null, error(t, HttpStatus.NOT_FOUND, t.m("form.notFound.title"), t.m("form.notFound.message")));
        }
        Account account = accounts.get(form.get().accountId());
        if (account.status() != Account.Status.ACTIVE) {
            RecipientLanguages.Bound t = texts(account);
            return new Open(null, null, error(t, HttpStatus.GONE, t.m("form.closed.title"), t.m("form.closed.message")));
        }
        return new Open(form.get(), account, null);
    }

    private ModelAndView formPage(Open open, String email, String error, String fillToken, HttpStatus status) {
        ModelAndView mv = page("consent/form", open.account(), status);
        mv.addObject("fill", fillToken);
        mv.addObject("honeypot", HONEYPOT);
        mv.addObject("form", open.form());
        mv.addObject("double", open.form().optInType() == OptInType.DOUBLE);
        mv.addObject("email", email);
        mv.addObject("error", error);
        return mv;
    }

    /**
     * Issue 20: a hosted page (form, result, confirmation) is in the account's language (a form has no contact yet; the
     * request's Accept-Language is not consulted), English when the account chose none.
     */
    private RecipientLanguages.Bound texts(Account account) {
        return languages.in(languages.choose(account.language()));
    }

    private ModelAndView page(String view, Account account, HttpStatus status) {
        ModelAndView mv = new ModelAndView(view);
        mv.setStatus(status);
        RecipientLanguages.Bound t = texts(account);
        mv.addObject("t", t);
        mv.addObject("lang", t.lang());
        mv.addObject("sender", account.displayName());
        mv.addObject("legalName", account.legalName());
        return mv;
    }

    private static ModelAndView error(RecipientLanguages.Bound t, HttpStatus status, String title, String message) {
        ModelAndView mv = new ModelAndView("consent/error");
        mv.addObject("lang", t.lang());
        mv.setStatus(status);
        mv.addObject("title", title);
        mv.addObject("message", message);
        return mv;
    }

    static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) return false;
        return (accept.contains("application/json") || accept.contains("+json")) && !accept.contains("text/html");
    }
}
