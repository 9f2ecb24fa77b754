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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 管理: rules reload, users and webhook endpoints (administrators). */
@RestController
@Tag(name = "管理 administration", description = "规则重载、用户与推送地址 / rules, users and webhooks")
class AdminController {

    private final RulesInForce rules;
    private final Users users;
    private final Webhooks webhooks;

    AdminController(RulesInForce rules, Users users, Webhooks webhooks) {
        this.rules = rules;
        this.users = users;
        this.webhooks = webhooks;
    }

    /** A user to add. */
    record NewUser(String username, String password, Role role, String unit) {
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

    /** The file a compiler problem names ("kinds/at-least.drt:12: ..."), or null. */
    private static String file(String problem) {
        int colon = problem.indexOf(':');
        return colon > 0 ? problem.substring(0, colon) : null;
    }
}
