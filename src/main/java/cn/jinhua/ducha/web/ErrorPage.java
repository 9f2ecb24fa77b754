package cn.jinhua.ducha.web;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dashboard's page for an error (templates/dashboard/error.html): the status, what it means in the user's
 * language, the way back and the other language; never the API's problem+json nor a stack trace. The API answers its
 * own errors with problem+json ({@link Problems}); whatever fails on any other path gets this page, whether a
 * dashboard controller failed (dashboard.Pages) or the request never reached one ({@link ProblemErrorController}).
 */
public final class ErrorPage {

    private ErrorPage() {
    }

    /**
     * The page for {@code status}.
     *
     * @param path the path that failed (the request's own, or the one the container forwards to /error from)
     */
    public static ModelAndView of(HttpStatusCode status, HttpServletRequest request, String path, Locale locale) {
        ModelAndView page = new ModelAndView("dashboard/error", status);
        page.addObject("status", status.value());
        page.addObject("reason", reason(status.value()));
        page.addObject("english", "en".equals(locale.getLanguage()));
        page.addObject("back", back(request, path));
        page.addObject("otherLanguage", UriComponentsBuilder.fromPath(path == null ? "/overview" : path)
                .queryParam("lang", "en".equals(locale.getLanguage()) ? "zh" : "en").build().toUriString());
        return page;
    }

    /** The message key that says what the status means to a person. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "error.badRequest";
            case 403 -> "error.forbidden";
            case 404 -> "error.notFound";
            case 405 -> "error.methodNotAllowed";
            case 409 -> "error.conflict";
            case 413 -> "error.tooLarge";
            default -> status >= 500 ? "error.internal" : "error.badRequest";
        };
    }

    /**
     * Where the user came from, as a path on this site (the Referer's path and query, never its host, so the link
     * cannot lead elsewhere); null when there is none or it is the page that failed.
     */
    private static String back(HttpServletRequest request, String path) {
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            String back = uri.getRawPath();
            if (back == null || !back.startsWith("/") || back.startsWith("//") || back.equals(path)) {
                return null;
            }
            return uri.getRawQuery() == null ? back : back + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
