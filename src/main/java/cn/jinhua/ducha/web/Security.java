package cn.jinhua.ducha.web;

import java.time.Clock;
import java.time.Duration;

import cn.jinhua.ducha.store.Store;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what (docs/api.md, "Roles"). The API is stateless, HTTP Basic or a Bearer token, no cookies and so no
 * CSRF to guard against; each URL names the roles that may call it, and the controllers check each object (a county
 * supervisor's unit) as well. Health and the OpenAPI description are open; everything else needs a login.
 * Password logins, here and on the dashboard, go through one {@link AuthenticationManager} that throttles them
 * ({@link LoginThrottle}).
 */
@Configuration
class Security {

    private static final String COUNTY = Role.COUNTY.name();
    private static final String CITY = Role.CITY.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String ADMIN = Role.ADMIN.name();

    /** Failed logins counted per username and per address (docs/api.md, "Signing in"). */
    @Bean
    LoginThrottle loginThrottle(Clock clock, @Value("${ducha.login.failures-per-user:5}") int perUser,
                                @Value("${ducha.login.failures-per-address:20}") int perAddress,
                                @Value("${ducha.login.window:15m}") Duration window,
                                @Value("${ducha.login.cooling:15m}") Duration cooling) {
        return new LoginThrottle(clock, perUser, perAddress, window, cooling);
    }

    /** Usernames and passwords, for HTTP Basic and the dashboard's form: throttled, then checked with BCrypt. */
    @Bean
    AuthenticationManager passwordLogins(Users users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledLogins(passwords, throttle));
    }

    @Bean
    ApiTokens apiTokens(Store store, Users users) {
        return new ApiTokens(store, users);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Problems problems, AuthenticationManager logins, ApiTokens tokens)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                        "/error")
                .csrf(csrf -> csrf.disable())
                .headers(WebHeaders::apply)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(logins)
                .addFilterBefore(new BearerTokens(tokens, problems), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.realmName("ducha").authenticationEntryPoint((request, response, e) -> {
                    if (e instanceof LoginThrottledException throttled) {
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                        problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, ProblemType.TOO_MANY_REQUESTS,
                                throttled.getMessage());
                        return;
                    }
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ducha\", charset=\"UTF-8\"");
                    problems.write(request, response, HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHORIZED,
                            "需要登录(HTTP Basic 或 Bearer 令牌) / a login is required (HTTP Basic or a Bearer token)");
                }))
                .exceptionHandling(x -> x.accessDeniedHandler((request, response, e) ->
                        problems.write(request, response, HttpStatus.FORBIDDEN, ProblemType.FORBIDDEN,
                                "您的角色无权执行此操作 / your role may not do this")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics/**").hasRole(ADMIN)
                        .requestMatchers("/api/rules/**", "/api/users/**", "/api/webhooks/**").hasRole(ADMIN)
                        .requestMatchers("/api/audit/**", "/api/runs/*/replay").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/evaluations", "/api/waivers",
                                "/api/alerts/*/close", "/api/alerts/escalate").hasRole(CITY)
                        .requestMatchers(HttpMethod.POST, "/api/sheets", "/api/alerts/*/ack").hasAnyRole(COUNTY, CITY)
                        // a what-if stores nothing: whoever reads a unit may ask of it (checked per unit inside)
                        .requestMatchers(HttpMethod.POST, "/api/whatif").hasAnyRole(COUNTY, CITY, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/sheets/**", "/api/evaluations/**", "/api/verdicts/**",
                                "/api/alerts/**", "/api/waivers/**", "/api/templates/**", "/api/rankings")
                        .hasAnyRole(COUNTY, CITY, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/briefs/**").hasAnyRole(CITY, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/catalogue", "/api/units", "/api/me").authenticated()
                        .requestMatchers("/actuator/info").hasRole(ADMIN)
                        .anyRequest().denyAll());
        return http.build();
    }
}
