package org.fairsend.accounts.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.ApiKeys;
import org.fairsend.accounts.Caller;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API security: every {@code /api/**} call carries an API key ({@code Authorization: Bearer fsk_...}); the
 * key decides the account. Operator endpoints ({@code /api/operator/**}) need an operator key. Management
 * endpoints ({@code /actuator/**}: metrics, prometheus) need an operator key too, on whichever port they are served
 * ({@code management.server.port} moves them off the public port); health (and its liveness and readiness groups)
 * and info stay public, without details unless an operator key is given. Hosted forms, confirmation links and the
 * OpenAPI document are public.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class ApiSecurityConfiguration {

    @Bean
    @Order(10)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeys keys, AccountService accounts, org.fairsend.accounts.AccountFreezes freezes)
            throws Exception {
        keyAuthenticated(http.securityMatcher("/api/**"), keys, accounts, freezes,
                "a valid API key is required: Authorization: Bearer fsk_...", "api-key", "this call needs an operator key")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/operator/**").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Actuator endpoints, matched on the main port or on {@code management.server.port} alike. With
     * {@code fairsend.management.anonymous-on-management-port=true} and a management port of its own (one the
     * operator keeps off the internet, for a scraper that sends no token), everything there is open.
     */
    @Bean
    @Order(5)
    SecurityFilterChain managementChain(HttpSecurity http, ApiKeys keys, AccountService accounts, ManagementProperties management,
            org.springframework.core.env.Environment env) throws Exception {
        boolean open = management.anonymousOnManagementPort()
                && org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType.get(env)
                        == org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType.DIFFERENT;
        keyAuthenticated(http.securityMatcher(EndpointRequest.toAnyEndpoint()), keys, accounts, null,
                "management endpoints need the operator's API key: Authorization: Bearer fsk_...", "operator",
                "management endpoints need an operator key")
                .authorizeHttpRequests(a -> {
                    if (open) {
                        a.anyRequest().permitAll();
                    } else {
                        a.requestMatchers(EndpointRequest.to("health", "info")).permitAll().anyRequest().hasRole("OPERATOR");
                    }
                });
        return http.build();
    }

    /** Stateless, no CSRF (no cookies), the caller named by an API key; 401 and 403 as problem+json. */
    private static HttpSecurity keyAuthenticated(HttpSecurity http, ApiKeys keys, AccountService accounts,
            org.fairsend.accounts.AccountFreezes freezes, String unauthorized, String unauthorizedRule, String forbidden) throws Exception {
        return http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .addFilterBefore(new ApiKeyFilter(keys, accounts, freezes), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> Problems.write(res, 401, "Unauthorized", unauthorized,
                                "Authorization", unauthorizedRule))
                        .accessDeniedHandler((req, res, ex) -> Problems.write(res, 403, "Forbidden", forbidden, "Authorization", "operator")));
    }

    /** No username/password users on the API (keys only): this also stops Spring's generated default user. */
    @Bean
    org.springframework.security.core.userdetails.UserDetailsService noPasswordUsers() {
        return username -> {
            throw new org.springframework.security.core.userdetails.UsernameNotFoundException("API keys only");
        };
    }

    @Bean
    @Order(100)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/**")
                // hosted forms and confirmation pages are posted from third-party sites and mail clients:
                // they carry their own signed tokens instead of a session CSRF token.
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.frameOptions(f -> f.disable()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    static final class ApiKeyFilter extends OncePerRequestFilter {
        private final ApiKeys keys;
        private final AccountService accounts;
        private final org.fairsend.accounts.AccountFreezes freezes;

        /** @param freezes null where frozen accounts' writes need no refusal (the management endpoints) */
        ApiKeyFilter(ApiKeys keys, AccountService accounts, org.fairsend.accounts.AccountFreezes freezes) {
            this.keys = keys;
            this.accounts = accounts;
            this.freezes = freezes;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws ServletException, IOException {
            String secret = secret(req);
            if (secret != null) {
                UUID acting = null;
                String header = req.getHeader(Caller.ACCOUNT_HEADER);
                if (header != null && !header.isBlank()) {
                    try {
                        acting = UUID.fromString(header.trim());
                    } catch (IllegalArgumentException e) {
                        Problems.write(res, 400, "Bad Request", "Fairsend-Account must be an account id",
                                Caller.ACCOUNT_HEADER, "uuid");
                        return;
                    }
                }
                Optional<Caller> caller = keys.authenticate(secret, acting);
                if (caller.isPresent()) {
                    Caller c = caller.get();
                    if (c.operator() && acting != null && accounts.find(acting).isEmpty()) {
                        Problems.write(res, 404, "Not Found", "account not found", Caller.ACCOUNT_HEADER, "exists");
                        return;
                    }
                    var auth = new UsernamePasswordAuthenticationToken(c, null,
                            List.of(new SimpleGrantedAuthority(c.operator() ? "ROLE_OPERATOR" : "ROLE_ACCOUNT")));
                    SecurityContextHolder.getContext().setAuthentication(auth);
                    if (freezes != null && !c.operator() && FrozenWrites.refused(req)) {
                        var freeze = accounts.find(c.accountId()).filter(a -> a.status() == org.fairsend.accounts.Account.Status.FROZEN)
                                .flatMap(a -> freezes.current(a.id()));
                        if (freeze.isPresent()) {
                            SecurityContextHolder.clearContext();
                            Problems.write(res, 403, "Forbidden", FrozenWrites.detail(freeze.get()), "account", FrozenWrites.RULE);
                            return;
                        }
                    }
                }
            }
            try {
                chain.doFilter(req, res);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }

        private static String secret(HttpServletRequest req) {
            String h = req.getHeader("Authorization");
            if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).trim();
            String k = req.getHeader("X-Api-Key");
            return k == null ? null : k.trim();
        }
    }
}
