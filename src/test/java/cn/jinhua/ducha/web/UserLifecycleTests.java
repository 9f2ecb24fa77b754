package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.jinhua.ducha.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an administrator does to a user, over real HTTP (docs/api.md, "Users"): disable and enable, reset a password,
 * change a role, issue and revoke a token. Each takes effect at once and is an audit record of who did what to whom,
 * without the password or the token.
 */
class UserLifecycleTests {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    private static String newCounty(String password) {
        String name = "l" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", password);
        body.put("role", "COUNTY");
        body.put("unit", "lanxi");
        HttpResponse<String> added = server.post("admin", "/api/users", body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return name;
    }

    private static HttpResponse<String> as(String user, String password, String path) {
        return server.send(HttpRequest.newBuilder(server.base.resolve(path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .GET().build());
    }

    private static HttpResponse<String> put(String path, Object body) {
        return server.send(server.request("admin", path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body))).build());
    }

    @Test
    void everyChangeToAUserIsAnAuditRecordOfWhoDidWhatToWhomWithoutSecrets() {
        String user = newCounty("first-password");
        assertThat(server.post("admin", "/api/users/" + user + "/disable", Map.of()).statusCode()).isEqualTo(200);
        assertThat(server.post("admin", "/api/users/" + user + "/enable", Map.of()).statusCode()).isEqualTo(200);
        assertThat(put("/api/users/" + user + "/password", Map.of("password", "second-password")).statusCode())
                .isEqualTo(200);
        assertThat(put("/api/users/" + user + "/role", Map.of("role", "AUDITOR")).statusCode()).isEqualTo(200);
        JsonNode token = TestServer.json(server.post("admin", "/api/users/" + user + "/tokens",
                Map.of("name", "audit test")));
        assertThat(server.send(server.request("admin", "/api/users/" + user + "/tokens/" + token.get("id").asLong())
                .DELETE().build()).statusCode()).isEqualTo(204);

        HttpResponse<String> history = server.get("admin", "/api/users/" + user + "/history");
        assertThat(history.statusCode()).isEqualTo(200);
        List<String> events = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (JsonNode e : TestServer.json(history)) {
            events.add(e.get("event").asString());
            ids.add(e.get("id").asLong());
            assertThat(e.get("actor").asString()).isEqualTo("admin");
            assertThat(e.get("username").asString()).isEqualTo(user);
        }
        assertThat(events).containsExactly("ADDED", "DISABLED", "ENABLED", "PASSWORD_RESET", "ROLE_CHANGED",
                "TOKEN_ISSUED", "TOKEN_REVOKED");
        assertThat(history.body()).contains("COUNTY lanxi → AUDITOR").doesNotContain("first-password")
                .doesNotContain("second-password").doesNotContain(token.get("token").asString());

        Store store = server.context.getBean(Store.class);
        for (long id : ids) {
            assertThat(store.jdbc().sql("select count(*) from audit_entry where kind = 'USER_EVENT' and ref = ?")
                    .param(Long.toString(id)).query(Long.class).single()).as("audit entry of event " + id)
                    .isEqualTo(1);
        }
        assertThatThrownBy(() -> store.jdbc().sql("update user_event set actor = 'someone else' where id = ?")
                .param(ids.get(0)).update()).as("user events are append-only").hasMessageContaining("user_event");
        JsonNode verified = TestServer.json(server.get("auditor", "/api/audit/verify"));
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
    }

    @Test
    void eachChangeTakesEffectAtOnce() {
        String user = newCounty("first-password");
        assertThat(as(user, "first-password", "/api/me").statusCode()).isEqualTo(200);

        server.post("admin", "/api/users/" + user + "/disable", Map.of());
        assertThat(as(user, "first-password", "/api/me").statusCode()).isEqualTo(401);
        server.post("admin", "/api/users/" + user + "/enable", Map.of());
        assertThat(as(user, "first-password", "/api/me").statusCode()).isEqualTo(200);

        put("/api/users/" + user + "/password", Map.of("password", "second-password"));
        assertThat(as(user, "first-password", "/api/me").statusCode()).isEqualTo(401);
        assertThat(as(user, "second-password", "/api/me").statusCode()).isEqualTo(200);

        assertThat(as(user, "second-password", "/api/audit/verify").statusCode()).isEqualTo(403);
        HttpResponse<String> changed = put("/api/users/" + user + "/role", Map.of("role", "AUDITOR"));
        assertThat(TestServer.json(changed).get("role").asString()).isEqualTo("AUDITOR");
        assertThat(TestServer.json(changed).get("unit").isNull()).isTrue();
        assertThat(as(user, "second-password", "/api/audit/verify").statusCode()).isEqualTo(200);
    }

    @Test
    void theLastEnabledAdministratorCanBeNeitherDisabledNorDemoted() {
        HttpResponse<String> disabled = server.post("admin", "/api/users/admin/disable", Map.of());
        assertThat(disabled.statusCode()).isEqualTo(409);
        assertThat(TestServer.json(disabled).get("errors").get(0).get("field").asString()).isEqualTo("username");
        assertThat(TestServer.json(disabled).get("detail").asString()).contains("最后一个可用的管理员")
                .contains("the last enabled administrator");
        assertThat(put("/api/users/admin/role", Map.of("role", "CITY")).statusCode()).isEqualTo(409);
        assertThat(server.get("admin", "/api/me").statusCode()).isEqualTo(200);
    }

    @Test
    void badChangesNameTheFieldAndOnlyAnAdministratorMakesThem() {
        String user = newCounty("first-password");
        HttpResponse<String> shortPassword = put("/api/users/" + user + "/password", Map.of("password", "short"));
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(shortPassword).get("errors").get(0).get("field").asString()).isEqualTo("password");
        HttpResponse<String> noUnit = put("/api/users/" + user + "/role", Map.of("role", "COUNTY"));
        assertThat(noUnit.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(noUnit).get("errors").get(0).get("field").asString()).isEqualTo("unit");
        assertThat(put("/api/users/nobody-at-all/role", Map.of("role", "CITY")).statusCode()).isEqualTo(404);

        for (String other : List.of("city", "auditor", "lanxi")) {
            assertThat(server.post(other, "/api/users/" + user + "/disable", Map.of()).statusCode()).as(other)
                    .isEqualTo(403);
            assertThat(server.post(other, "/api/users/" + user + "/tokens", Map.of("name", "x")).statusCode())
                    .as(other).isEqualTo(403);
        }
        assertThat(TestServer.json(server.get("admin", "/api/users/" + user + "/history")).size())
                .as("nothing refused was recorded").isEqualTo(1);
    }
}
