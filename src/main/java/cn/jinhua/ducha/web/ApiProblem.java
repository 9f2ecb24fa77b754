package cn.jinhua.ducha.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered as problem+json: the status, the kind of problem, a detail in Chinese and
 * English, and every field at fault.
 */
public final class ApiProblem extends RuntimeException {

    /** A field at fault: its path ("facts.tax.online_pct", "unit") and why, in Chinese and English. */
    public record FieldError(String field, String message) {
    }

    private final HttpStatus status;
    private final ProblemType type;
    private final transient List<FieldError> errors;

    ApiProblem(HttpStatus status, ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemType.INVALID_FIELD, field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemType.NOT_FOUND, detail, List.of());
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, ProblemType.FORBIDDEN, detail, List.of());
    }

    /** Refused because of one field's value: the user may not act on what it names. */
    static ApiProblem forbidden(String field, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, ProblemType.FORBIDDEN, detail,
                List.of(new FieldError(field, detail)));
    }

    public HttpStatus status() {
        return status;
    }

    ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
