package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The smaller doors of issue 14, each as the probe that found it open: what a county supervisor may count, who reads
 * the service's info, waivers of another unit, a body that is not JSON, an encoded slash, a form without its token,
 * the security headers and a Host header chosen by the client.
 */
class HardeningTests {

    private static TestServer server;
    private static long run;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        run = server.samplesJudged("2023-08", "2023-09");
    }

    @Test
    void aCountySupervisorCountsItsOwnVerdictsAndAlertsOnlyNotTheCitys() {
        JsonNode county = TestServer.json(server.get("lanxi", "/api/evaluations/" + run));
        JsonNode city = TestServer.json(server.get("city", "/api/evaluations/" + run));

        int lights = 0;
        for (String light : new String[] {"GREEN", "YELLOW", "RED", "GREY", "NONE"}) {
            lights += county.get("counts").path(light).asInt(0);
        }
        assertThat(lights).as("lanxi's verdicts, each counted once").isEqualTo(county.get("verdicts").size());
        assertThat(county.get("counts").get("ALERTS").asInt()).isEqualTo(county.get("alerts").size());
        assertThat(city.get("counts").get("ALERTS").asInt()).as("the city's figure is larger")
                .isGreaterThan(county.get("counts").get("ALERTS").asInt());
    }

    @Test
    void theServicesInfoIsForTheAdministratorOnly() {
        assertThat(server.get("city", "/actuator/info").statusCode()).isEqualTo(403);
        assertThat(server.get("lanxi", "/actuator/info").statusCode()).isEqualTo(403);
        assertThat(server.get("admin", "/actuator/info").statusCode()).isEqualTo(200);
    }

    @Test
    void aCountySupervisorAskingForAnotherUnitsWaiversIsRefused() {
        HttpResponse<String> other = server.get("lanxi", "/api/waivers?unit=dongyang");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(TestServer.json(other).get("errors").get(0).get("field").asString()).isEqualTo("unit");
        assertThat(server.get("lanxi", "/api/waivers?unit=lanxi").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotJsonIsBlamedOnTheBodyNotOnAField() {
        HttpResponse<String> cut = server.send(server.request("city", "/api/evaluations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"period\": \"2023-09\"")).build());

        assertThat(cut.statusCode()).isEqualTo(400);
        JsonNode problem = TestServer.json(cut);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("(body)");
        assertThat(problem.get("detail").asString()).contains("不是合法的 JSON").contains("not well-formed JSON");
    }

    @Test
    void anEncodedSlashGetsAProblemNotTomcatsHtmlPage() {
        HttpResponse<String> slash = server.get("city", "/api/sheets/1%2f2");

        assertThat(slash.statusCode()).isEqualTo(400);
        assertThat(slash.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(slash.body()).doesNotContain("<html").doesNotContain("Tomcat");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsForbiddenNotAWrongMethod() throws IOException {
        String page = raw("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String token = page.replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
        String form = "username=lanxi&password=" + TestServer.PASSWORD + "&_csrf=" + token;
        String login = raw("POST /login HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie(page) + "\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\nConnection: close\r\n\r\n"
                + form);
        assertThat(login).as("signed in").startsWith("HTTP/1.1 302").doesNotContain("error");

        String answer = raw("POST /logout HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie(login) + "\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403");
    }

    private static String cookie(String answer) {
        return answer.lines().filter(l -> l.startsWith("Set-Cookie: JSESSIONID=")).findFirst().orElseThrow()
                .substring("Set-Cookie: ".length()).replaceAll(";.*", "");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndTheSessionCookieIsSameSite() throws IOException {
        HttpResponse<String> api = server.get("city", "/api/me");
        assertThat(api.headers().firstValue("Content-Security-Policy")).hasValue(WebHeaders.POLICY);
        assertThat(api.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        String login = raw("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(login).startsWith("HTTP/1.1 200").contains("Content-Security-Policy: " + WebHeaders.POLICY)
                .contains("Referrer-Policy: same-origin");
        assertThat(login.lines().filter(l -> l.startsWith("Set-Cookie: JSESSIONID"))).isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void aRedirectNeverNamesTheHostTheClientClaimed() throws IOException {
        String answer = raw("GET /overview HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 302");
        String location = answer.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                .orElseThrow();
        assertThat(location).doesNotContain("evil.example").endsWith("/login");
    }

    @Test
    void notesAndReasonsRefuseFormulasHiddenCharactersAndLengthNamingTheField() {
        JsonNode open = TestServer.json(server.get("city", "/api/alerts?unit=lanxi"));
        long id = open.get(0).get("id").asLong();

        HttpResponse<String> bidi = server.post("lanxi", "/api/alerts/" + id + "/ack",
                java.util.Map.of("note", "已整改\u202e完成"));
        HttpResponse<String> formula = server.post("city", "/api/alerts/" + id + "/close",
                java.util.Map.of("reason", "\t=HYPERLINK(\"http://evil\")"));
        HttpResponse<String> waiver = server.post("city", "/api/waivers", java.util.Map.of("unit", "lanxi",
                "commitment", "T09.2", "from", "2023-09", "to", "2023-12", "reason", "x".repeat(1001),
                "expires", "2024-01-31"));

        assertThat(java.util.List.of(bidi, formula, waiver)).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        });
        assertThat(TestServer.json(bidi).get("errors").get(0).get("field").asString()).isEqualTo("note");
        assertThat(TestServer.json(bidi).get("detail").asString()).contains("U+202E");
        assertThat(TestServer.json(formula).get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(TestServer.json(waiver).get("detail").asString()).contains("at most 1000 characters");
    }

    /** An HTTP/1.1 exchange written by hand: the JDK client will not send a Host header of our choosing. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(server.base.getHost(), server.base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
