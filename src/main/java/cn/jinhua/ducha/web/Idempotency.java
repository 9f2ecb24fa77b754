package cn.jinhua.ducha.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import cn.jinhua.ducha.digest.Sha256;
import cn.jinhua.ducha.store.Store;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header): the first successful answer to a user's key
 * is kept with a hash of the request, in the same transaction as what the request stored. A retry with the same
 * key and body gets that answer again and stores nothing; the same key with another body is refused with 422.
 */
@Component
class Idempotency {

    private static final int MAX_KEY = 200;

    private final Store store;

    Idempotency(Store store) {
        this.store = store;
    }

    /** An answer as first given. */
    record Answer(int status, String body) {
    }

    /**
     * The answer for {@code key}: the stored one when this user sent this request before, else {@code work}'s on what
     * {@code prepare} made, kept for next time. {@code prepare} (reading and checking a sheet, say) runs outside the
     * transaction that stores the answer, so that it holds no lock while it works; {@code work} runs inside it.
     * Without a key, just {@code work}'s on {@code prepare}'s.
     */
    <T> Answer answer(String username, String key, byte[] request, Supplier<T> prepare, Function<T, Answer> work) {
        if (key == null) {
            return work.apply(prepare.get());
        }
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw ApiProblem.invalid("Idempotency-Key", "须为 1–%d 个字符 / must be 1 to %d characters"
                    .formatted(MAX_KEY, MAX_KEY));
        }
        String hash = sha256(request);
        Optional<Answer> earlier = earlier(username, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        T prepared = prepare.get();
        try {
            return store.inTransaction(() -> {
                Answer answer = work.apply(prepared);
                store.jdbc().sql("""
                                insert into idempotency_key (username, idem_key, request_sha256, response_status,
                                                             response_body, created_at)
                                values (?, ?, ?, ?, ?, ?)""")
                        .params(username, key, hash, answer.status(), answer.body(),
                                OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC))
                        .update();
                return answer;
            });
        } catch (DuplicateKeyException raced) {
            // Another request with this key committed first; this one's work was rolled back with the insert.
            return earlier(username, key, hash).orElseThrow(() -> raced);
        }
    }

    private Optional<Answer> earlier(String username, String key, String hash) {
        return store.jdbc().sql("""
                        select request_sha256, response_status, response_body from idempotency_key
                        where username = ? and idem_key = ?""")
                .params(username, key)
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(hash)) {
                        throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "幂等键 %s 已用于另一个请求体 / the Idempotency-Key %s was used with another body"
                                        .formatted(key, key),
                                List.of(new ApiProblem.FieldError("Idempotency-Key",
                                        "已用于另一个请求体 / already used with another body")));
                    }
                    return new Answer(rs.getInt(2), rs.getString(3));
                })
                .optional();
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
