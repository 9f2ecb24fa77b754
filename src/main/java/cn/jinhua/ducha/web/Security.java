package cn.jinhua.ducha.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what (README.md, "Roles"). The API is stateless, HTTP Basic, no cookies and so no CSRF to guard
 * against; each URL names the roles that may call it, and the controllers check each object (a county supervisor's
 * unit) as well. Health and the OpenAPI description are open; everything else needs a login.
 */
@Configuration
class Security {

    private static final String COUNTY = Role.COUNTY.name();
    private static final String CITY = Role.CITY.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Problems problems) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                        "/error")
                .csrf(csrf -> csrf.disable())
                .headers(WebHeaders::apply)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("ducha").authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ducha\", charset=\"UTF-8\"");
                    problems.write(request, response, HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHORIZED,
                            "需要登录(HTTP Basic) / a login is required (HTTP Basic)");
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
                                "/api/alerts/*/close").hasRole(CITY)
                        .requestMatchers(HttpMethod.POST, "/api/sheets", "/api/alerts/*/ack").hasAnyRole(COUNTY, CITY)
                        .requestMatchers(HttpMethod.GET, "/api/sheets/**", "/api/evaluations/**", "/api/verdicts/**",
                                "/api/alerts/**", "/api/waivers/**", "/api/templates/**")
                        .hasAnyRole(COUNTY, CITY, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/catalogue", "/api/units", "/api/me").authenticated()
                        .requestMatchers("/actuator/info").hasRole(ADMIN)
                        .anyRequest().denyAll());
        return http.build();
    }
}
