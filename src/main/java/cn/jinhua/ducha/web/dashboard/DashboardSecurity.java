package cn.jinhua.ducha.web.dashboard;

import java.time.Duration;
import java.util.Locale;

import cn.jinhua.ducha.web.WebHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The dashboard's login and language. Everything the API's chain (web.Security, order 1) leaves is the dashboard's:
 * a form login with a session, CSRF tokens on every form, logout; the style sheet, the WebJars and the login page are
 * open, every other page needs a login, the audit pages an auditor, and the webhook deliveries an administrator. The language is Chinese unless the user
 * picks English ({@code ?lang=en}), kept in a cookie so that it survives the login.
 */
@Configuration
@PropertySource(value = "classpath:dashboard/dashboard.properties", encoding = "UTF-8")
class DashboardSecurity implements WebMvcConfigurer {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    @Bean
    @Order(2)
    SecurityFilterChain dashboard(HttpSecurity http) throws Exception {
        // redirects say a path, never a URL built from the request's Host header (which a client chooses)
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        login.setFavorRelativeUris(true);
        http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/overview", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .exceptionHandling(x -> x.accessDeniedPage("/denied").authenticationEntryPoint(login))
                .headers(WebHeaders::apply)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/login").permitAll()
                        .requestMatchers("/audit/**").hasRole("AUDITOR")
                        .requestMatchers("/deliveries/**").hasRole("ADMIN")
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Chinese by default; {@code ?lang=en} or {@code ?lang=zh} switches, for a year. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("ducha-lang");
        resolver.setDefaultLocale(CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        registry.addInterceptor(change).excludePathPatterns("/api/**");
    }
}
