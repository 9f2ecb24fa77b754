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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors the servlet container raises outside MVC (a filter's failure, a malformed request) reach {@code /error}:
 * answered as problem+json like every other error, instead of Spring Boot's white-label page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemType type = ProblemType.of(status.value());
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = type.says() != null ? type.says() : "请求无法处理 / the request cannot be handled"
                + (message == null || message.toString().isBlank() ? "" : ": " + message);
        ProblemDetail body = Problems.problem(status, type, detail, List.of(), request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            body.setInstance(java.net.URI.create(uri.toString()));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, headers, status);
    }
}
