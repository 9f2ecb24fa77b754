package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every role against every endpoint, over real HTTP (docs/api.md, "Roles"): what each may do answers 2xx, what it
 * may not answers 403 (401 without a login), and the checks are made on each object: a county supervisor never
 * sees or acts on another county's sheets, verdicts or alerts.
 *
 * <p>The matrix signs each user in with an API token of theirs: a token acts as its user, with the user's role and
 * unit (ApiTokensTests), and skips the BCrypt check a password costs on every request, which was most of this
 * class's time (about 0.15 s of each call, against 0.01 s for an anonymous one). Each role still signs in once with
 * its password over HTTP Basic ({@link #eachRoleSignsInWithItsPasswordAsItsRole}), as do the tests after the matrix.
 */
class RolesTests {

    private static final String ANONYMOUS = null;
    private static final List<String> USERS = List.of("admin", "city", "auditor", "lanxi");

    private static TestServer server;
    private static long run;
    private static long lanxiSheet;
    private static long dongyangSheet;
    private static String lanxiVerdict;
    private static String dongyangVerdict;
    private static long lanxiAlert;
    private static long dongyangAlert;
    private static long otherAlert;
    private static long webhook;
    /** Each user's API token, for the matrix. */
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void judgeTheSamples() {
        server = TestServer.shared();
        run = server.samplesJudged("2023-08", "2023-09");
        JsonNode sheets = TestServer.json(server.get("city", "/api/sheets?period=2023-09"));
        lanxiSheet = idOf(sheets, "lanxi").get("id").asLong();
        dongyangSheet = idOf(sheets, "dongyang").get("id").asLong();
        JsonNode verdicts = TestServer.json(server.get("city", "/api/verdicts?run=" + run));
        lanxiVerdict = idOf(verdicts, "lanxi").get("id").asString();
        dongyangVerdict = idOf(verdicts, "dongyang").get("id").asString();
        List<JsonNode> open = new ArrayList<>();
        TestServer.json(server.get("city", "/api/alerts?state=OPEN")).forEach(open::add);
        lanxiAlert = open.stream().filter(a -> a.get("unit").asString().equals("lanxi")).findFirst().orElseThrow()
                .get("id").asLong();
        dongyangAlert = open.stream().filter(a -> a.get("unit").asString().equals("dongyang")).findFirst()
                .orElseThrow().get("id").asLong();
        webhook = TestServer.json(server.post("admin", "/api/webhooks",
                Map.of("name", "督办群 test", "url", "http://127.0.0.1:9/hook"))).get("id").asLong();
        otherAlert = open.stream().map(a -> a.get("id").asLong())
                .filter(id -> id != lanxiAlert && id != dongyangAlert).findFirst().orElseThrow();
        for (String user : USERS) {
            HttpResponse<String> issued = server.post("admin", "/api/users/" + user + "/tokens",
                    Map.of("name", "权限矩阵 roles matrix " + UUID.randomUUID()));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            TOKENS.put(user, TestServer.json(issued).get("token").asString());
        }
    }

    @ParameterizedTest
    @MethodSource("users")
    void eachRoleSignsInWithItsPasswordAsItsRole(String user, String role) {
        HttpResponse<String> me = server.get(user, "/api/me");

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(TestServer.json(me).get("username").asString()).isEqualTo(user);
        assertThat(TestServer.json(me).get("role").asString()).isEqualTo(role);
        assertThat(server.get(user, "/api/users").statusCode()).as("an administrator's address")
                .isEqualTo("ADMIN".equals(role) ? 200 : 403);
    }

    static Stream<Arguments> users() {
        return Stream.of(Arguments.of("admin", "ADMIN"), Arguments.of("city", "CITY"),
                Arguments.of("auditor", "AUDITOR"), Arguments.of("lanxi", "COUNTY"));
    }

    private static JsonNode idOf(JsonNode list, String unit) {
        for (JsonNode n : list) {
            if (n.get("unit").asString().equals(unit)) {
                return n;
            }
        }
        throw new AssertionError("no " + unit + " in " + list);
    }

    /** One endpoint and the status each user gets; users not named get 403, the anonymous caller 401. */
    record Endpoint(String method, Supplier<String> path, Supplier<Object> body, Map<String, Integer> allowed,
                    boolean open) {

        String describe() {
            return method + " " + path.get();
        }
    }

    private static Endpoint get(String path, Map<String, Integer> allowed) {
        return new Endpoint("GET", () -> path, null, allowed, false);
    }

    private static Endpoint get(Supplier<String> path, Map<String, Integer> allowed) {
        return new Endpoint("GET", path, null, allowed, false);
    }

    private static Endpoint post(Supplier<String> path, Supplier<Object> body, Map<String, Integer> allowed) {
        return new Endpoint("POST", path, body, allowed, false);
    }

    private static Map<String, Integer> readers() {
        return Map.of("city", 200, "auditor", 200, "lanxi", 200);
    }

    static Stream<Endpoint> endpoints() {
        Map<String, Integer> everyone = Map.of("admin", 200, "city", 200, "auditor", 200, "lanxi", 200);
        return Stream.of(
                new Endpoint("GET", () -> "/actuator/health", null, everyone, true),
                new Endpoint("GET", () -> "/v3/api-docs", null, everyone, true),
                get("/actuator/info", Map.of("admin", 200)),
                get("/actuator/prometheus", Map.of("admin", 200)),
                get("/api/me", everyone),
                get("/api/catalogue", everyone),
                get("/api/units", everyone),
                get("/api/sheets?period=2023-09", readers()),
                get("/api/sheets?unit=dongyang", Map.of("city", 200, "auditor", 200)),
                get(() -> "/api/sheets/" + lanxiSheet, readers()),
                get(() -> "/api/sheets/" + lanxiSheet + "/content", readers()),
                get(() -> "/api/sheets/" + dongyangSheet, Map.of("city", 200, "auditor", 200, "lanxi", 404)),
                get("/api/evaluations", readers()),
                get(() -> "/api/evaluations/" + run, readers()),
                get("/api/verdicts?period=2023-09", readers()),
                get("/api/verdicts?period=2023-09&unit=dongyang", Map.of("city", 200, "auditor", 200)),
                get(() -> "/api/verdicts/" + lanxiVerdict + "/explanation", readers()),
                get(() -> "/api/verdicts/" + dongyangVerdict + "/explanation",
                        Map.of("city", 200, "auditor", 200, "lanxi", 404)),
                get("/api/alerts", readers()),
                get("/api/rankings?period=2023-09", readers()),
                get("/api/rankings?period=2023-09&area=MARKET", readers()),
                get(() -> "/api/alerts/" + dongyangAlert, Map.of("city", 200, "auditor", 200, "lanxi", 404)),
                post(() -> "/api/alerts/" + lanxiAlert + "/ack", () -> Map.of("note", "已签收，正在整改"),
                        Map.of("city", 200, "lanxi", 200)),
                post(() -> "/api/alerts/" + dongyangAlert + "/ack", () -> Map.of("note", "x"),
                        Map.of("city", 200, "lanxi", 404)),
                post(() -> "/api/alerts/" + otherAlert + "/close", () -> Map.of("reason", "已整改到位 / rectified"),
                        Map.of("city", 200)),
                post(() -> "/api/alerts/escalate", () -> Map.of(), Map.of("city", 200)),
                get("/api/waivers", readers()),
                post(() -> "/api/waivers", () -> Map.of("unit", "lanxi", "commitment", "T05.1", "from", "2023-10",
                        "to", "2023-12", "reason", "系统迁移 / system migration", "expires", "2024-01-31"),
                        Map.of("city", 201)),
                get("/api/templates/lanxi/2023-10.xlsx", readers()),
                get("/api/templates/dongyang/2023-10.xlsx", Map.of("city", 200, "auditor", 200)),
                post(() -> "/api/sheets", () -> "SHEET", Map.of("city", 201, "lanxi", 201)),
                post(() -> "/api/evaluations", () -> Map.of("period", "2023-09"), Map.of("city", 201)),
                get("/api/audit/verify", Map.of("auditor", 200)),
                get(() -> "/api/runs/" + run + "/replay", Map.of("auditor", 200)),
                post(() -> "/api/rules/reload", () -> Map.of(), Map.of("admin", 200)),
                get("/api/users", Map.of("admin", 200)),
                post(() -> "/api/users", () -> Map.of("username", "u" + UUID.randomUUID().toString().substring(0, 8),
                        "password", "another-secret", "role", "AUDITOR"), Map.of("admin", 201)),
                get("/api/webhooks", Map.of("admin", 200)),
                post(() -> "/api/webhooks", () -> Map.of("name", "测试 test", "url", "http://127.0.0.1:9/hook"),
                        Map.of("admin", 201)),
                post(() -> "/api/webhooks/" + webhook + "/test", () -> Map.of(), Map.of("admin", 202)),
                get("/api/webhooks/deliveries/dead", Map.of("admin", 200)),
                post(() -> "/api/webhooks/deliveries/msg_none/requeue", () -> Map.of(), Map.of("admin", 404)),
                get("/api/evaluations?period=2023-09", readers()),
                get("/api/alerts?unit=dongyang", Map.of("city", 200, "auditor", 200)));
    }

    static Stream<Arguments> calls() {
        List<Arguments> calls = new ArrayList<>();
        endpoints().forEach(e -> {
            for (String user : USERS) {
                int expected = e.allowed().getOrDefault(user, 403);
                calls.add(Arguments.argumentSet("%s as %s → %d".formatted(e.describe(), user, expected),
                        e, user, expected));
            }
            calls.add(Arguments.argumentSet("%s without a login → %d".formatted(e.describe(), e.open() ? 200 : 401),
                    e, ANONYMOUS, e.open() ? 200 : 401));
        });
        return calls.stream();
    }

    @ParameterizedTest
    @MethodSource("calls")
    void answersEachRoleAsTheMatrixSays(Endpoint endpoint, String user, int expected) {
        HttpResponse<String> response = call(endpoint, user);

        assertThat(response.statusCode()).as("%s as %s: %s", endpoint.describe(), user, response.body())
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(TestServer.json(response).get("status").asInt()).isEqualTo(expected);
        }
    }

    private static HttpResponse<String> call(Endpoint endpoint, String user) {
        String path = endpoint.path().get();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.base.resolve(path))
                .timeout(java.time.Duration.ofSeconds(60));
        if (user != null) {
            request.header("Authorization", "Bearer " + TOKENS.get(user));
        }
        if (endpoint.method().equals("GET")) {
            return server.send(request.GET().build());
        }
        Object body = endpoint.body().get();
        byte[] bytes = "SHEET".equals(body)
                ? TestServer.sample("2023-09", "lanxi".equals(user) ? "lanxi" : "jinhua")
                : TestServer.JSON.writeValueAsBytes(body);
        return server.send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    @Test
    void aCountySupervisorSeesOnlyTheirOwnUnit() {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (String path : List.of("/api/sheets?period=2023-09", "/api/verdicts?period=2023-09", "/api/alerts",
                "/api/evaluations/" + run)) {
            JsonNode answer = TestServer.json(server.get("lanxi", path));
            JsonNode list = answer.has("verdicts") ? answer.get("verdicts") : answer;
            List<String> units = new ArrayList<>();
            list.forEach(n -> units.add(n.get("unit").asString()));
            seen.put(path, units);
        }

        assertThat(seen).allSatisfy((path, units) -> assertThat(units).as(path).isNotEmpty().containsOnly("lanxi"));
        JsonNode cityVerdicts = TestServer.json(server.get("city", "/api/verdicts?period=2023-09"));
        assertThat(cityVerdicts.findValuesAsString("unit")).contains("lanxi", "dongyang", "jinhua");
    }

    @Test
    void aCountySupervisorCannotSubmitForAnotherCounty() {
        int before = TestServer.json(server.get("city", "/api/sheets?unit=dongyang")).size();

        HttpResponse<String> response = server.post("lanxi", "/api/sheets", "application/json",
                TestServer.sample("2023-09", "dongyang"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(response).get("errors").get(0).get("field").asString()).isEqualTo("unit");
        assertThat(TestServer.json(server.get("city", "/api/sheets?unit=dongyang")).size()).isEqualTo(before);
    }

    @Test
    void aUnitMayBeNamedInChineseAndAMonthMustBeWrittenYyyyMm() {
        HttpResponse<String> byName = server.get("lanxi", "/api/verdicts?period=2023-09&unit="
                + java.net.URLEncoder.encode("兰溪市", java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> otherByName = server.get("lanxi", "/api/alerts?unit="
                + java.net.URLEncoder.encode("东阳市", java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> badMonth = server.get("city", "/api/sheets?period=2023-9");

        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(byName).findValuesAsString("unit")).isNotEmpty().containsOnly("lanxi");
        assertThat(otherByName.statusCode()).isEqualTo(403);
        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(badMonth).get("errors").get(0).get("field").asString()).isEqualTo("period");
    }
}
