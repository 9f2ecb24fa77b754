package cn.jinhua.ducha.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The security headers of every answer, API and dashboard alike (Spring Security adds nosniff, frame denial and
 * no-store for authenticated pages itself). Scripts come from this server only: the dashboard has no inline script
 * and loads ECharts from its WebJar, so a text that slipped into a page could not run; styles may be inline because
 * ECharts sets them on the elements it draws.
 */
public final class WebHeaders {

    /** The Content-Security-Policy the dashboard passes (its browser tests run under it). */
    public static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private WebHeaders() {
    }

    /** Applies the headers to a filter chain. */
    public static void apply(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny);
    }
}
