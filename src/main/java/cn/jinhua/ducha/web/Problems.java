package cn.jinhua.ducha.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.jinhua.ducha.catalogue.CatalogueException;
import cn.jinhua.ducha.store.StoreException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of the API as RFC 9457 problem+json, with its title in the language the request asks for
 * ({@link Languages}: Chinese unless English is picked or comes first) and details in Chinese and English. Errors
 * raised outside MVC (security, the servlet container) are written by {@link #write} and
 * {@link ProblemErrorController} in the same shape. Errors on other paths are the dashboard's ({@link ErrorPage}).
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final JsonMapper json;
    private final MessageSource messages;
    private final LocaleResolver languages;

    Problems(JsonMapper json, MessageSource messages, LocaleResolver languages) {
        this.json = json;
        this.messages = messages;
        this.languages = languages;
    }

    /** A problem with its title in the language the request asks for (Languages), details as given. */
    ProblemDetail problem(HttpStatusCode status, ProblemType type, String detail,
                          List<ApiProblem.FieldError> errors, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setType(type.uri());
        Locale locale = request == null ? Languages.CHINESE : languages.resolveLocale(request);
        body.setTitle(messages.getMessage(type.titleKey(), null, locale));
        body.setDetail(detail);
        if (request != null) {
            body.setInstance(java.net.URI.create(request.getRequestURI()));
        }
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return body;
    }

    /** Writes a problem straight to the response, for errors met before MVC (authentication, access). */
    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ProblemType type,
               String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem(status, type, detail, List.of(), request));
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem e, HttpServletRequest request) {
        return respond(e.status(), problem(e.status(), e.type(), e.getMessage(), e.errors(), request));
    }

    @ExceptionHandler({IllegalArgumentException.class, CatalogueException.class})
    ResponseEntity<ProblemDetail> badArgument(RuntimeException e, HttpServletRequest request,
                                              HttpServletResponse response) throws IOException {
        if (page(request, response, HttpStatus.BAD_REQUEST)) {
            return null;
        }
        return respond(HttpStatus.BAD_REQUEST,
                problem(HttpStatus.BAD_REQUEST, ProblemType.BAD_REQUEST, e.getMessage(), List.of(), request));
    }

    /** The store refuses a change the current state does not allow (closing a closed alert, say). */
    @ExceptionHandler(StoreException.class)
    ResponseEntity<ProblemDetail> conflict(StoreException e, HttpServletRequest request,
                                           HttpServletResponse response) throws IOException {
        if (page(request, response, HttpStatus.CONFLICT)) {
            return null;
        }
        return respond(HttpStatus.CONFLICT,
                problem(HttpStatus.CONFLICT, ProblemType.CONFLICT, e.getMessage(), List.of(), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        LOG.error("未预料的错误 / unexpected error at {}", request.getRequestURI(), e);
        if (page(request, response, HttpStatus.INTERNAL_SERVER_ERROR)) {
            return null;
        }
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, problem(HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemType.INTERNAL, ProblemType.INTERNAL.says(), List.of(), request));
    }

    /** A body that is not the JSON asked for: name the field, whatever Jackson found. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        if (passedToPage(request, HttpStatus.BAD_REQUEST)) {
            return null;
        }
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        String detail = "请求体不是所要求的 JSON / the body is not the JSON asked for";
        if (e.getCause() instanceof tools.jackson.core.exc.StreamReadException syntax
                && !String.valueOf(syntax.getOriginalMessage()).contains("Duplicate")) {
            // not JSON at all (cut short, a stray comma): the body is at fault, not the field the parser was in
            String reason = "不是合法的 JSON / not well-formed JSON: " + shorten(syntax.getOriginalMessage());
            errors.add(new ApiProblem.FieldError("(body)", reason));
            detail = "(body): " + reason;
        } else if (e.getCause() instanceof JacksonException j) {
            String field = j.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("(body)");
            String reason = j instanceof UnrecognizedPropertyException
                    ? "未知字段 / unknown field"
                    : j.getOriginalMessage().contains("Duplicate")
                    ? "键重复 / duplicate key"
                    : "值不合要求 / unacceptable value: " + shorten(j.getOriginalMessage());
            errors.add(new ApiProblem.FieldError(field, reason));
            detail = field + ": " + reason;
        }
        return new ResponseEntity<>(problem(HttpStatus.BAD_REQUEST, ProblemType.BAD_REQUEST, detail, errors, servlet),
                problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    /** A parser's message cut short: it may quote what was sent. */
    private static String shorten(String message) {
        String line = String.valueOf(message).lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    /** An upload over the multipart limit never reaches a controller: the file is the field at fault. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        if (passedToPage(request, HttpStatus.CONTENT_TOO_LARGE)) {
            return null;
        }
        String message = "上传内容超过上限 %d 字节 / the upload is over the limit of %d bytes"
                .formatted(cn.jinhua.ducha.factsheet.SheetReader.MAX_BYTES,
                        cn.jinhua.ducha.factsheet.SheetReader.MAX_BYTES);
        return new ResponseEntity<>(problem(HttpStatus.CONTENT_TOO_LARGE, ProblemType.TOO_LARGE, message,
                List.of(new ApiProblem.FieldError("file", message)), servlet), problemHeaders(),
                HttpStatus.CONTENT_TOO_LARGE);
    }

    /** Spring's own problems (405, 406, 413, 415 ...) with our type and a title in the language asked for. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        if (passedToPage(request, status)) {
            return null;
        }
        String detail = body instanceof ProblemDetail p && p.getDetail() != null ? p.getDetail() : e.getMessage();
        ProblemType type = ProblemType.of(status.value());
        HttpHeaders merged = new HttpHeaders();
        merged.addAll(headers);
        merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String says = type.says() == null ? detail : type.says() + ": " + detail;
        return new ResponseEntity<>(problem(status, type, says, List.of(), servlet), merged, status);
    }

    /**
     * Errors on a path that is not the API's (a page that does not exist, a form sent with the wrong method) are the
     * dashboard's: the status goes to the container, whose /error answers with the error page (ErrorPage), never
     * with problem+json. Errors inside the dashboard's controllers are answered by the dashboard itself.
     *
     * @return whether the error was passed on (and there is nothing more to answer)
     */
    private static boolean page(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status)
            throws IOException {
        if (request == null || response == null || Languages.isApi(request.getRequestURI())
                || response.isCommitted()) {
            return false;
        }
        response.sendError(status.value());
        return true;
    }

    /** {@link #page} for Spring's own exceptions, which come with a WebRequest. */
    private static boolean passedToPage(WebRequest request, HttpStatusCode status) {
        NativeWebRequest web = (NativeWebRequest) request;
        try {
            return page(web.getNativeRequest(HttpServletRequest.class),
                    web.getNativeResponse(HttpServletResponse.class), status);
        } catch (IOException unsent) {
            // the client has gone: there is no one left to answer
            return true;
        }
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail body) {
        return new ResponseEntity<>(body, problemHeaders(), status);
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }
}
