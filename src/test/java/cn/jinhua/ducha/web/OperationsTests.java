package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What operations and other systems rely on: the OpenAPI description and its UI without a login, health open,
 * Prometheus metrics of evaluations, verdicts by light, alerts, deliveries and rejected sheets, and rules that are
 * reloaded only when they compile, recorded in the audit chain.
 */
class OperationsTests {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        server.samplesJudged("2023-08", "2023-09");
    }

    @Test
    void describesTheApiWithOpenApiReadableWithoutALogin() {
        HttpResponse<String> docs = server.get(null, "/v3/api-docs");
        HttpResponse<String> ui = server.get(null, "/swagger-ui/index.html");

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = TestServer.json(docs).get("paths");
        assertThat(paths.propertyNames()).contains("/api/sheets", "/api/evaluations", "/api/verdicts",
                "/api/verdicts/{id}/explanation", "/api/alerts/{id}/ack", "/api/alerts/{id}/close", "/api/waivers",
                "/api/catalogue", "/api/units", "/api/audit/verify", "/api/runs/{id}/replay",
                "/api/templates/{unit}/{period}.xlsx", "/api/rules/reload");
        assertThat(TestServer.json(docs).get("info").get("title").asString()).isEqualTo("督查 Ducha API");
        assertThat(TestServer.json(docs).get("components").get("securitySchemes").get("basic").get("scheme")
                .asString()).isEqualTo("basic");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void countsWhatHappensForPrometheus() {
        server.post("lanxi", "/api/sheets", "application/json", "{\"unit\": \"lanxi\"}".getBytes());

        HttpResponse<String> metrics = server.get("admin", "/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ducha_evaluations_total", "ducha_verdicts_total{light=\"RED\"}",
                "ducha_alerts_total{level=\"RED\"}", "ducha_sheets_rejected_total", "ducha_alerts_open",
                "ducha_deliveries_pending", "ducha_deliveries_delivered", "ducha_deliveries_dead");
    }

    @Test
    void keepsTheOldRulesWhenTheNewOnesDoNotCompileAndSwapsWhenTheyDo() throws Exception {
        Path alerts = server.rules.resolve("alerts.drl");
        String good = Files.readString(alerts);
        String before = TestServer.json(server.get("admin", "/api/catalogue")).get("ruleset").asString();
        try {
            Files.writeString(alerts, good + "\nrule \"broken\" when Nonsense( then end\n");
            HttpResponse<String> refused = server.post("admin", "/api/rules/reload", java.util.Map.of());

            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode problem = TestServer.json(refused);
            assertThat(problem.get("errors").get(0).get("message").asString()).contains("alerts.drl");
            assertThat(TestServer.json(server.get("admin", "/api/catalogue")).get("ruleset").asString())
                    .isEqualTo(before);
            assertThat(server.post("city", "/api/evaluations", java.util.Map.of("period", "2023-09")).statusCode())
                    .as("still judging with the old rules").isEqualTo(201);
        } finally {
            Files.writeString(alerts, good + "\n// reloaded by OperationsTests\n");
        }

        HttpResponse<String> reloaded = server.post("admin", "/api/rules/reload", java.util.Map.of());

        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        JsonNode answer = TestServer.json(reloaded);
        assertThat(answer.get("before").asString()).isEqualTo(before);
        assertThat(answer.get("after").asString()).isNotEqualTo(before);
        assertThat(answer.get("recorded").asBoolean()).isTrue();
        assertThat(TestServer.json(server.get("admin", "/api/catalogue")).get("ruleset").asString())
                .isEqualTo(answer.get("after").asString());
        JsonNode verified = TestServer.json(server.get("auditor", "/api/audit/verify"));
        assertThat(verified.get("intact").asBoolean()).isTrue();
        long run = TestServer.json(server.post("city", "/api/evaluations", java.util.Map.of("period", "2023-09")))
                .get("id").asLong();
        assertThat(TestServer.json(server.get("auditor", "/api/evaluations/" + run)).get("ruleset").asString())
                .isEqualTo(answer.get("after").asString());
        assertThat(TestServer.json(server.get("auditor", "/api/runs/" + run + "/replay")).get("agrees").asBoolean())
                .isTrue();
    }

    @Test
    void answersErrorsRaisedOutsideTheControllersAsProblemsToo() {
        HttpResponse<String> rejected = server.get("city", "/api/units/%2e%2e/me");
        HttpResponse<String> noLogin = server.send(server.request(null, "/api/units")
                .header("Accept-Language", "en").GET().build());

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(TestServer.json(rejected).get("title").asString()).isEqualTo("请求有误");
        assertThat(noLogin.statusCode()).isEqualTo(401);
        assertThat(noLogin.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
        assertThat(TestServer.json(noLogin).get("title").asString()).isEqualTo("Login required");
    }
}
