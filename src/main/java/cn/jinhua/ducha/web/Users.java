package cn.jinhua.ducha.web;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users of {@code ducha serve}, in the store, with hashed passwords (BCrypt through Spring Security's
 * delegating encoder). The first administrator comes from configuration.
 */
public final class Users implements UserDetailsService {

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    private static final int MIN_PASSWORD = 8;

    private final Store store;
    private final PasswordEncoder encoder;
    private final RulesInForce rules;

    Users(Store store, PasswordEncoder encoder, RulesInForce rules) {
        this.store = store;
        this.encoder = encoder;
        this.rules = rules;
    }

    /** A user as the API shows it: never the password's hash. */
    public record Account(String username, Role role, String roleLabel, String unit, boolean enabled) {
    }

    @Override
    public Viewer loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException(username));
    }

    Optional<Viewer> find(String username) {
        return store.jdbc().sql("select * from app_user where username = ?").param(username)
                .query(Users::viewer).optional();
    }

    List<Account> list() {
        return store.jdbc().sql("select * from app_user order by role, unit, username").query(Users::viewer).list()
                .stream().map(Users::account).toList();
    }

    /**
     * Adds a user. A county supervisor needs a county-level unit; no other role has one.
     *
     * @throws ApiProblem naming the field that is wrong
     */
    Account add(String username, String password, Role role, String unit, String by) {
        if (username == null || !username.matches("[A-Za-z0-9_.@-]{2,100}")) {
            throw ApiProblem.invalid("username", "用户名须为 2–100 个字母、数字或 _ . @ - / "
                    + "a username is 2 to 100 letters, digits or _ . @ -");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiProblem.invalid("password", "密码至少 %d 位 / a password has at least %d characters"
                    .formatted(MIN_PASSWORD, MIN_PASSWORD));
        }
        if (role == null) {
            throw ApiProblem.invalid("role", "缺少角色(COUNTY、CITY、AUDITOR、ADMIN) / role is missing "
                    + "(COUNTY, CITY, AUDITOR, ADMIN)");
        }
        String unitId = null;
        if (role == Role.COUNTY) {
            Unit u = unit == null ? null : rules.current().catalogue().unit(unit).orElse(null);
            if (u == null || !u.isLocal()) {
                throw ApiProblem.invalid("unit", "区县督查员须属于一个县级单位，\"%s\" 不是 / a county supervisor needs "
                        .formatted(unit) + "a county-level unit, and \"" + unit + "\" is not one");
            }
            unitId = u.id();
        } else if (unit != null) {
            throw ApiProblem.invalid("unit", "只有区县督查员属于单位 / only a county supervisor has a unit");
        }
        String id = unitId;
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
                    .params(username, encoder.encode(password), role.name(), id, true, by,
                            OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC))
                    .update();
            return account(find(username).orElseThrow());
        });
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

    private static Account account(Viewer v) {
        return new Account(v.username(), v.role(), v.role().label(), v.unit(), v.enabled());
    }

    private static Viewer viewer(ResultSet rs, int n) throws SQLException {
        return new Viewer(rs.getString("username"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
                rs.getString("unit"), rs.getBoolean("enabled"));
    }
}
