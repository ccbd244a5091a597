package org.fairsend.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.AccountFreezes;
import org.fairsend.platform.RuleViolation;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A frozen account's console is read-only (issue 19, seed 002 §1.5): every write of one of its users (POST, PUT, PATCH,
 * DELETE under {@code /console}, htmx requests included) is refused before its handler runs, with the operator's reason
 * ({@link Refused}: a page with status 403, or for htmx a redirect to {@code /console/frozen}); every page shows the
 * freeze in a banner ({@link ConsoleAdvice}). Pages, exports and downloads (GET) keep working; so do signing out, the
 * user's own password and a contact's erasure. The operator's console is never refused here.
 */
@Configuration(proxyBeanMethods = false)
class FrozenConsole implements WebMvcConfigurer {

    /**
     * What a frozen account's user may still post: their own session and password, not the account's data; and the erasure
     * of a contact (X-5: a person's right is honoured whatever the account's standing, as in the API).
     */
    private static final Set<String> ALLOWED = Set.of("/console/logout", "/console/login", "/console/me/password");
    private static final java.util.regex.Pattern ERASURE = java.util.regex.Pattern.compile("/console/contacts/[^/]+/erase");

    private final AccountDirectory accounts;
    private final AccountFreezes freezes;

    FrozenConsole(AccountDirectory accounts, AccountFreezes freezes) {
        this.accounts = accounts;
        this.freezes = freezes;
    }

    /** A write refused because the account is frozen: rendered as a page (403) by {@link ConsoleAdvice}. */
    static final class Refused extends RuleViolation {
        Refused(AccountFreezes.Freeze f) {
            super(403, "account", "frozen", "Not done: the account is frozen by the operator since " + f.frozenAt() + " (" + f.reason()
                    + "). The console is read-only until the operator lifts the freeze; you can still read and export your data.");
        }
    }

    /** The freeze in force on the signed-in user's account, if any (none for the operator). */
    Optional<AccountFreezes.Freeze> of(ConsoleUser user) {
        if (user == null || user.accountId() == null) return Optional.empty();
        return accounts.find(user.accountId()).filter(a -> a.status() == Account.Status.FROZEN).flatMap(a -> freezes.current(a.id()));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object handler) {
                String method = req.getMethod();
                if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return true;
                String path = req.getRequestURI().substring(req.getContextPath().length());
                if (ALLOWED.contains(path) || ERASURE.matcher(path).matches()) return true;
                of(ConsoleAdvice.me()).ifPresent(f -> {
                    throw new Refused(f);
                });
                return true;
            }
        }).addPathPatterns("/console/**");
    }
}
