package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One language for the API and the dashboard (Languages), over real HTTP: the user's pick (the dashboard's cookie),
 * else Accept-Language, else Chinese; explanations and alerts shown in it; and errors answered as a page in the
 * dashboard and as problem+json in the API.
 */
class LanguagesTests {

    /** Han characters and CJK punctuation, as in evaluation.WordingTests. */
    private static final Pattern CHINESE = Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]");

    private static TestServer server;
    private static long run;

    @BeforeAll
    static void judged() {
        server = TestServer.shared();
        run = server.samplesJudged("2023-08", "2023-09");
    }

    @Test
    void showsTheDashboardsExplanationsAndAlertsInTheLanguagePicked() {
        HttpClient browser = server.signedIn("city");

        String chinese = page(browser, "/units/lanxi?period=2023-09&lang=zh").body();
        assertThat(chinese).contains("兰溪市 2023-09 ").doesNotContain("Lanxi 2023-09:");
        String english = page(browser, "/units/lanxi?period=2023-09&lang=en").body();
        assertThat(english).contains("Lanxi 2023-09: ").doesNotContain("兰溪市 2023-09 ");
        assertThat(explanations(english)).isNotEmpty().allSatisfy(text -> assertThat(CHINESE.matcher(text).find())
                .as("Chinese left in %s", text).isFalse());
        // the pick is kept (the cookie) for the next page, whatever the browser says
        HttpResponse<String> alerts = send(browser, HttpRequest.newBuilder(server.base.resolve("/alerts"))
                .header("Accept-Language", "zh-CN").GET().build());
        assertThat(explanations(alerts.body())).isNotEmpty().allSatisfy(text -> assertThat(text).startsWith("["));
    }

    @Test
    void followsAcceptLanguageUntilTheUserPicks() {
        HttpClient fresh = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(send(fresh, HttpRequest.newBuilder(server.base.resolve("/login")).GET().build()).body())
                .contains("登录");
        assertThat(send(fresh, HttpRequest.newBuilder(server.base.resolve("/login"))
                .header("Accept-Language", "en-GB,en;q=0.9,zh;q=0.5").GET().build()).body())
                .contains("Sign in").doesNotContain("登录");
        assertThat(send(fresh, HttpRequest.newBuilder(server.base.resolve("/login?lang=zh"))
                .header("Accept-Language", "en").GET().build()).body()).contains("登录");
    }

    @Test
    void answersTheApiInBothLanguagesWithTitlesInTheOneAsked() {
        JsonNode verdicts = TestServer.json(server.get("city", "/api/evaluations/" + run)).get("verdicts");
        assertThat(verdicts).isNotEmpty().allSatisfy(v -> {
            assertThat(CHINESE.matcher(v.get("explanation").asString()).find()).isTrue();
            assertThat(CHINESE.matcher(v.get("explanationEn").asString()).find())
                    .as(v.get("explanationEn").asString()).isFalse();
        });

        HttpResponse<String> chinese = server.get("city", "/api/evaluations/not-a-number");
        HttpResponse<String> english = server.send(server.request("city", "/api/evaluations/not-a-number")
                .header("Accept-Language", "en").GET().build());
        HttpResponse<String> picked = server.send(server.request("city", "/api/evaluations/not-a-number")
                .header("Accept-Language", "zh-CN").header("Cookie", Languages.COOKIE + "=en").GET().build());
        for (HttpResponse<String> r : java.util.List.of(chinese, english, picked)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        assertThat(TestServer.json(chinese).get("title").asString()).isEqualTo("请求有误");
        assertThat(TestServer.json(english).get("title").asString()).isEqualTo("Bad request");
        assertThat(TestServer.json(picked).get("title").asString()).as("the user's pick first")
                .isEqualTo("Bad request");
    }

    @Test
    void answersAPageThatDoesNotExistWithAFriendlyPage() {
        HttpClient browser = server.signedIn("city");
        HttpResponse<String> missing = send(browser, HttpRequest.newBuilder(server.base.resolve("/no-such-page"))
                .header("Referer", server.base.resolve("/overview?period=2023-09").toString()).GET().build());

        assertFriendlyPage(missing, 404, "出错了", "没有这个页面");
        assertThat(missing.body()).contains("href=\"/overview?period=2023-09\"", "返回上一页");
        HttpResponse<String> english = page(browser, "/no-such-page?lang=en");
        assertFriendlyPage(english, 404, "Something went wrong", "There is no such page");
    }

    @Test
    void answersMalformedAndRefusedRequestsOfTheDashboardWithPages() {
        HttpClient auditor = server.signedIn("auditor");
        assertFriendlyPage(page(auditor, "/audit/runs/not-a-number"), 400, "出错了", "请求有误");
        // a form's address opened as a link: no handler takes GET there
        assertFriendlyPage(page(auditor, "/alerts/1/ack"), 405, "出错了", "此页面不能这样打开");
        assertFriendlyPage(page(server.signedIn("lanxi"), "/audit"), 403, "出错了", "您的角色不能打开此页");
        assertFriendlyPage(page(server.signedIn("lanxi"), "/units/dongyang"), 404, "出错了", "没有这个页面");
    }

    private static void assertFriendlyPage(HttpResponse<String> r, int status, String... says) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains(says).contains("id=\"error-status\"", "href=\"/overview\"")
                .doesNotContain("urn:ducha:problem", "\"title\"", "Exception", "\tat ", "Whitelabel");
    }

    /** The texts of the explanation cells and alert messages of a page. */
    private static java.util.List<String> explanations(String html) {
        Matcher m = Pattern.compile("class=\"explanation\">([^<]*)<").matcher(html);
        java.util.List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static HttpResponse<String> page(HttpClient browser, String path) {
        return send(browser, HttpRequest.newBuilder(server.base.resolve(path)).GET().build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        return TestServer.send(client, request);
    }
}
