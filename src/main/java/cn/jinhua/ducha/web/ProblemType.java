package cn.jinhua.ducha.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The kinds of problem the API answers with (RFC 9457); each one's title, in Chinese and in English, is in
 * web/messages*.properties under {@link #titleKey()}.
 */
enum ProblemType {
    BAD_REQUEST("bad-request"),
    INVALID_FIELD("invalid-field"),
    SHEET_REJECTED("sheet-rejected"),
    TOO_LARGE("too-large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not-found"),
    METHOD_NOT_ALLOWED("method-not-allowed"),
    NOT_ACCEPTABLE("not-acceptable"),
    CONFLICT("conflict"),
    TOO_MANY_REQUESTS("too-many-requests"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),
    RULES_REJECTED("rules-rejected"),
    INTERNAL("internal");

    private final String slug;

    ProblemType(String slug) {
        this.slug = slug;
    }

    URI uri() {
        return URI.create("urn:ducha:problem:" + slug);
    }

    /** The key of its title in the message files (web/messages*.properties). */
    String titleKey() {
        return "problem." + slug;
    }

    /**
     * What the problem means in plain words, Chinese then English, where the type says enough by itself; null where
     * only the case at hand can say it.
     */
    String says() {
        return switch (this) {
            case TOO_LARGE -> "上传内容超过上限 / the upload is over the limit";
            case NOT_FOUND -> "没有这个地址 / no such address";
            case METHOD_NOT_ALLOWED -> "该地址不支持此方法 / this method is not allowed here";
            case UNSUPPORTED_MEDIA_TYPE -> "不支持的内容类型 / unsupported content type";
            case INTERNAL -> "服务器内部错误，已记录日志 / an internal error, logged";
            default -> null;
        };
    }

    /** The problem type an HTTP status stands for where nothing more specific is known. */
    static ProblemType of(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            default -> HttpStatus.valueOf(status).is5xxServerError() ? INTERNAL : BAD_REQUEST;
        };
    }
}
