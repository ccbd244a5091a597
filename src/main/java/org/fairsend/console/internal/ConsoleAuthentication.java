package org.fairsend.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a console sign-in: throttled per user and address, per user and per address first (a locked-out sign-in
 * is refused without looking at the password), then the bcrypt hash. An unknown user costs the same hash comparison
 * as a known one, and both answer the same "wrong email or password", so sign-in does not reveal who has an account;
 * a disabled user and a user of a terminated account answer the same. The session's principal carries the
 * user's session version, which {@link ConsoleSecurityConfiguration} checks on every request.
 */
@Component
class ConsoleAuthentication {

    private final ConsoleUsers users;
    private final SignInThrottle throttle;
    private final String dummyHash;

    ConsoleAuthentication(ConsoleUsers users, SignInThrottle throttle, ConsolePasswords passwords) {
        this.users = users;
        this.throttle = throttle;
        this.dummyHash = passwords.encoder().encode("not a password " + System.nanoTime());
    }

    /** The provider of the console chain only (not a bean, so the API chain's authentication stays keys only). */
    AuthenticationProvider provider() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication a) throws AuthenticationException {
                return ConsoleAuthentication.this.authenticate(a);
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName() == null ? "" : authentication.getName().strip().toLowerCase(Locale.ROOT);
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String ip = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        Instant locked = throttle.lockedUntil(email, ip);
        if (locked != null) throw new LockedException("too many failed sign-ins; try again after " + locked);
        var stored = email.length() > 320 ? java.util.Optional.<ConsoleUsers.Stored>empty() : users.byEmail(email);
        boolean ok = users.matches(password, stored.map(ConsoleUsers.Stored::passwordHash).orElse(dummyHash));
        if (stored.isEmpty() || !ok || stored.get().user().disabledAt() != null
                || (stored.get().user().accountId() != null && !users.accountOpen(stored.get().user().accountId()))) {
            throttle.failed(email, ip);
            throw new BadCredentialsException("wrong email or password");
        }
        throttle.succeeded(email, ip);
        ConsoleUser user = stored.get().user();
        users.signedIn(user.id());
        return token(user);
    }

    /**
     * After the user changed their own password: this session goes on as the user with the new session version (the
     * others end), under a new session id.
     */
    static void keepSession(ConsoleUser user, HttpServletRequest request, HttpServletResponse response) {
        SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(token(user));
        holder.setContext(context);
        if (request.getSession(false) != null) request.changeSessionId();
        SESSIONS.saveContext(context, request, response);
    }

    private static final SecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    static Authentication token(ConsoleUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name()),
                        new SimpleGrantedAuthority(user.operator() ? "ROLE_OPERATOR" : "ROLE_ACCOUNT")));
    }
}
