package cn.jinhua.ducha.web;

import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Errors the servlet container raises outside MVC (a filter's failure, a malformed request, a page that does not
 * exist) reach {@code /error}: answered as problem+json like every other error of the API, and as the dashboard's
 * error page for any other path ({@link ErrorPage}), instead of Spring Boot's white-label page.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final Problems problems;
    private final LocaleResolver languages;

    ProblemErrorController(Problems problems, LocaleResolver languages) {
        this.problems = problems;
        this.languages = languages;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && !Languages.isApi(uri.toString())) {
            return ErrorPage.of(status, request, uri.toString(), languages.resolveLocale(request));
        }
        ProblemType type = ProblemType.of(status.value());
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = type.says() != null ? type.says() : "请求无法处理 / the request cannot be handled"
                + (message == null || message.toString().isBlank() ? "" : ": " + message);
        ProblemDetail body = problems.problem(status, type, detail, List.of(), request);
        if (uri != null) {
            body.setInstance(java.net.URI.create(uri.toString()));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, headers, status);
    }
}
