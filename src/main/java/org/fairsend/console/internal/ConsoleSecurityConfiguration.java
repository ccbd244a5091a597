package org.fairsend.console.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's filter chain ({@code /console/**}), separate from the API's (API keys, stateless): form
 * sign-in with a session, CSRF tokens on every form and htmx request, and a strict content security policy
 * (scripts and styles from this origin only, no inline script, no framing by other sites). Message HTML
 * written by users is served only under {@code /console/frames/**}, with a CSP {@code sandbox} of its own and
 * shown in an {@code <iframe sandbox>} without {@code allow-scripts}: nothing a user typed runs as script.
 * The session cookie is HttpOnly and SameSite=Lax, and Secure whenever the request came over HTTPS
 * (behind a reverse proxy: {@code server.forward-headers-strategy=native}). A session follows revocation: every
 * request checks the user's row ({@link SessionRevocationFilter}), so disabling a user, a password change elsewhere or
 * the account's termination ends the session at its next request, on every node.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class ConsoleSecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; "
            + "base-uri 'none'; object-src 'none'";

    /** Message previews: no script at all (sandbox without allow-scripts), remote images and inline styles as mail clients show them. */
    static final String FRAME_CSP = "sandbox; default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline' http: https:; "
            + "font-src http: https: data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'";

    @Bean
    @Order(20)
    SecurityFilterChain consoleChain(HttpSecurity http, ConsoleAuthentication authentication, ConsoleUsers users) throws Exception {
        RequestMatcher frames = PathPatternRequestMatcher.withDefaults().matcher("/console/frames/**");
        RequestMatcher pages = new NegatedRequestMatcher(frames);
        http.securityMatcher("/console/**", "/console")
                .authenticationManager(new ProviderManager(authentication.provider()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/console/login", "/console/denied", "/console/console.css", "/console/console.js").permitAll()
                        .requestMatchers("/console/operator/**").hasRole("OPERATOR")
                        .requestMatchers("/console", "/console/", "/console/me", "/console/me/**").authenticated()
                        .anyRequest().hasRole("ACCOUNT"))
                .formLogin(f -> f.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .usernameParameter("email").passwordParameter("password")
                        .defaultSuccessUrl("/console", true)
                        .failureHandler((req, res, ex) -> res.sendRedirect(req.getContextPath()
                                + (ex instanceof LockedException ? "/console/login?locked" : "/console/login?error"))))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signedOut")
                        .deleteCookies("JSESSIONID"))
                .addFilterBefore(new SessionRevocationFilter(users), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.accessDeniedPage("/console/denied"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        .frameOptions(f -> f.disable())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(only(pages, new StaticHeadersWriter("Content-Security-Policy", CSP)))
                        .addHeaderWriter(only(pages, new StaticHeadersWriter("X-Frame-Options", "DENY")))
                        .addHeaderWriter(only(frames, new StaticHeadersWriter("Content-Security-Policy", FRAME_CSP)))
                        .addHeaderWriter(only(frames, new StaticHeadersWriter("X-Frame-Options", "SAMEORIGIN")))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", "camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    /**
     * Ends a session whose user was disabled, changed their password in another session, or whose account was
     * terminated since it signed in: the session is invalidated and the browser sent to the sign-in page (htmx
     * requests get {@code HX-Redirect}, so the whole page goes there).
     */
    static final class SessionRevocationFilter extends OncePerRequestFilter {
        private final ConsoleUsers users;

        SessionRevocationFilter(ConsoleUsers users) {
            this.users = users;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws ServletException, IOException {
            var holder = SecurityContextHolder.getContextHolderStrategy();
            Authentication a = holder.getContext().getAuthentication();
            if (a != null && a.getPrincipal() instanceof ConsoleUser user && !users.sessionValid(user)) {
                HttpSession session = req.getSession(false);
                if (session != null) session.invalidate();
                holder.clearContext();
                String target = req.getContextPath() + "/console/login?ended";
                if (req.getHeader("HX-Request") != null) {
                    res.setHeader("HX-Redirect", target);
                    res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                } else {
                    res.sendRedirect(target);
                }
                return;
            }
            chain.doFilter(req, res);
        }
    }

    private static HeaderWriter only(RequestMatcher m, HeaderWriter w) {
        return new DelegatingRequestMatcherHeaderWriter(m, w);
    }
}
