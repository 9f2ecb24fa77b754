package cn.jinhua.ducha.web.dashboard;

import cn.jinhua.ducha.web.LoginThrottledException;
import cn.jinhua.ducha.web.WebHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The dashboard's login and language. Everything the API's chain (web.Security, order 1) leaves is the dashboard's:
 * a form login with a session (throttled as the API's Basic logins are), CSRF tokens on every form, logout; the style
 * sheet, the WebJars and the login page are open, every other page needs a login, the audit pages an auditor, the
 * webhook deliveries an administrator, and the 例会 brief a city supervisor or an auditor. The language is decided
 * with the API's, in one place (web.Languages).
 */
@Configuration
class DashboardSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain dashboard(HttpSecurity http, AuthenticationManager logins) throws Exception {
        // redirects say a path, never a URL built from the request's Host header (which a client chooses)
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        login.setFavorRelativeUris(true);
        // the API's throttled password logins (web.Security): a refused attempt comes back to the login page with
        // the minutes to wait, and costs no password check
        http.authenticationManager(logins)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/overview", false).permitAll()
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LoginThrottledException throttled
                                ? "/login?throttled=" + throttled.retryAfterMinutes() : "/login?error"))))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .exceptionHandling(x -> x.accessDeniedPage("/denied").authenticationEntryPoint(login))
                .headers(WebHeaders::apply)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/login").permitAll()
                        .requestMatchers("/audit/**").hasRole("AUDITOR")
                        .requestMatchers("/deliveries/**").hasRole("ADMIN")
                        .requestMatchers("/briefs/**").hasAnyRole("CITY", "AUDITOR")
                        .anyRequest().authenticated());
        return http.build();
    }
}
