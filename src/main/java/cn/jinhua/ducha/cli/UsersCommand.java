package cn.jinhua.ducha.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.web.ApiTokens;
import cn.jinhua.ducha.web.Role;
import cn.jinhua.ducha.web.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha users}: the users of {@code ducha serve} and their API tokens, managed in the store directly (as the
 * API's /api/users does, with the same checks and the same audit records). Passwords are read from a file or
 * standard input, never from the command line, where other users of the machine could see them.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "服务的用户 / the server's users: add, list, disable, enable, reset-password, role, history, "
                + "token-issue, tokens, token-revoke.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class,
                UsersCommand.Enable.class, UsersCommand.ResetPassword.class, UsersCommand.ChangeRole.class,
                UsersCommand.History.class, UsersCommand.IssueToken.class, UsersCommand.ListTokens.class,
                UsersCommand.RevokeToken.class})
final class UsersCommand {

    @ParentCommand
    Ducha ducha;

    private Users users(Store store) {
        return Users.over(store, () -> Catalogue.load(ducha.rules()));
    }

    /** The first line of {@code file} ("-": standard input), the way {@code docker login --password-stdin} reads. */
    private static String password(Path file) {
        try {
            String text = file.toString().equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void print(Users.Account a) {
        ducha.out.printf("%s · %s%s · %s%n", a.username(), a.roleLabel(), a.unit() == null ? "" : " · " + a.unit(),
                a.enabled() ? "启用 enabled" : "已停用 disabled");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "添加用户 / adds a user.")
    static final class Add implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME", description = "用户名 / the username")
        String username;

        @Option(names = "--role", required = true, description = "角色 / COUNTY, CITY, AUDITOR or ADMIN")
        Role role;

        @Option(names = "--unit", description = "区县督查员的单位 / a county supervisor's unit")
        String unit;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "密码所在文件，- 为标准输入 / a file holding the password (first line); - for stdin")
        Path passwordFile;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                parent.print(parent.users(store).add(username, password(passwordFile), role, unit,
                        parent.ducha.actor()));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "列出用户 / lists the users.")
    static final class ListUsers implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                parent.users(store).list().forEach(parent::print);
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "停用用户，其登录与令牌立即失效 / disables a user: their logins and tokens stop working.")
    static final class Disable implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME", description = "用户名 / the username")
        String username;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                parent.print(parent.users(store).disable(username, parent.ducha.actor()));
            }
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "重新启用用户 / enables a user again.")
    static final class Enable implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME", description = "用户名 / the username")
        String username;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                parent.print(parent.users(store).enable(username, parent.ducha.actor()));
            }
            return 0;
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true, description = "重设密码 / sets a password.")
    static final class ResetPassword implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME", description = "用户名 / the username")
        String username;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "新密码所在文件，- 为标准输入 / a file holding the new password (first line); - for stdin")
        Path passwordFile;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                parent.print(parent.users(store).resetPassword(username, password(passwordFile),
                        parent.ducha.actor()));
            }
            return 0;
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "改变角色 / changes a user's role.")
    static final class ChangeRole implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME", description = "用户名 / the username")
        String username;

        @Option(names = "--role", required = true, description = "新角色 / COUNTY, CITY, AUDITOR or ADMIN")
        Role role;

        @Option(names = "--unit", description = "区县督查员的单位 / a county supervisor's unit")
        String unit;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                parent.print(parent.users(store).changeRole(username, role, unit, parent.ducha.actor()));
            }
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "用户变更记录 / what happened to a user.")
    static final class History implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME", description = "用户名 / the username")
        String username;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                for (Users.Recorded r : parent.users(store).history(username)) {
                    parent.ducha.out.printf("%s %s %s%s · %s%n", r.at(), r.username(), r.event(),
                            r.detail() == null ? "" : " (" + r.detail() + ")", r.actor());
                }
            }
            return 0;
        }
    }

    @Command(name = "token-issue", mixinStandardHelpOptions = true,
            description = "签发 API 令牌，仅显示这一次 / issues an API token; prints it once.")
    static final class IssueToken implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME", description = "令牌代表的用户 / the user the token acts as")
        String username;

        @Option(names = "--name", required = true, description = "令牌名称，说明谁在用 / what uses the token")
        String name;

        @Option(names = "--days", description = "有效天数(默认 90，最多 366) / days it is valid (default 90, at most 366)")
        Integer days;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                ApiTokens.Issued t = ApiTokens.over(store, parent.users(store)).issue(username, name, days,
                        parent.ducha.actor());
                parent.ducha.err.printf("已签发令牌 #%d（%s，%s 到期），仅显示这一次 / issued token #%d (%s, expires %s), "
                        + "shown once:%n", t.id(), t.name(), t.expiresAt(), t.id(), t.name(), t.expiresAt());
                // the token alone on standard output, so that a script can keep it: token=$(ducha users token-issue …)
                parent.ducha.out.println(t.token());
            }
            return 0;
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = "用户的令牌 / lists a user's tokens.")
    static final class ListTokens implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME", description = "用户名 / the username")
        String username;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                for (ApiTokens.Token t : ApiTokens.over(store, parent.users(store)).list(username)) {
                    parent.ducha.out.printf("#%d %s · 签发 issued %s by %s · 到期 expires %s · 最近使用 last used %s%s%n",
                            t.id(), t.name(), t.createdAt(), t.createdBy(), t.expiresAt(),
                            t.lastUsedAt() == null ? "—" : t.lastUsedAt(),
                            t.revokedAt() == null ? "" : " · 已撤销 revoked " + t.revokedAt() + " by " + t.revokedBy());
                }
            }
            return 0;
        }
    }

    @Command(name = "token-revoke", mixinStandardHelpOptions = true,
            description = "撤销令牌，立即失效 / revokes a token: it stops working at once.")
    static final class RevokeToken implements Callable<Integer> {

        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "用户名 / the username")
        String username;

        @Parameters(index = "1", paramLabel = "ID", description = "令牌编号 / the token's id")
        long id;

        @Override
        public Integer call() {
            try (Store store = parent.ducha.openStore()) {
                ApiTokens.Token t = ApiTokens.over(store, parent.users(store)).revoke(username, id,
                        parent.ducha.actor());
                parent.ducha.out.printf("已撤销令牌 #%d %s / revoked token #%d %s%n", t.id(), t.name(), t.id(),
                        t.name());
            }
            return 0;
        }
    }
}
