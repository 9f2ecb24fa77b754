package cn.jinhua.ducha.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/** The kinds of problem the API answers with (RFC 9457), each with its title in Chinese and in English. */
enum ProblemType {
    BAD_REQUEST("bad-request", "请求有误", "Bad request"),
    INVALID_FIELD("invalid-field", "字段有误", "A field is invalid"),
    SHEET_REJECTED("sheet-rejected", "报表未通过校验", "The sheet was rejected"),
    TOO_LARGE("too-large", "上传内容过大", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "不支持的格式", "Unsupported media type"),
    UNAUTHORIZED("unauthorized", "需要登录", "Login required"),
    FORBIDDEN("forbidden", "无权操作", "Forbidden"),
    NOT_FOUND("not-found", "未找到", "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", "不支持该方法", "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", "无法提供所要的格式", "Not acceptable"),
    CONFLICT("conflict", "与当前状态冲突", "Conflict with the current state"),
    TOO_MANY_REQUESTS("too-many-requests", "请求过多，请稍后再试", "Too many requests"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "幂等键已用于另一请求", "Idempotency key reused for another request"),
    RULES_REJECTED("rules-rejected", "规则无法编译，仍使用原规则", "The rules do not compile; the old rules stay in force"),
    INTERNAL("internal", "服务器内部错误", "Internal server error");

    private final String slug;
    private final String chinese;
    private final String english;

    ProblemType(String slug, String chinese, String english) {
        this.slug = slug;
        this.chinese = chinese;
        this.english = english;
    }

    URI uri() {
        return URI.create("urn:ducha:problem:" + slug);
    }

    /** The title in the language asked for: English when English comes first, Chinese otherwise. */
    String title(Locale locale) {
        return "en".equals(locale.getLanguage()) ? english : chinese;
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
