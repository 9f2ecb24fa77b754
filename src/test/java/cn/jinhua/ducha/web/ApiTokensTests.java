package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.jinhua.ducha.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * API tokens over real HTTP (docs/api.md, "Signing in"): issued by an administrator and shown once, sent as
 * {@code Authorization: Bearer}, acting with the user's role and unit, without a password check; revoked, expired
 * or with their user disabled they are refused (401).
 */
class ApiTokensTests {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.clocked();
    }

    @BeforeEach
    void anHourLater() {
        // the login tests share this server and may have locked its address out: let their counts lapse
        server.clock.advance(Duration.ofHours(1));
    }

    private static String newCounty() {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", "county-password");
        body.put("role", "COUNTY");
        body.put("unit", "lanxi");
        HttpResponse<String> added = server.post("admin", "/api/users", body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return name;
    }

    private static JsonNode issue(String user, Map<String, Object> body) {
        HttpResponse<String> issued = server.post("admin", "/api/users/" + user + "/tokens", body);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return TestServer.json(issued);
    }

    private static HttpResponse<String> bearer(String token, String path) {
        return server.send(HttpRequest.newBuilder(server.base.resolve(path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    @Test
    void aTokenActsAsItsUserWithItsRoleAndUnitWithoutAPasswordCheck() {
        String user = newCounty();
        JsonNode issued = issue(user, Map.of("name", "兰溪报送系统 submitter"));
        String token = issued.get("token").asString();
        assertThat(token).startsWith("dch_").hasSizeGreaterThan(40);
        assertThat(issued.get("username").asString()).isEqualTo(user);

        int checks = server.passwordChecks.get();
        HttpResponse<String> me = bearer(token, "/api/me");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(TestServer.json(me).get("username").asString()).isEqualTo(user);
        assertThat(TestServer.json(me).get("unit").asString()).isEqualTo("lanxi");
        assertThat(bearer(token, "/api/sheets?unit=lanxi").statusCode()).isEqualTo(200);
        assertThat(bearer(token, "/api/sheets?unit=dongyang").statusCode()).as("another county's").isEqualTo(403);
        assertThat(bearer(token, "/api/users").statusCode()).as("an administrator's address").isEqualTo(403);
        assertThat(server.passwordChecks.get()).as("password checks for Bearer requests").isEqualTo(checks);
    }

    @Test
    void theTokenIsShownOnceAndKeptOnlyAsItsHash() {
        String user = newCounty();
        JsonNode issued = issue(user, Map.of("name", "nightly upload", "days", 30));
        String token = issued.get("token").asString();
        assertThat(Duration.between(java.time.Instant.parse(issued.get("createdAt").asString()),
                java.time.Instant.parse(issued.get("expiresAt").asString()))).isEqualTo(Duration.ofDays(30));

        HttpResponse<String> listed = server.get("admin", "/api/users/" + user + "/tokens");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(token).contains("nightly upload");
        assertThat(TestServer.json(listed).get(0).has("token")).isFalse();

        Store store = server.context.getBean(Store.class);
        List<String> kept = store.jdbc().sql("select token_sha256 from api_token where username = ?").param(user)
                .query(String.class).list();
        assertThat(kept).containsExactly(ApiTokens.sha256(token));
        bearer(token, "/api/me");
        assertThat(TestServer.json(server.get("admin", "/api/users/" + user + "/tokens")).get(0).get("lastUsedAt")
                .isNull()).as("last used is noted").isFalse();
    }

    @Test
    void aRevokedTokenIsRefused() {
        String user = newCounty();
        JsonNode issued = issue(user, Map.of("name", "to be revoked"));
        String token = issued.get("token").asString();
        assertThat(bearer(token, "/api/me").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = server.send(server.request("admin", "/api/users/" + user + "/tokens/"
                + issued.get("id").asLong()).DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> refused = bearer(token, "/api/me");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
                assertThat(h).startsWith("Bearer").contains("invalid_token"));
        assertThat(TestServer.json(refused).get("type").asString()).isEqualTo("urn:ducha:problem:unauthorized");
        assertThat(TestServer.json(server.get("admin", "/api/users/" + user + "/tokens")).get(0).get("revokedBy")
                .asString()).isEqualTo("admin");
    }

    @Test
    void aDisabledUsersTokensAreRefusedUntilTheUserIsEnabledAgain() {
        String user = newCounty();
        String token = issue(user, Map.of("name", "while enabled")).get("token").asString();
        assertThat(server.post("admin", "/api/users/" + user + "/disable", Map.of()).statusCode()).isEqualTo(200);
        assertThat(bearer(token, "/api/me").statusCode()).isEqualTo(401);
        assertThat(server.post("admin", "/api/users/" + user + "/enable", Map.of()).statusCode()).isEqualTo(200);
        assertThat(bearer(token, "/api/me").statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String user = newCounty();
        String token = issue(user, Map.of("name", "one day", "days", 1)).get("token").asString();
        server.clock.advance(Duration.ofHours(23));
        assertThat(bearer(token, "/api/me").statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofHours(1));
        assertThat(bearer(token, "/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownTokenIsRefusedAndNeverFallsThroughToBasic() {
        assertThat(bearer("dch_" + "A".repeat(43), "/api/me").statusCode()).isEqualTo(401);
        assertThat(bearer("not-even-a-token", "/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aTokensNameAndLifetimeAreChecked() {
        String user = newCounty();
        HttpResponse<String> noName = server.post("admin", "/api/users/" + user + "/tokens", Map.of("days", 5));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(noName).get("errors").get(0).get("field").asString()).isEqualTo("name");
        HttpResponse<String> tooLong = server.post("admin", "/api/users/" + user + "/tokens",
                Map.of("name", "x", "days", 1000));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(tooLong).get("errors").get(0).get("field").asString()).isEqualTo("days");
        assertThat(server.post("admin", "/api/users/nobody-here/tokens", Map.of("name", "x")).statusCode())
                .isEqualTo(404);
    }
}
