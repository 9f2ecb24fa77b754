package cn.jinhua.ducha.web;

import java.net.URI;
import java.util.List;
import java.util.Set;

import cn.jinhua.ducha.alerting.Destinations;
import cn.jinhua.ducha.alerting.Webhooks;
import cn.jinhua.ducha.rulebook.RulebookException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 管理: rules reload, users and webhook endpoints (administrators). */
@RestController
@Tag(name = "管理 administration", description = "规则重载、用户与推送地址 / rules, users and webhooks")
class AdminController {

    private final RulesInForce rules;
    private final Users users;
    private final Webhooks webhooks;
    private final ApiTokens tokens;

    AdminController(RulesInForce rules, Users users, Webhooks webhooks, ApiTokens tokens) {
        this.rules = rules;
        this.users = users;
        this.webhooks = webhooks;
        this.tokens = tokens;
    }

    /** A user to add. */
    record NewUser(String username, String password, Role role, String unit) {
    }

    /** A user's new password. */
    record NewPassword(String password) {
    }

    /** A user's new role, and unit for a county supervisor. */
    record NewRole(Role role, String unit) {
    }

    /** A token to issue: a name saying what uses it, and for how many days (90 unless given, at most 366). */
    record NewToken(String name, Integer days) {
    }

    /** A webhook endpoint to add; empty filters accept everything. */
    record NewWebhook(String name, String url, Webhooks.Format format, Set<String> levels, Set<String> units,
                      Set<Integer> tasks) {
    }

    /** An endpoint as listed: the signing secret is shown only once, when it is added. */
    record WebhookView(long id, String name, String url, Webhooks.Format format, Set<String> levels,
                       Set<String> units, Set<Integer> tasks, String secret) {

        static WebhookView of(Webhooks.Endpoint e, boolean withSecret) {
            return new WebhookView(e.id(), e.name(), e.url(), e.format(), e.levels(), e.units(), e.tasks(),
                    withSecret ? e.secret() : null);
        }
    }

