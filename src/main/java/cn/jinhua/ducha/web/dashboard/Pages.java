package cn.jinhua.ducha.web.dashboard;

import java.util.Locale;

import cn.jinhua.ducha.web.Viewer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What every page's frame needs: who is signed in, the language, where ECharts is served; and the pages' refusals.
 * It comes before the API's Problems advice (which answers problem+json), but only for the dashboard's controllers.
 */
@ControllerAdvice(basePackageClasses = Pages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Pages {

    /** ECharts from its WebJar (org.webjars.npm:echarts in pom.xml); the machines reach no CDN. */
    static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";

    @ModelAttribute("viewer")
    Viewer viewer(@AuthenticationPrincipal Viewer viewer) {
        return viewer;
    }

    @ModelAttribute("english")
    boolean english(Locale locale) {
        return Words.english(locale);
    }

    /** This page again in the other language. */
    @ModelAttribute("otherLanguage")
    String otherLanguage(Locale locale) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("lang", Words.english(locale) ? "zh" : "en").build().toUriString();
    }

    /**
     * What one may not read does not exist (404, as in the API), and what one may not do is refused (403): both as a
     * page of the dashboard rather than the API's problem+json.
     */
    @ExceptionHandler(ResponseStatusException.class)
    String refused(ResponseStatusException e, HttpServletResponse response, Model model) {
        response.setStatus(e.getStatusCode().value());
        model.addAttribute("status", e.getStatusCode().value());
        return "dashboard/error";
    }

    @ModelAttribute("echarts")
    String echarts() {
        return ECHARTS;
    }
}
