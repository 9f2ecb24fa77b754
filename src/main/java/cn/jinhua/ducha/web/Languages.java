package cn.jinhua.ducha.web;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of every answer, API and dashboard alike, decided in one place: the language the user picked on the
 * dashboard ({@code ?lang=en} or {@code ?lang=zh}, kept in the {@value #COOKIE} cookie for a year), else the first of
 * English or Chinese in {@code Accept-Language}, else Chinese. One message source holds the words of both: the API's
 * ({@code web/messages}) and the dashboard's ({@code dashboard/messages}); each has a Chinese file and an English one
 * with the same keys (MessagesTests). The sentences of verdicts and alerts are rendered when a run is recorded, in
 * both languages (evaluation.Wording), and shown in the one this resolver picks.
 */
@Configuration
public class Languages implements WebMvcConfigurer {

    /** The cookie that keeps the language a user picked. */
    public static final String COOKIE = "ducha-lang";

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /** The paths answered as the API (problem+json on error) rather than as pages of the dashboard. */
    private static final String[] API = {"/api/", "/actuator", "/v3/api-docs", "/swagger-ui"};

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
        resolver.setDefaultLocaleFunction(Languages::asked);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    /** The API's words and the dashboard's; no fallback to the machine's locale, which would make it English. */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("web/messages", "dashboard/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** {@code ?lang=} switches the dashboard's language; the API is told by {@code Accept-Language}. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        registry.addInterceptor(change).excludePathPatterns("/api/**");
    }

    /** The language a request asks for: English when its first known language is English, Chinese otherwise. */
    static Locale asked(HttpServletRequest request) {
        String header = request == null ? null : request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (header != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    if (range.getRange().startsWith("en")) {
                        return Locale.ENGLISH;
                    }
                    if (range.getRange().startsWith("zh")) {
                        return CHINESE;
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed header asks for nothing: the default language.
            }
        }
        return CHINESE;
    }

    /** Whether a path is the API's (answered with problem+json) rather than a page of the dashboard. */
    public static boolean isApi(String path) {
        if (path == null) {
            return false;
        }
        for (String prefix : API) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
