package cn.jinhua.ducha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import cn.jinhua.ducha.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ducha users}: the same users, checks and audit records as /api/users, from the command line. */
class UsersCommandsTests {

    @TempDir
    Path dir;

    private Run ducha(String url, String... args) {
        return Run.of(List.of("--rules", "rules", "--db", url, "--by", "运维 ops"), (Object[]) args);
    }

    @Test
    void anAdministratorManagesUsersAndTokensFromTheCommandLineAndEveryChangeIsAudited() throws Exception {
        String url = Store.h2(dir.resolve("ducha").toString());
        Path password = Files.writeString(dir.resolve("password"), "lanxi-password-1\n");
        Run added = ducha(url, "users", "add", "lanxi", "--role", "COUNTY", "--unit", "lanxi", "--password-file",
                password.toString());
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(added.out()).contains("lanxi · 区县督查员 / county supervisor · lanxi · 启用 enabled");

        assertThat(ducha(url, "users", "disable", "lanxi").out()).contains("已停用 disabled");
        assertThat(ducha(url, "users", "enable", "lanxi").out()).contains("启用 enabled");
        Files.writeString(password, "lanxi-password-2\n");
        assertThat(ducha(url, "users", "reset-password", "lanxi", "--password-file", password.toString()).status())
                .isZero();
        assertThat(ducha(url, "users", "role", "lanxi", "--role", "CITY").out()).contains("市级督查员 / city supervisor");

        Run issued = ducha(url, "users", "token-issue", "lanxi", "--name", "报送脚本", "--days", "7");
        assertThat(issued.status()).as(issued.err()).isZero();
        String token = issued.out().strip();
        assertThat(token).startsWith("dch_");
        assertThat(issued.err()).contains("仅显示这一次").contains("shown once");
        Run tokens = ducha(url, "users", "tokens", "lanxi");
        assertThat(tokens.out()).contains("#1 报送脚本").doesNotContain(token);
        assertThat(ducha(url, "users", "token-revoke", "lanxi", "1").out()).contains("已撤销令牌 #1");
        assertThat(ducha(url, "users", "tokens", "lanxi").out()).contains("已撤销 revoked");

        Run history = ducha(url, "users", "history", "lanxi");
        assertThat(history.out().lines().map(l -> l.split(" ")[2]).toList()).containsExactly("ADDED", "DISABLED",
                "ENABLED", "PASSWORD_RESET", "ROLE_CHANGED", "TOKEN_ISSUED", "TOKEN_REVOKED");
        assertThat(history.out()).contains("运维 ops").doesNotContain("lanxi-password").doesNotContain(token);
        Run verified = ducha(url, "audit", "verify");
        assertThat(verified.status()).as(verified.out() + verified.err()).isZero();
    }

    @Test
    void aBadChangeNamesTheFieldAndChangesNothing() throws Exception {
        String url = Store.h2(dir.resolve("ducha").toString());
        Path password = Files.writeString(dir.resolve("password"), "short\n");
        Run refused = ducha(url, "users", "add", "someone", "--role", "CITY", "--password-file", password.toString());
        assertThat(refused.status()).isEqualTo(Ducha.FAILED);
        assertThat(refused.err()).contains("password: 密码至少 8 位 / a password has at least 8 characters");
        Run noUnit = ducha(url, "users", "add", "someone", "--role", "COUNTY", "--password-file", password.toString());
        assertThat(noUnit.status()).isEqualTo(Ducha.FAILED);
        assertThat(ducha(url, "users", "list").out()).doesNotContain("someone");
        assertThat(ducha(url, "users", "disable", "nobody").err()).contains("没有用户 nobody / there is no user nobody");
    }
}
