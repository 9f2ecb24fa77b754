package cn.jinhua.ducha.web.dashboard;

import java.util.Locale;

import cn.jinhua.ducha.web.Viewer;
import cn.jinhua.ducha.store.StoreException;
import cn.jinhua.ducha.web.ErrorPage;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What every page's frame needs: who is signed in, the language, where ECharts is served; and the pages' refusals.
 * It comes before the API's Problems advice (which answers problem+json), but only for the dashboard's controllers.
 */
@ControllerAdvice(basePackageClasses = Pages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Pages {

    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

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
     * What one may not read does not exist (404, as in the API), and what one may not do is refused (403); whatever
     * else fails in a page is answered with a page too (ErrorPage: the status, what it means, the way back), never the
     * API's problem+json or a stack trace. Controllers that show an error beside a form catch it themselves.
     */
    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refused(ResponseStatusException e, HttpServletRequest request, Locale locale) {
        return ErrorPage.of(e.getStatusCode(), request, request.getRequestURI(), locale);
    }

    /** Spring's own refusals of a request (a missing or malformed parameter, an upload over the limit ...). */
    @ExceptionHandler(ErrorResponseException.class)
    ModelAndView badRequest(ErrorResponseException e, HttpServletRequest request, Locale locale) {
        return ErrorPage.of(e.getStatusCode(), request, request.getRequestURI(), locale);
    }

    @ExceptionHandler({TypeMismatchException.class, ServletRequestBindingException.class,
            IllegalArgumentException.class, MaxUploadSizeExceededException.class})
    ModelAndView malformed(Exception e, HttpServletRequest request, Locale locale) {
        HttpStatusCode status = e instanceof MaxUploadSizeExceededException
                ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return ErrorPage.of(status, request, request.getRequestURI(), locale);
    }

    /** The store refuses a change the current state does not allow (closing a closed alert, say). */
    @ExceptionHandler(StoreException.class)
    ModelAndView conflict(StoreException e, HttpServletRequest request, Locale locale) {
        return ErrorPage.of(HttpStatus.CONFLICT, request, request.getRequestURI(), locale);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, Locale locale) {
        LOG.error("页面出错 / a page failed at {}", request.getRequestURI(), e);
        return ErrorPage.of(HttpStatus.INTERNAL_SERVER_ERROR, request, request.getRequestURI(), locale);
    }

    @ModelAttribute("echarts")
    String echarts() {
        return ECHARTS;
    }
}
