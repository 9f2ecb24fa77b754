package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import cn.jinhua.ducha.alerting.Receiver;
import cn.jinhua.ducha.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code serve} sends webhooks by itself, with no command run beside it, and its API refuses endpoints on
 * non-public addresses unless allowed. One server of its own, that may reach the receiver on loopback and delivers
 * every 100 ms (no other test's server may send on its own, and ScheduleServeTests' one, which also delivers every
 * 100 ms, judges and sends on its own schedule with a clock of its own); the defaults are the logins' server's
 * ({@link TestServer#clocked()}: its webhook settings are the defaults, and no test adds an endpoint to it).
 */
class WebhookServeTests {

    private static TestServer delivering;
    private static TestServer defaults;
    private static Receiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = Receiver.start();
        delivering = TestServer.start(Map.of("ducha.webhooks.allow-private", true,
                "ducha.webhooks.deliver-every", "100ms"));
        defaults = TestServer.clocked();
    }

    @AfterAll
    static void stop() {
        delivering.context.close();
        receiver.close();
    }

    @Test
    void anAlertsWebhookArrivesFromServeWithoutAnyCommand() throws InterruptedException {
        HttpResponse<String> added = delivering.post("admin", "/api/webhooks",
                Map.of("name", "督办群 serve", "url", receiver.url("/serve")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        receiver.trust("/serve", TestServer.json(added).get("secret").asString());

        delivering.samplesJudged("2023-09");

        Receiver.Request first = next("/serve");
        assertThat(first.path()).isEqualTo("/serve");
        assertThat(first.verified()).as("signed with the endpoint's secret").isTrue();
        assertThat(first.status()).isEqualTo(200);
        JsonNode body = first.json();
        assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
        assertThat(body.path("type").asString()).startsWith("alert.");
        assertThat(Instant.parse(body.path("timestamp").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(body.path("data").path("period").asString()).isEqualTo("2023-09");
    }

    @Test
    void anAdministratorSendsADeadLetterAgainThroughTheApiAndServeDeliversIt() throws InterruptedException {
        HttpResponse<String> added = delivering.post("admin", "/api/webhooks",
                Map.of("name", "恢复的群 back", "url", receiver.url("/back")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode endpoint = TestServer.json(added);
        receiver.trust("/back", endpoint.get("secret").asString());
        receiver.answer("/back", 503);
        assertThat(delivering.post("admin", "/api/webhooks/" + endpoint.get("id").asLong() + "/test", Map.of())
                .statusCode()).isEqualTo(202);
        Receiver.Request failed = next("/back");
        assertThat(failed.status()).isEqualTo(503);
        // set-up: the delivery given up, as thirty failures over a day would leave it (WebhooksTests walks them),
        // once the server has recorded the failed attempt (the receiver sees it before the server does)
        Store store = delivering.context.getBean(Store.class);
        Instant until = Instant.now().plusSeconds(60);
        while (store.jdbc().sql("""
                        update delivery_state set dead = true, dead_at = next_attempt_at
                        where delivery_id = ? and attempts = 1""").param(failed.id()).update() == 0) {
            assertThat(Instant.now()).as("the failed attempt recorded").isBefore(until);
            Thread.onSpinWait();
        }
        HttpResponse<String> dead = delivering.get("admin", "/api/webhooks/deliveries/dead");
        assertThat(TestServer.json(dead).findValuesAsString("id")).contains(failed.id());

        receiver.answer("/back", 200);
        HttpResponse<String> requeued = delivering.post("admin", "/api/webhooks/deliveries/" + failed.id()
                + "/requeue", Map.of());
        assertThat(requeued.statusCode()).as(requeued.body()).isEqualTo(200);
        assertThat(TestServer.json(requeued).get("dead").asBoolean()).isFalse();

        Receiver.Request delivered = next("/back");
        assertThat(delivered.id()).as("the same message id, for the receiver to de-duplicate").isEqualTo(failed.id());
        assertThat(delivered.status()).isEqualTo(200);
        HttpResponse<String> again = delivering.post("admin", "/api/webhooks/deliveries/" + failed.id()
                + "/requeue", Map.of());
        assertThat(again.statusCode()).as("delivered: nothing to send again").isEqualTo(409);
        assertThat(TestServer.json(delivering.get("auditor", "/api/audit/verify")).get("intact").asBoolean()).isTrue();
    }

    /** The next request to {@code path}, passing over what other endpoints receive meanwhile. */
    private static Receiver.Request next(String path) throws InterruptedException {
        while (true) {
            Receiver.Request request = receiver.next(Duration.ofSeconds(60));
            if (request.path().equals(path)) {
                return request;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.1/hook", "http://[::1]/hook", "http://localhost:8080/hook"})
    void theApiRefusesAnEndpointOnANonPublicAddressNamingTheUrl(String url) {
        // the logins' tests may have locked this address out on the shared server: an hour later every count lapsed
        defaults.clock.advance(Duration.ofHours(1));
        HttpResponse<String> refused = defaults.post("admin", "/api/webhooks", Map.of("name", "内网 private",
                "url", url));

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = TestServer.json(refused);
        assertThat(problem.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asString()).isEqualTo("url");
            assertThat(error.path("message").asString()).containsPattern("[环链内]")
                    .contains("which webhooks may not reach");
        });
        assertThat(TestServer.json(defaults.get("admin", "/api/webhooks"))).as("nothing added").isEmpty();
    }
}
