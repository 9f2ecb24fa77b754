package cn.jinhua.ducha.web;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import cn.jinhua.ducha.digest.Sha256;
import cn.jinhua.ducha.store.Store;

/**
 * API tokens for automated submitters: an administrator issues one for a user, it is shown once, and it is sent as
 * {@code Authorization: Bearer <token>}. A token acts as its user, with the user's role and unit, until it expires
 * or is revoked, and only while the user is enabled. Checking one costs a SHA-256 and one indexed query, not a
 * BCrypt hash.
 */
public final class ApiTokens {

    /** Tokens start with this, so that a leaked one is recognisable (secret scanners, logs). */
    static final String PREFIX = "dch_";
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 366;
    /** last_used_at is written at most this often per token, so that a busy submitter is not a write per request. */
    private static final Duration LAST_USED_GRAIN = Duration.ofMinutes(1);
    private static final int RANDOM_BYTES = 32;

    private final Store store;
    private final Users users;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(Store store, Users users) {
        this.store = store;
        this.users = users;
    }

    /** The tokens of {@code store}, as the command line manages them. */
    public static ApiTokens over(Store store, Users users) {
        return new ApiTokens(store, users);
    }

    /** A token as listed: never the token itself, which only {@link Issued} carries, once. */
    public record Token(long id, String username, String name, String createdBy, Instant createdAt, Instant expiresAt,
                        Instant lastUsedAt, Instant revokedAt, String revokedBy) {
    }

    /** A token just issued: {@code token} is shown now and never again. */
    public record Issued(long id, String username, String name, Instant createdAt, Instant expiresAt, String token) {
    }

    /**
     * Issues a token for {@code username}, valid for {@code days} days (1 to 366; null means 90).
     *
     * @throws ApiProblem naming the field that is wrong, or 404 for an unknown user
     */
    public Issued issue(String username, String name, Integer days, String by) {
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalid("name", "令牌名称须为 1–100 个字符，不含控制字符 / a token's name is 1 to 100 "
                    + "characters without control characters");
        }
        int valid = days == null ? DEFAULT_DAYS : days;
        if (valid < 1 || valid > MAX_DAYS) {
            throw ApiProblem.invalid("days", "有效天数须在 1 到 %d 之间 / days must be between 1 and %d"
                    .formatted(MAX_DAYS, MAX_DAYS));
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return store.inTransaction(() -> {
            Viewer user = users.existing(username);
            Instant now = store.now();
            Instant expires = now.plus(Duration.ofDays(valid));
            store.jdbc().sql("""
                            insert into api_token (username, name, token_sha256, created_by, created_at, expires_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(user.username(), name, sha256(token), by, Users.at(now), Users.at(expires))
                    .update();
            long id = store.jdbc().sql("select id from api_token where token_sha256 = ?").param(sha256(token))
                    .query(Long.class).single();
            users.record(user.username(), Users.Event.TOKEN_ISSUED,
                    "#%d %s, expires %s".formatted(id, name, expires), by);
            return new Issued(id, user.username(), name, now, expires, token);
        });
    }

    /** The tokens of {@code username}, revoked and expired ones included, newest first. */
    public List<Token> list(String username) {
        Viewer user = users.existing(username);
        return store.jdbc().sql("select * from api_token where username = ? order by id desc").param(user.username())
                .query(ApiTokens::token).list();
    }

    /**
     * Revokes token {@code id} of {@code username}: it stops working at once. Revoking a revoked token changes and
     * records nothing.
     *
     * @throws ApiProblem 404 when the user has no such token
     */
    public Token revoke(String username, long id, String by) {
        return store.inTransaction(() -> {
            Viewer user = users.existing(username);
            Token token = store.jdbc().sql("select * from api_token where id = ? and username = ?")
                    .params(id, user.username()).query(ApiTokens::token).optional()
                    .orElseThrow(() -> ApiProblem.notFound("用户 %s 没有令牌 %d / the user %s has no token %d"
                            .formatted(user.username(), id, user.username(), id)));
            if (token.revokedAt() != null) {
                return token;
            }
            store.jdbc().sql("update api_token set revoked_at = ?, revoked_by = ? where id = ?")
                    .params(Users.at(store.now()), by, id).update();
            users.record(user.username(), Users.Event.TOKEN_REVOKED, "#%d %s".formatted(id, token.name()), by);
            return store.jdbc().sql("select * from api_token where id = ?").param(id).query(ApiTokens::token)
                    .single();
        });
    }

    /**
     * The user a presented token acts for: empty when it is unknown, revoked or expired, or its user is disabled.
     * Notes when it was last used (to the minute).
     */
    Optional<Viewer> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        Instant now = store.now();
        record Found(long id, Instant expiresAt, Instant lastUsedAt, Viewer user) {
        }
        Optional<Found> found = store.jdbc().sql("""
                        select t.id, t.expires_at, t.last_used_at, u.*
                        from api_token t join app_user u on u.username = t.username
                        where t.token_sha256 = ? and t.revoked_at is null""")
                .param(sha256(presented))
                .query((rs, n) -> new Found(rs.getLong("id"), instant(rs, "expires_at"), instant(rs, "last_used_at"),
                        Users.viewer(rs, n)))
                .optional();
        if (found.isEmpty() || !now.isBefore(found.get().expiresAt()) || !found.get().user().enabled()) {
            return Optional.empty();
        }
        Found f = found.get();
        if (f.lastUsedAt() == null || !now.isBefore(f.lastUsedAt().plus(LAST_USED_GRAIN))) {
            store.jdbc().sql("update api_token set last_used_at = ? where id = ?").params(Users.at(now), f.id())
                    .update();
        }
        return Optional.of(f.user());
    }

    /**
     * SHA-256, hex. A token is 256 random bits, so nobody can guess it or search for it from its hash; a slow
     * password hash (BCrypt) only defends low-entropy secrets that a dictionary could find, and would cost every
     * request the tens of milliseconds that tokens exist to save. The hash lets the store find a token by index.
     */
    static String sha256(String token) {
        return Sha256.hex(token);
    }

    private static Token token(ResultSet rs, int n) throws SQLException {
        return new Token(rs.getLong("id"), rs.getString("username"), rs.getString("name"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"), rs.getString("revoked_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
