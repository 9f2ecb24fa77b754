package cn.jinhua.ducha.web;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.store.AuditChain;
import cn.jinhua.ducha.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users of {@code ducha serve}, in the store, with hashed passwords (BCrypt through Spring Security's
 * delegating encoder). The first administrator comes from configuration. Every change to a user (added, disabled,
 * enabled, password reset, role changed, and through {@link ApiTokens} a token issued or revoked) is a
 * {@code user_event} in the audit chain: who did what to whom, never a password or a token.
 */
public final class Users implements UserDetailsService {

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    private static final int MIN_PASSWORD = 8;

    /** What can happen to a user, as user_event records it. */
    public enum Event {
        ADDED, DISABLED, ENABLED, PASSWORD_RESET, ROLE_CHANGED, TOKEN_ISSUED, TOKEN_REVOKED
    }

    private final Store store;
    private final PasswordEncoder encoder;
    private final Supplier<Catalogue> catalogue;

    Users(Store store, PasswordEncoder encoder, Supplier<Catalogue> catalogue) {
        this.store = store;
        this.encoder = encoder;
        this.catalogue = catalogue;
    }

    /** The users of {@code store}, as the command line manages them: the same rules and encoder as the server. */
    public static Users over(Store store, Supplier<Catalogue> catalogue) {
        return new Users(store, PasswordEncoderFactories.createDelegatingPasswordEncoder(), catalogue);
    }

    /** A user as the API shows it: never the password's hash. */
    public record Account(String username, Role role, String roleLabel, String unit, boolean enabled) {
    }

    /** One event of a user's lifecycle, as recorded. */
    public record Recorded(long id, String username, Event event, String detail, String actor, Instant at) {
    }

