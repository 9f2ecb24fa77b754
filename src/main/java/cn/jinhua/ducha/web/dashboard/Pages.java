package cn.jinhua.ducha.web.dashboard;

import java.util.Locale;

import cn.jinhua.ducha.web.Viewer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every page's frame needs: who is signed in, the language, where ECharts is served. */
@ControllerAdvice(basePackageClasses = Pages.class)
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

    @ModelAttribute("echarts")
    String echarts() {
        return ECHARTS;
    }
}
