package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.jinhua.ducha.alerting.Receiver;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code serve} left running on its own over two month ends, with a clock the test moves and no command typed:
 * 催报 in the days before each deadline to the endpoints whose filters take it, each month judged once after its
 * deadline, the alerts announced to a real receiver, and where the schedule stands in health and metrics (a brief
 * that cannot be written on the 1st makes it FAILING for that day, the server's health staying UP). On H2,
 * and on PostgreSQL when DUCHA_TEST_PG is set (as every server of the web tests). The test waits for what the
 * server does (runs recorded, requests received, a tick after the clock moved), never for a fixed time.
 */
class ScheduleServeTests {

    /** 10:00 on 20 October 2023 in Jinhua: September's sheets are due on the 25th. */
    private static final Instant START = Instant.parse("2023-10-20T02:00:00Z");
    /** Generous: a tick runs every 100 ms, and judging a month takes about a second. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final YearMonth SEPTEMBER = YearMonth.of(2023, 9);
    private static final YearMonth OCTOBER = YearMonth.of(2023, 10);

    private static Receiver receiver;
    private static TestClock clock;
    private static TestServer server;
    private static Path notAFolder;

    @BeforeAll
    static void start() throws IOException {
        receiver = Receiver.start();
        clock = new TestClock(START);
        // the brief's folder is a file: the brief of the 1st fails, and the schedule's health says so
        notAFolder = Files.createTempFile("ducha-briefs-", ".txt");
        server = TestServer.start(Map.of("ducha.schedule.enabled", true, "ducha.schedule.every", "100ms",
                "ducha.schedule.briefs", notAFolder.toString(),
                "ducha.webhooks.allow-private", true, "ducha.webhooks.deliver-every", "100ms"), clock);
    }

    @AfterAll
    static void stop() throws IOException {
        server.context.close();
        receiver.close();
        Files.deleteIfExists(notAFolder);
    }

    @Test
    void judgesTwoMonthsOnceRemindsAsConfiguredAndDeliversWithNoCommandTyped() {
        endpoint("/all", Map.of());
        endpoint("/red", Map.of("levels", List.of("RED")));
        endpoint("/data-yiwu", Map.of("levels", List.of("DATA"), "units", List.of("yiwu")));
        stored(SEPTEMBER, "yiwu");

        // 10:00 on 23 October: 义乌 has not sent September's sheet
        moveTo("2023-10-23T02:00:00Z");
        await().atMost(PATIENCE).until(() -> reminded("/all", SEPTEMBER).contains("yiwu"));
        // 10:00 on 26 October: September's deadline has passed
        moveTo("2023-10-26T02:00:00Z");
        await().atMost(PATIENCE).until(() -> judged(SEPTEMBER).size() == 1);
        await().atMost(PATIENCE).until(() -> announced("/red", SEPTEMBER) && announced("/all", SEPTEMBER));

        // 10:00 on 1 November: the brief cannot be written; the schedule is FAILING, the server still UP
        moveTo("2023-11-01T02:00:00Z");
        await().atMost(PATIENCE).until(() -> health().path("status").asString().equals("FAILING"));
        assertThat(health().path("details").path("lastFailure").asString()).contains("cannot write the brief");
        HttpResponse<String> overall = server.get(null, "/actuator/health");
        assertThat(overall.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(overall).path("status").asString()).isEqualTo("UP");
        // the 2nd: no brief is due, and the schedule is well again
        moveTo("2023-11-02T02:00:00Z");
        await().atMost(PATIENCE).until(() -> health().path("status").asString().equals("UP"));

        // October's sheets come, but for 义乌 (and 磐安, whose sample is missing)
        stored(OCTOBER, "yiwu");
        moveTo("2023-11-23T02:00:00Z");
        await().atMost(PATIENCE).until(() -> reminded("/all", OCTOBER).contains("yiwu"));
        moveTo("2023-11-26T02:00:00Z");
        await().atMost(PATIENCE).until(() -> judged(OCTOBER).size() == 1);
        await().atMost(PATIENCE).until(() -> announced("/all", OCTOBER));
        // and the schedule goes on ticking a day later
        Instant later = moveTo("2023-11-27T02:00:00Z");
        await().atMost(PATIENCE).until(() -> !Instant.parse(health().path("details").path("lastTick").asString())
                .isBefore(later));

        assertThat(judged(SEPTEMBER)).as("September judged once").hasSize(1);
        assertThat(judged(OCTOBER)).as("October judged once").hasSize(1);
        assertThat(server.context.getBean(Store.class).runs().list()).as("and nothing else").hasSize(2);
        assertThat(reminders("/all")).as("one 催报 per unit and month, to the endpoint without filters")
                .containsOnlyKeys("2023-09 yiwu", "2023-10 yiwu", "2023-10 panan")
                .allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
        assertThat(reminders("/data-yiwu")).as("DATA alerts of 义乌").containsOnlyKeys("2023-09 yiwu", "2023-10 yiwu");
        assertThat(reminders("/red")).as("red alerts only: no 催报").isEmpty();
        assertThat(receiver.requests("/red")).allSatisfy(r -> {
            assertThat(r.json().path("data").path("level").asString()).isEqualTo("RED");
            assertThat(r.verified()).isTrue();
        });
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));

        JsonNode health = health();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("lastJudged").asString()).isEqualTo("2023-10");
        assertThat(health.path("details").path("nextDue").asString()).isEqualTo("2023-11");
        assertThat(health.path("details").path("nextDeadline").asString()).isEqualTo("2023-12-25");
        assertThat(health.path("details").path("behind").asInt()).isZero();
        assertThat(health.path("details").path("failures").asInt()).as("the ticks of 1 November").isPositive();
        assertThat(health.path("details").path("lastFailure").isMissingNode()).isTrue();
        assertThat(TestServer.json(server.get(null, "/actuator/health/schedule")).path("details").isMissingNode())
                .as("details for administrators only").isTrue();
        String metrics = server.get("admin", "/actuator/prometheus").body();
        assertThat(metrics).contains("ducha_schedule_last_judged_period 202310.0",
                "ducha_schedule_next_due_period 202311.0", "ducha_schedule_periods_behind 0.0",
                "ducha_schedule_failures_total", "ducha_schedule_ticks_total", "ducha_schedule_last_tick_seconds",
                // the start of 26 December in Jinhua, when November falls due
                "ducha_schedule_next_due_seconds " + (double) Instant.parse("2023-12-25T16:00:00Z").getEpochSecond());
        assertThat(TestServer.json(server.get("auditor", "/api/audit/verify")).path("intact").asBoolean()).isTrue();
    }

    private static Instant moveTo(String instant) {
        Instant to = Instant.parse(instant);
        clock.advance(Duration.between(clock.instant(), to));
        return to;
    }

    /** Adds an endpoint through the API, as an administrator would, and trusts its secret at the receiver. */
    private static void endpoint(String path, Map<String, Object> filters) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(filters);
        body.put("name", "督办群 " + path);
        body.put("url", receiver.url(path));
        HttpResponse<String> added = server.post("admin", "/api/webhooks", body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        receiver.trust(path, TestServer.json(added).get("secret").asString());
    }

    /** Stores the samples of {@code period} but those of {@code missing}, as the units would send them (set-up). */
    private static void stored(YearMonth period, String... missing) {
        Store store = server.context.getBean(Store.class);
        SheetReader reader = new SheetReader(server.context.getBean(RulesInForce.class).current().catalogue());
        try (Stream<Path> files = Files.list(Path.of("samples", period.toString()))) {
            for (Path file : files.sorted().toList()) {
                if (Set.of(missing).contains(file.getFileName().toString().replace(".json", ""))) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                FactSheet sheet = reader.read(file.toString(), SheetFormat.JSON, bytes).sheet().orElseThrow();
                store.submissions().add(sheet, bytes, "test set-up");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runs the schedule recorded for {@code period}. */
    private static List<Runs.Run> judged(YearMonth period) {
        return server.context.getBean(Store.class).runs().list().stream()
                .filter(r -> r.period().equals(period) && r.startedBy().equals("schedule")).toList();
    }

    /** The 催报 a path received, as "period unit", with how many of each. */
    private static Map<String, Long> reminders(String path) {
        return receiver.requests(path).stream().map(Receiver.Request::json)
                .filter(json -> json.path("type").asString().equals("sheet.reminder"))
                .collect(Collectors.groupingBy(json -> json.path("data").path("period").asString() + " "
                        + json.path("data").path("unit").asString(), Collectors.counting()));
    }

    private static Set<String> reminded(String path, YearMonth period) {
        return reminders(path).keySet().stream().filter(key -> key.startsWith(period + " "))
                .map(key -> key.substring(8)).collect(Collectors.toSet());
    }

    /** Whether a path received a new alert of {@code period}. */
    private static boolean announced(String path, YearMonth period) {
        return receiver.requests(path).stream().map(Receiver.Request::json).anyMatch(json ->
                json.path("type").asString().equals("alert.opened")
                        && json.path("data").path("period").asString().equals(period.toString()));
    }

    private static JsonNode health() {
        return TestServer.json(server.get("admin", "/actuator/health/schedule"));
    }
}