    @Override
    public Viewer loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException(username));
    }

    Optional<Viewer> find(String username) {
        return store.jdbc().sql("select * from app_user where username = ?").param(username)
                .query(Users::viewer).optional();
    }

    public List<Account> list() {
        return store.jdbc().sql("select * from app_user order by role, unit, username").query(Users::viewer).list()
                .stream().map(Users::account).toList();
    }

    /**
     * Adds a user. A county supervisor needs a county-level unit; no other role has one.
     *
     * @throws ApiProblem naming the field that is wrong
     */
    public Account add(String username, String password, Role role, String unit, String by) {
        if (username == null || !username.matches("[A-Za-z0-9_.@-]{2,100}")) {
            throw ApiProblem.invalid("username", "用户名须为 2–100 个字母、数字或 _ . @ - / "
                    + "a username is 2 to 100 letters, digits or _ . @ -");
        }
        checkPassword(password);
        String id = unitFor(role, unit);
        return store.inTransaction(() -> {
            // Lanxi and lanxi would be two accounts that people cannot tell apart: a name is taken in any case
            boolean taken = store.jdbc().sql("select count(*) from app_user where lower(username) = lower(?)")
                    .param(username).query(Long.class).single() > 0;
            if (taken) {
                throw new ApiProblem(HttpStatus.CONFLICT, ProblemType.CONFLICT,
                        "用户 %s 已存在 / the user %s already exists".formatted(username, username),
                        List.of(new ApiProblem.FieldError("username", "已存在 / exists already")));
            }
            store.jdbc().sql("""
                            insert into app_user (username, password_hash, role, unit, enabled, created_by, created_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(username, encoder.encode(password), role.name(), id, true, by, at(store.now()))
                    .update();
            record(username, Event.ADDED, describe(role, id), by);
            return account(find(username).orElseThrow());
        });
    }

    /**
     * Disables a user: their logins and API tokens stop working at once. The last enabled administrator cannot be
     * disabled. Disabling a disabled user changes and records nothing.
     */
    public Account disable(String username, String by) {
        return store.inTransaction(() -> {
            Viewer user = existing(username);
            if (!user.enabled()) {
                return account(user);
            }
            keepAnAdministrator(user, "禁用", "disable");
            store.jdbc().sql("update app_user set enabled = false where username = ?").param(user.username()).update();
            record(user.username(), Event.DISABLED, null, by);
            return account(existing(username));
        });
    }

    /** Enables a disabled user again; enabling an enabled user changes and records nothing. */
    public Account enable(String username, String by) {
        return store.inTransaction(() -> {
            Viewer user = existing(username);
            if (user.enabled()) {
                return account(user);
            }
            store.jdbc().sql("update app_user set enabled = true where username = ?").param(user.username()).update();
            record(user.username(), Event.ENABLED, null, by);
            return account(existing(username));
        });
    }

    /** Sets a new password (the old one stops working at once); the record says that it was reset, not to what. */
    public Account resetPassword(String username, String password, String by) {
        checkPassword(password);
        String hash = encoder.encode(password);
        return store.inTransaction(() -> {
            Viewer user = existing(username);
            store.jdbc().sql("update app_user set password_hash = ? where username = ?")
                    .params(hash, user.username()).update();
            record(user.username(), Event.PASSWORD_RESET, null, by);
            return account(user);
        });
    }

    /**
     * Gives a user another role (and unit, for a county supervisor). The last enabled administrator keeps the role.
     *
     * @throws ApiProblem naming the field that is wrong
     */
    public Account changeRole(String username, Role role, String unit, String by) {
        String id = unitFor(role, unit);
        return store.inTransaction(() -> {
            Viewer user = existing(username);
            if (user.role() == role && Objects.equals(user.unit(), id)) {
                return account(user);
            }
            if (role != Role.ADMIN) {
                keepAnAdministrator(user, "改变角色", "change the role of");
            }
            store.jdbc().sql("update app_user set role = ?, unit = ? where username = ?")
                    .params(role.name(), id, user.username()).update();
            record(user.username(), Event.ROLE_CHANGED, describe(user.role(), user.unit()) + " → " + describe(role, id),
                    by);
            return account(existing(username));
        });
    }

    /** The lifecycle of one user, oldest first. */
    public List<Recorded> history(String username) {
        Viewer user = existing(username);
        return store.jdbc().sql("select * from user_event where username = ? order by id").param(user.username())
                .query((rs, n) -> new Recorded(rs.getLong("id"), rs.getString("username"),
                        Event.valueOf(rs.getString("event")), rs.getString("detail"), rs.getString("actor"),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * Records what happened to {@code username} and chains it; call inside {@link Store#inTransaction}.
     *
     * @param detail what changed, never a secret; may be null
     */
    void record(String username, Event event, String detail, String by) {
        store.jdbc().sql("insert into user_event (username, event, detail, actor, at) values (?, ?, ?, ?, ?)")
                .params(username, event.name(), detail, by, at(store.now())).update();
        long id = store.jdbc().sql("select max(id) from user_event").query(Long.class).single();
        store.audit().append(AuditChain.Kind.USER_EVENT, Long.toString(id));
    }

    /** The user called {@code username}, or a 404 naming it. */
    Viewer existing(String username) {
        return find(username).orElseThrow(() -> ApiProblem.notFound("没有用户 %s / there is no user %s"
                .formatted(username, username)));
    }

    /**
     * Makes sure an administrator exists: the configured one, with the configured password, when the store has no
     * administrator yet. Without a configured password one is made up and logged once, as Spring Boot does.
     */
    void ensureAdmin(String username, String password) {
        int admins = store.jdbc().sql("select count(*) from app_user where role = 'ADMIN'").query(Integer.class)
                .single();
        if (admins > 0) {
            return;
        }
        String chosen = password;
        if (chosen == null || chosen.isBlank()) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            chosen = HexFormat.of().formatHex(bytes);
            LOG.warn("首个管理员 {} 的密码(仅显示这一次)/ the first administrator {}'s password (shown once): {}",
                    username, username, chosen);
        }
        add(username, chosen, Role.ADMIN, null, "configuration");
    }

    private void keepAnAdministrator(Viewer user, String chinese, String english) {
        if (user.role() != Role.ADMIN || !user.enabled()) {
            return;
        }
        long others = store.jdbc().sql("""
                        select count(*) from app_user where role = 'ADMIN' and enabled = true and username <> ?""")
                .param(user.username()).query(Long.class).single();
        if (others == 0) {
            throw new ApiProblem(HttpStatus.CONFLICT, ProblemType.CONFLICT,
                    "不能%s最后一个可用的管理员 %s / cannot %s %s, the last enabled administrator"
                            .formatted(chinese, user.username(), english, user.username()),
                    List.of(new ApiProblem.FieldError("username", "最后一个可用的管理员 / the last enabled administrator")));
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiProblem.invalid("password", "密码至少 %d 位 / a password has at least %d characters"
                    .formatted(MIN_PASSWORD, MIN_PASSWORD));
        }
    }

    /** The unit a user of {@code role} belongs to: a county-level unit for a county supervisor, none otherwise. */
    private String unitFor(Role role, String unit) {
        if (role == null) {
            throw ApiProblem.invalid("role", "缺少角色(COUNTY、CITY、AUDITOR、ADMIN) / role is missing "
                    + "(COUNTY, CITY, AUDITOR, ADMIN)");
        }
        if (role == Role.COUNTY) {
            Unit u = unit == null ? null : catalogue.get().unit(unit).orElse(null);
            if (u == null || !u.isLocal()) {
                throw ApiProblem.invalid("unit", "区县督查员须属于一个县级单位，\"%s\" 不是 / a county supervisor needs "
                        .formatted(unit) + "a county-level unit, and \"" + unit + "\" is not one");
            }
            return u.id();
        }
        if (unit != null) {
            throw ApiProblem.invalid("unit", "只有区县督查员属于单位 / only a county supervisor has a unit");
        }
        return null;
    }

    private static String describe(Role role, String unit) {
        return unit == null ? role.name() : role.name() + " " + unit;
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Account account(Viewer v) {
        return new Account(v.username(), v.role(), v.role().label(), v.unit(), v.enabled());
    }

    static Viewer viewer(ResultSet rs, int n) throws SQLException {
        return new Viewer(rs.getString("username"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
                rs.getString("unit"), rs.getBoolean("enabled"));
    }
}