    @Operation(summary = "重新加载规则 / compile rules/ afresh; on success swap atomically and record the ruleset")
    @PostMapping("/api/rules/reload")
    RulesInForce.Reloaded reload() {
        try {
            return rules.reload();
        } catch (RulebookException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.RULES_REJECTED,
                    "规则无法编译，仍使用规则集 %s / the rules do not compile; ruleset %s stays in force"
                            .formatted(rules.current().hash(), rules.current().hash()),
                    e.problems().stream().map(p -> new ApiProblem.FieldError(file(p), p)).toList());
        }
    }

    @Operation(summary = "用户列表 / users")
    @GetMapping("/api/users")
    List<Users.Account> users() {
        return users.list();
    }

    @Operation(summary = "添加用户 / add a user")
    @PostMapping("/api/users")
    ResponseEntity<Users.Account> addUser(@RequestBody NewUser body, @AuthenticationPrincipal Viewer viewer) {
        Users.Account account = users.add(body.username(), body.password(), body.role(), body.unit(),
                viewer.username());
        return ResponseEntity.created(URI.create("/api/users/" + account.username())).body(account);
    }

    @Operation(summary = "停用用户 / disable a user: their logins and tokens stop working")
    @PostMapping("/api/users/{username}/disable")
    Users.Account disable(@PathVariable String username, @AuthenticationPrincipal Viewer viewer) {
        return users.disable(username, viewer.username());
    }

    @Operation(summary = "启用用户 / enable a user again")
    @PostMapping("/api/users/{username}/enable")
    Users.Account enable(@PathVariable String username, @AuthenticationPrincipal Viewer viewer) {
        return users.enable(username, viewer.username());
    }

    @Operation(summary = "重设密码 / set a user's password")
    @PutMapping("/api/users/{username}/password")
    Users.Account resetPassword(@PathVariable String username, @RequestBody NewPassword body,
                                @AuthenticationPrincipal Viewer viewer) {
        return users.resetPassword(username, body.password(), viewer.username());
    }

    @Operation(summary = "改变角色 / change a user's role (and unit)")
    @PutMapping("/api/users/{username}/role")
    Users.Account changeRole(@PathVariable String username, @RequestBody NewRole body,
                             @AuthenticationPrincipal Viewer viewer) {
        return users.changeRole(username, body.role(), body.unit(), viewer.username());
    }

    @Operation(summary = "用户变更记录 / what happened to a user, oldest first")
    @GetMapping("/api/users/{username}/history")
    List<Users.Recorded> history(@PathVariable String username) {
        return users.history(username);
    }

    @Operation(summary = "用户的令牌 / a user's API tokens (never the tokens themselves)")
    @GetMapping("/api/users/{username}/tokens")
    List<ApiTokens.Token> tokens(@PathVariable String username) {
        return tokens.list(username);
    }

    @Operation(summary = "签发令牌 / issue an API token for a user; the answer carries the token, once")
    @PostMapping("/api/users/{username}/tokens")
    ResponseEntity<ApiTokens.Issued> issueToken(@PathVariable String username, @RequestBody NewToken body,
                                                @AuthenticationPrincipal Viewer viewer) {
        ApiTokens.Issued issued = tokens.issue(username, body.name(), body.days(), viewer.username());
        return ResponseEntity.created(URI.create("/api/users/" + issued.username() + "/tokens/" + issued.id()))
                .body(issued);
    }

    @Operation(summary = "撤销令牌 / revoke an API token: it stops working at once")
    @DeleteMapping("/api/users/{username}/tokens/{id}")
    ResponseEntity<Void> revokeToken(@PathVariable String username, @PathVariable long id,
                                     @AuthenticationPrincipal Viewer viewer) {
        tokens.revoke(username, id, viewer.username());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "推送地址列表 / webhook endpoints")
    @GetMapping("/api/webhooks")
    List<WebhookView> webhooks() {
        return webhooks.list().stream().map(e -> WebhookView.of(e, false)).toList();
    }

    @Operation(summary = "添加推送地址 / add a webhook endpoint; the answer carries its signing secret, once")
    @PostMapping("/api/webhooks")
    ResponseEntity<WebhookView> addWebhook(@RequestBody NewWebhook body, @AuthenticationPrincipal Viewer viewer) {
        if (body.name() == null || body.name().isBlank()) {
            throw ApiProblem.invalid("name", "缺失 / is missing");
        }
        if (body.url() == null) {
            throw ApiProblem.invalid("url", "缺失 / is missing");
        }
        Webhooks.Endpoint e;
        try {
            e = webhooks.add(body.name(), body.url(), body.format() == null ? Webhooks.Format.STANDARD : body.format(),
                    body.levels() == null ? Set.of() : body.levels(), body.units() == null ? Set.of() : body.units(),
                    body.tasks() == null ? Set.of() : body.tasks(), viewer.username());
        } catch (Destinations.Refused refused) {
            throw ApiProblem.invalid("url", refused.reason());
        }
        return ResponseEntity.created(URI.create("/api/webhooks/" + e.id())).body(WebhookView.of(e, true));
    }

    @Operation(summary = "发送测试推送 / queue a test delivery to an endpoint")
    @PostMapping("/api/webhooks/{id}/test")
    ResponseEntity<Void> test(@PathVariable long id, @AuthenticationPrincipal Viewer viewer) {
        webhooks.enqueueTest(id, viewer.username());
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "已放弃的推送 / the dead letters, most recently given up first (at most 200)")
    @GetMapping("/api/webhooks/deliveries/dead")
    List<Webhooks.Delivery> deadLetters() {
        return webhooks.deadLetters(200);
    }

    @Operation(summary = "重发已放弃的推送 / send a dead letter again: a new round of attempts, due now, the same id")
    @PostMapping("/api/webhooks/deliveries/{id}/requeue")
    Webhooks.Delivery requeue(@PathVariable String id, @AuthenticationPrincipal Viewer viewer) {
        try {
            return webhooks.requeue(id, viewer.username());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(e.getMessage());
        }
    }

    /** The file a compiler problem names ("kinds/at-least.drt:12: ..."), or null. */
    private static String file(String problem) {
        int colon = problem.indexOf(':');
        return colon > 0 ? problem.substring(0, colon) : null;
    }
}
