package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Login throttling over real HTTP (docs/api.md, "Signing in"): five failures for a username within 15 minutes, or
 * twenty from one address, refuse further attempts for 15 minutes, with 429 and Retry-After on the API and a message
 * on the login page, before any password is checked. The server's clock is the test's: each test starts an hour
 * after the last, when every count has lapsed. The second address is the IPv6 loopback, [::1].
 */
class LoginThrottleTests {

    private static final String RIGHT = "right-password-1";

    private static TestServer server;
    private static URI ipv6;

    @BeforeAll
    static void start() {
        server = TestServer.clocked();
        ipv6 = URI.create("http://[::1]:" + server.base.getPort());
    }

    @BeforeEach
    void anHourLater() {
        server.clock.advance(Duration.ofHours(1));
    }

    private static String newUser() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", RIGHT);
        body.put("role", "CITY");
        HttpResponse<String> added = server.post("admin", "/api/users", body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return name;
    }

    private static HttpResponse<String> me(URI base, String username, String password) {
        return server.send(HttpRequest.newBuilder(base.resolve("/api/me")).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .GET().build());
    }

    private static HttpResponse<String> me(String username, String password) {
        return me(server.base, username, password);
    }

    @Test
    void afterFiveFailuresAUsernameIsRefusedWith429EvenWithTheRightPasswordAndNoPasswordIsChecked() {
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            assertThat(me(user, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        int checks = server.passwordChecks.get();
        HttpResponse<String> refused = me(user, RIGHT);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("900");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(TestServer.json(refused).get("type").asString()).isEqualTo("urn:ducha:problem:too-many-requests");
        assertThat(TestServer.json(refused).get("detail").asString())
                .isEqualTo("登录失败次数过多，请 15 分钟后再试 / too many failed logins, try again in 15 minutes");
        assertThat(me(user, "wrong-again").statusCode()).isEqualTo(429);
        assertThat(server.passwordChecks.get()).as("password checks while refused").isEqualTo(checks);
        assertThat(me(ipv6, user, RIGHT).statusCode()).as("the username is locked from every address").isEqualTo(429);
        assertThat(me("admin", TestServer.PASSWORD).statusCode()).as("other users are not").isEqualTo(200);
    }

    @Test
    void twentyFailuresFromOneAddressRefuseItForEveryUsernameWhileAnotherAddressSignsIn() {
        String user = newUser();
        for (int i = 0; i < 20; i++) {
            assertThat(me("nobody-" + i, "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = me(user, RIGHT);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("900");
        assertThat(me(ipv6, user, RIGHT).statusCode()).isEqualTo(200);
    }

    @Test
    void aSuccessClearsOnlyTheFailuresMadeFromItsOwnAddress() {
        String elsewhere = newUser();
        for (int i = 0; i < 4; i++) {
            assertThat(me(elsewhere, "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(me(ipv6, elsewhere, RIGHT).statusCode()).isEqualTo(200);
        assertThat(me(elsewhere, "wrong").statusCode()).isEqualTo(401);
        assertThat(me(ipv6, elsewhere, RIGHT).statusCode()).as("the fifth failure, the other address's success "
                + "notwithstanding").isEqualTo(429);

        String here = newUser();
        for (int i = 0; i < 4; i++) {
            assertThat(me(here, "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(me(here, RIGHT).statusCode()).isEqualTo(200);
        assertThat(me(here, "wrong").statusCode()).isEqualTo(401);
        assertThat(me(here, RIGHT).statusCode()).as("a success from the same address cleared the four").isEqualTo(200);
    }

    @Test
    void theRefusalLiftsWhenTheCoolingPeriodIsOver() {
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            assertThat(me(user, "wrong").statusCode()).isEqualTo(401);
        }
        server.clock.advance(Duration.ofMinutes(14));
        HttpResponse<String> still = me(user, RIGHT);
        assertThat(still.statusCode()).isEqualTo(429);
        assertThat(still.headers().firstValue("Retry-After")).hasValue("60");
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(me(user, RIGHT).statusCode()).isEqualTo(200);
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        String user = newUser();
        for (int i = 0; i < 4; i++) {
            assertThat(me(user, "wrong").statusCode()).isEqualTo(401);
        }
        server.clock.advance(Duration.ofMinutes(16));
        assertThat(me(user, "wrong").statusCode()).isEqualTo(401);
        assertThat(me(user, RIGHT).statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardsFormLoginIsThrottledTooAndSaysHowLongToWait() {
        String user = newUser();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (int i = 0; i < 5; i++) {
            assertThat(formLogin(browser, user, "wrong")).endsWith("/login?error");
        }
        int checks = server.passwordChecks.get();
        String refused = formLogin(browser, user, RIGHT);
        assertThat(refused).endsWith("/login?throttled=15");
        assertThat(server.passwordChecks.get()).isEqualTo(checks);
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(server.base.resolve(URI.create(refused)
                .getPath() + "?throttled=15")).GET().build());
        assertThat(page.body()).contains("登录失败次数过多，请 15 分钟后再试 / too many failed logins, try again in 15 minutes");
        HttpResponse<String> english = send(browser, HttpRequest.newBuilder(server.base.resolve(
                "/login?throttled=15&lang=en")).GET().build());
        assertThat(english.body()).contains("Too many failed logins, try again in 15 minutes");

        // and the API's Basic counts go with the form's: the same username is locked there too
        assertThat(me(user, RIGHT).statusCode()).isEqualTo(429);
    }

    /** Signs in through the login form as a browser does (CSRF token and session cookie); answers where it went. */
    private static String formLogin(HttpClient browser, String username, String password) {
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(server.base.resolve("/login")).GET().build());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> posted = send(browser, HttpRequest.newBuilder(server.base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(posted.statusCode()).isEqualTo(302);
        return posted.headers().firstValue("Location").orElseThrow();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
