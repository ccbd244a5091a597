package org.fairsend.platform.web;

import org.fairsend.platform.RateLimiter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The two filters every request meets first: the rate limit, then the body cap. Both come after Spring's
 * forwarded-header handling (order {@code HIGHEST_PRECEDENCE}, when {@code server.forward-headers-strategy=framework})
 * and before Spring Security ({@code -100}) and the form-content filters, which read bodies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebLimitsConfiguration {

    static final int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(WebLimits limits, RateLimiter limiter) {
        var r = new FilterRegistrationBean<>(new RateLimitFilter(limits, limiter));
        r.setOrder(RATE_LIMIT_ORDER);
        r.addUrlPatterns("/*");
        return r;
    }

    /**
     * {@code Expect: 100-continue} is answered only when the application reads the body ({@code onRead}; Tomcat's
     * default is at once): a body refused on sight is then never sent by a client that asks first.
     */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.connector.Connector")
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(WebLimits limits) {
        var r = new FilterRegistrationBean<>(new BodyLimitFilter(limits));
        r.setOrder(BODY_LIMIT_ORDER);
        r.addUrlPatterns("/*");
        return r;
    }
}
