package cn.jinhua.ducha.web.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import cn.jinhua.ducha.alerting.AlertState;
import cn.jinhua.ducha.alerting.Destinations;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.alerting.Webhooks;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.TestDatabases;
import cn.jinhua.ducha.web.DuchaServer;
import cn.jinhua.ducha.web.RulesInForce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard end to end: {@code ducha serve} over the twelve months of samples, driven by a real headless
 * Chromium, on PostgreSQL where DUCHA_TEST_PG names a server and on H2 otherwise. Each page leaves a screenshot under
 * target/screenshots.
 *
 * <p>Its own server, not the API tests' shared one (web/TestServer): the pages are checked against exact counts of
 * all twelve months of samples, judged once (12 runs, 4 reds, 28 alerts in 2023-09), while the API tests submit
 * other sheets, judge periods again and swap the rules in force on the shared server, so any API test run before
 * this class would change what it sees. The tests run in order because they act on that one store (an alert
 * acknowledged, then closed) and share one browser session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTests {

    private static final String ADMIN_PASSWORD = "admin-secret-1";
    private static final String CITY = "city-ducha";
    private static final String COUNTY = "pujiang-ducha";
    private static final String AUDITOR = "auditor-ducha";
    private static final String PASSWORD = "dashboard-secret-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;

    private static ConfigurableApplicationContext context;
    private static String base;
    private static Browser browser;

    @BeforeAll
    static void serveTheSamples() throws IOException {
        // on PostgreSQL where DUCHA_TEST_PG names a server (as the API's TestServer), else on H2
        String url = TestDatabases.PG_ADMIN != null && !TestDatabases.PG_ADMIN.isBlank()
                ? TestDatabases.postgres(temp) : TestDatabases.h2(temp);
        context = DuchaServer.start(Map.of("server.port", 0, "ducha.db.url", url,
                "ducha.rules", "rules", "ducha.admin.password", ADMIN_PASSWORD, "ducha.webhooks.deliver", false));
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        Store store = context.getBean(Store.class);
        RulesInForce rules = context.getBean(RulesInForce.class);
        SheetReader reader = new SheetReader(rules.current().catalogue());
        try (Stream<Path> files = Files.walk(Path.of("samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                store.submissions().add(reader.read(file).sheet().orElseThrow(), Files.readAllBytes(file), "tester");
            }
        }
        Supervision supervision = context.getBean(Supervision.class);
        for (int month = 1; month <= 12; month++) {
            supervision.evaluate(rules.current(), YearMonth.of(2023, month), CITY);
        }
        addUser(CITY, "CITY", null);
        addUser(COUNTY, "COUNTY", "pujiang");
        addUser(AUDITOR, "AUDITOR", null);
        browser = new Browser(base, temp.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    @Order(1)
    void everyPageNeedsALogin() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/overview?period=2023-09");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        assertThat(browser.find("#login").getText()).isEqualTo("登录 Sign in");
        browser.screenshot("login", 700);
    }

    @Test
    @Order(2)
    void countySupervisorSeesOnlyTheirUnit() {
        browser.login(COUNTY, PASSWORD);
        browser.open("/overview?period=2023-09");
        assertThat(browser.all("#matrix tbody tr")).extracting(r -> r.getAttribute("data-unit"))
                .containsExactly("pujiang");
        assertThat(browser.all(".chart")).as("the city totals are the city's").isEmpty();
        assertThat(browser.find("#county-only").getText()).contains("只能看到本单位");
        browser.screenshot("overview-county", 700);

        browser.follow("#nav-unit");
        assertThat(browser.find("#unit-name").getText()).contains("浦江县");
        assertThat(browser.all("#verdicts tbody tr")).isNotEmpty();
        // 浦江县 started from 6 items in its 2022-12 sheet: the baseline and where it came from, and the inferred
        // deadline, are shown with the verdict
        WebElement village = browser.find("#verdicts tr[data-commitment='T06.2']");
        assertThat(village.findElement(By.cssSelector("td.baseline")).getText()).isEqualTo("6");
        assertThat(village.findElement(By.cssSelector("td.explanation")).getText())
                .contains("基期值 6 项，取自本单位 2022-12 报表").contains("推定时限 2023-12");
        // 52 in June, 72 in September: at that pace 92 by December, short of 100 (提前预警), marked beside the light
        assertThat(village.findElements(By.cssSelector(".forecast-mark"))).singleElement()
                .satisfies(mark -> assertThat(mark.getText()).isEqualTo("预"));
        assertThat(browser.find("#verdicts tr[data-commitment='T05.1']").findElements(By.cssSelector(".forecast-mark")))
                .as("a red verdict gets no forecast").isEmpty();
        assertThat(browser.find("#template").getAttribute("href")).endsWith("/units/pujiang/template/2023-09.xlsx");
        browser.screenshot("unit", 1400);

        browser.open("/units/yiwu?period=2023-09");
        assertThat(browser.find("#error-status").getText()).as("another county's page").isEqualTo("404");
        assertThat(browser.driver().getPageSource()).doesNotContain("义乌市 2023-09");
    }

    @Test
    @Order(3)
    void citySupervisorSeesTheLightsOfTheEvaluation() throws Exception {
        browser.login(CITY, PASSWORD);
        browser.open("/overview?period=2023-09");
        @SuppressWarnings("unchecked")
        Map<String, String> shown = (Map<String, String>) browser.driver().executeScript("""
                var shown = {};
                document.querySelectorAll('#matrix tbody tr').forEach(function (row) {
                  row.querySelectorAll('td.cell').forEach(function (cell) {
                    shown[row.dataset.unit + ' ' + cell.dataset.column] = cell.dataset.light || null;
                  });
                });
                return shown;""");
        Map<String, String> expected = worstLights(api(CITY, "/api/verdicts?period=2023-09"));
        assertThat(browser.all("#matrix tbody tr")).hasSize(11);
        List<String> differ = expected.keySet().stream().sorted()
                .filter(k -> !Objects.equals(expected.get(k), shown.get(k)))
                .map(k -> k + ": " + shown.get(k) + " shown, " + expected.get(k) + " judged").toList();
        if (!differ.isEmpty()) {
            Files.writeString(Browser.SCREENSHOTS.resolve("overview-differs.html"), browser.driver().getPageSource());
        }
        assertThat(differ).as("cells whose light differs from the API's verdicts").isEmpty();
        assertThat(shown).hasSameSizeAs(expected);
        // the README's table of the samples for 2023-09
        assertThat(shown).containsEntry("wuyi 01", "RED").containsEntry("pujiang 05", "RED")
                .containsEntry("jindong 28", "YELLOW").containsEntry("kaifaqu 13", "GREY")
                .containsEntry("jinhua G", "YELLOW").containsEntry("yiwu 09", "GREEN");
        assertThat(browser.find("#matrix td[data-column='01'][data-light='RED']").getText()).isEqualTo("红");
        assertThat(browser.all("#city-counts td.count")).extracting(WebElement::getText)
                .containsExactly("599", "23", "4", "3");
        assertThat(browser.all("#forecasts li")).as("the forecasts the 2023-09 run raised (README)")
                .extracting(li -> li.getAttribute("data-unit") + " " + li.getAttribute("data-commitment"))
                .containsExactlyInAnyOrder("wuyi T21.1", "pujiang T06.2", "lanxi T06.2", "jinhua T28.3", "jinhua T31.1");
        assertThat(browser.find("#forecasts li[data-commitment='T31.1']").getText())
                .contains("【提前预警】金华市 2023-09", "预计年底（2023-12）达 138.4 亿元");
        browser.waitFor(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".chart[data-drawn='true']"), 5));
        assertThat(browser.all(".chart canvas")).hasSizeGreaterThanOrEqualTo(5);
        browser.screenshot("overview", 1500);
    }

    @Test
    @Order(4)
    void countySupervisorAcknowledgesTheirAlert() throws Exception {
        TrackedAlert alert = alert("pujiang", "T05.1");
        browser.login(COUNTY, PASSWORD);
        browser.open("/alerts");
        assertThat(browser.all("#alerts tbody tr")).extracting(r -> r.getAttribute("data-unit")).containsOnly("pujiang");
        WebElement row = browser.find("#alert-" + alert.id());
        assertThat(row.findElements(By.cssSelector(".close-button"))).as("a county does not close").isEmpty();
        row.findElement(By.cssSelector(".note-input")).sendKeys("已部署整改：10 月底前完成第二批事项流程优化");
        browser.follow(row.findElement(By.cssSelector(".ack-button")));
        assertThat(browser.find("#flash").getText()).contains("已签收预警 " + alert.id());
        assertThat(browser.find("#alert-" + alert.id()).getAttribute("data-state")).isEqualTo("ACKNOWLEDGED");
        assertThat(browser.find("#alert-" + alert.id() + " .state").getText()).isEqualTo("已签收 acknowledged");
        assertThat(api(COUNTY, "/api/alerts/" + alert.id()).get("state").asString()).isEqualTo("ACKNOWLEDGED");
        browser.screenshot("alerts", 900);
    }

    @Test
    @Order(5)
    void citySupervisorClosesAnAlertWithAReason() throws Exception {
        TrackedAlert alert = alert("lanxi", "T06.2");
        browser.login(CITY, PASSWORD);
        browser.open("/alerts");
        WebElement row = browser.find("#alert-" + alert.id());
        row.findElement(By.cssSelector(".reason-input")).sendKeys("经核实已完成整改");
        browser.follow(row.findElement(By.cssSelector(".close-button")));
        assertThat(browser.find("#flash").getText()).contains("已关闭预警 " + alert.id());
        assertThat(browser.all("#alert-" + alert.id())).as("no longer active").isEmpty();
        assertThat(api(CITY, "/api/alerts/" + alert.id()).get("state").asString())
                .isEqualTo(AlertState.CLOSED.name());
        browser.follow("#state-CLOSED");
        assertThat(browser.find("#alert-" + alert.id()).getAttribute("data-state")).isEqualTo("CLOSED");
    }

    @Test
    @Order(6)
    void commitmentPageDrawsTheTrendOfAUnit() {
        browser.login(CITY, PASSWORD);
        browser.open("/overview?period=2023-09");
        browser.follow("#matrix tr[data-unit='pujiang'] th a");
        browser.follow("#verdicts tr[data-commitment='T05.1'] a");
        assertThat(browser.find("#commitment-title").getText()).contains("T05.1");
        assertThat(browser.find("#source").getText()).isNotBlank();
        assertThat(browser.find("#unit-picker a.current").getText()).isEqualTo("浦江县");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trend[data-drawn='true'] canvas")));
        assertThat(browser.all("#history tbody tr")).hasSize(12);
        assertThat(browser.find("#rule").getText()).contains("rule \"T05.1");
        browser.screenshot("commitment", 1300);
    }

    @Test
    @Order(7)
    void switchesToEnglishAndBack() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/login");
        browser.follow("#lang");
        assertThat(browser.find("#login").getText()).isEqualTo("Sign in");
        browser.login(CITY, PASSWORD);
        assertThat(browser.find("#nav-overview").getText()).isEqualTo("Overview");
        browser.open("/overview?period=2023-09");
        assertThat(browser.find("h1").getText()).isEqualTo("Overview · 2023-09");
        assertThat(browser.find("#nav-alerts").getText()).isEqualTo("Alerts");
        assertThat(browser.find("#matrix tr[data-unit='wuyi'] td[data-column='01']").getText()).isEqualTo("R");
        assertThat(browser.all("#forecasts li")).as("the forecasts the 2023-09 run raised (README)")
                .extracting(li -> li.getAttribute("data-unit") + " " + li.getAttribute("data-commitment"))
                .containsExactlyInAnyOrder("wuyi T21.1", "pujiang T06.2", "lanxi T06.2", "jinhua T28.3", "jinhua T31.1");
        assertThat(browser.find("#forecasts li[data-commitment='T31.1']").getText()).as("the forecast in English")
                .contains("[forecast] Jinhua (city) 2023-09", "by the year end (2023-12) it reaches 13.84 billion "
                        + "yuan");
        browser.waitFor(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".chart[data-drawn='true']"), 5));
        browser.screenshot("overview-en", 1500);
        browser.follow("#lang");
        assertThat(browser.find("h1").getText()).isEqualTo("总览 Overview · 2023-09");
    }

    @Test
    @Order(8)
    void auditorChecksTheChainReplaysAndTracesAVerdict() {
        browser.login(AUDITOR, PASSWORD);
        browser.follow("#nav-audit");
        assertThat(browser.find("#chain").getText()).startsWith("✔ 完好");
        assertThat(browser.all("#runs tbody tr")).hasSize(12);
        new Select(browser.find("#before")).selectByVisibleText("8 · 2023-08");
        new Select(browser.find("#after")).selectByVisibleText("9 · 2023-09");
        browser.follow("#diff-form button");
        assertThat(browser.all("#diff tbody tr")).isNotEmpty();
        browser.screenshot("audit", 1200);
        browser.open("/audit/runs/9?replay=true");
        assertThat(browser.find("#replay").getText()).startsWith("✔ 重放一致");
        browser.follow("#run-verdicts tbody tr a");
        assertThat(browser.find("#trace").getText()).isNotBlank();
        browser.screenshot("audit-trace", 1000);
    }

    @Test
    @Order(9)
    void catalogueAndPrintableReport() throws IOException {
        browser.login(CITY, PASSWORD);
        browser.follow("#nav-catalogue");
        assertThat(browser.find("#coverage").getText()).startsWith("覆盖 38 / 38");
        assertThat(browser.all("#tasks tbody")).hasSize(38);
        browser.screenshot("catalogue", 1200);
        browser.open("/report?period=2023-09");
        assertThat(browser.find("h1.report-title").getText()).endsWith("2023-09");
        assertThat(browser.all("#reds tbody tr")).as(browser.find("main").getText()).hasSize(4);
        assertThat(browser.all("#report-alerts li")).hasSize(28);
        browser.screenshot("report", 1500);
        // the print button works under the Content-Security-Policy (an inline handler would be blocked)
        browser.driver().executeScript("window.printed = 0; window.print = function () { window.printed++; };");
        browser.find("#print").click();
        assertThat(browser.driver().executeScript("return window.printed;")).isEqualTo(1L);
        Path pdf = browser.print("report");
        assertThat(Files.readString(pdf, StandardCharsets.ISO_8859_1)).startsWith("%PDF-")
                .as("A4 landscape: 842 × 595 points").containsPattern("/MediaBox \\[0 0 84[12](\\.\\d+)? 59[56]");
        browser.login(COUNTY, PASSWORD);
        browser.open("/audit");
        assertThat(browser.find("#error-status").getText()).as("the audit pages are the auditors'").isEqualTo("403");
    }

    /** The worst light of each unit and task (G, 01..38, S) among the verdicts, as the command line's table. */
    @Test
    @Order(10)
    void administratorSeesTheDeadLetters() {
        Webhooks webhooks = new Webhooks(context.getBean(Store.class), Destinations.allowingPrivate());
        Webhooks.Endpoint gone = webhooks.add("已停用的群 gone", "http://127.0.0.1:9/hook", Webhooks.Format.STANDARD,
                Set.of(), Set.of(), Set.of(), "tester");
        String id = webhooks.enqueueTest(gone.id(), "tester");
        Instant at = Instant.now();
        for (int attempt = 1; attempt <= Webhooks.MAX_ATTEMPTS; attempt++) {
            webhooks.deliver(at, HTTP); // nothing listens on port 9: each attempt fails at once
            at = at.plus(Duration.ofHours(2));
        }

        browser.login("admin", ADMIN_PASSWORD);
        browser.follow("#nav-deliveries");

        assertThat(browser.find("#delivery-counts").getAttribute("data-dead")).isEqualTo("1");
        assertThat(browser.find("#delivery-counts").getText()).startsWith("待推送").contains("已放弃 dead letters 1");
        assertThat(browser.all("#dead-letters tbody tr")).singleElement().satisfies(row -> {
            assertThat(row.getAttribute("data-id")).isEqualTo(id);
            assertThat(row.getText()).contains("已停用的群", "webhook.test", String.valueOf(Webhooks.MAX_ATTEMPTS));
        });
        browser.screenshot("deliveries", 700);

        // sent again from the page: a new round of attempts, no dead letter left, who asked in the audit chain
        browser.follow("#dead-letters tbody tr[data-id='" + id + "'] .requeue-button");
        assertThat(browser.find("#flash").getText()).isEqualTo("已重新排队推送 %s / delivery %s queued again", id, id);
        assertThat(browser.find("#delivery-counts").getAttribute("data-dead")).isEqualTo("0");
        assertThat(browser.all("#no-dead-letters")).hasSize(1);
        Store store = context.getBean(Store.class);
        assertThat(store.jdbc().sql("select requeued_by from delivery_requeue where delivery_id = ?").param(id)
                .query(String.class).list()).containsExactly("admin");
        assertThat(store.verify().intact()).as("the audit chain").isTrue();
    }

    @Test
    @Order(11)
    void citySupervisorRanksTheUnitsOverallAndByEnvironmentAndChartsTheirRanks() throws IOException {
        browser.login(CITY, PASSWORD);
        browser.open("/overview?period=2023-09");
        browser.follow("#nav-ranking");
        assertThat(browser.find("h1").getText()).isEqualTo("赛马排名 Ranking · 2023-09");
        assertThat(browser.find("#against").getText()).contains("升降对比 2023-08 的排名");
        assertShowsTheApisRanking("/api/rankings?period=2023-09");
        assertThat(browser.find("#ranking thead").getText()).contains("名次 Rank", "得分 Score", "滞后 at risk",
                "未报数据 no data");
        assertThat(browser.find("#formula").getText()).contains("滞后 at risk 0.5", "未报数据 no data 0",
                "同分同名次");
        assertThat(browser.all("#areas a")).extracting(WebElement::getText).containsExactly("总体 Overall",
                "政务环境 Government", "法治环境 Rule of law", "市场环境 Market", "经济生态环境 Economy",
                "人文环境 Culture");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rank-chart[data-drawn='true'] canvas")));
        JsonNode chart = JSON.readTree(browser.find("#rank-chart").getAttribute("data-chart"));
        assertThat(chart.get("ranks").asBoolean()).isTrue();
        assertThat(chart.get("months")).hasSize(9);
        assertThat(chart.get("lines")).hasSize(10);
        // drawn, not just laid out: ECharts holds ten line series with nine months of ranks each, rank 1 on top
        assertThat(browser.driver().executeScript("""
                var option = echarts.getInstanceByDom(document.getElementById('rank-chart')).getOption();
                return [option.series.length, option.series.filter(function (s) {
                  return s.type === 'line' && s.data.length === 9; }).length, option.yAxis[0].inverse];"""))
                .isEqualTo(List.of(10L, 10L, true));
        browser.screenshot("ranking", 1100);

        browser.follow("#areas a[data-area='LEGAL']");
        assertThat(browser.find("#areas a.current").getText()).isEqualTo("法治环境 Rule of law");
        assertShowsTheApisRanking("/api/rankings?period=2023-09&area=LEGAL");
        new Select(browser.find("#period")).selectByVisibleText("2023-06");
        browser.waitFor(ExpectedConditions.urlContains("period=2023-06"));
        browser.waitFor(d -> "complete".equals(browser.driver().executeScript("return document.readyState")));
        assertThat(browser.driver().getCurrentUrl()).as("the environment is kept").contains("area=LEGAL");
        assertShowsTheApisRanking("/api/rankings?period=2023-06&area=LEGAL");
        browser.open("/ranking?period=2023-09&area=SAFEGUARDS");
        assertThat(browser.find("#error-status").getText()).isEqualTo("404");
    }

    /** The page's rows are the API's: unit, rank, score, movement and every count, in the API's order. */
    private static void assertShowsTheApisRanking(String api) throws IOException {
        JsonNode ranking = api(CITY, api);
        List<WebElement> rows = browser.all("#ranking tbody tr");
        assertThat(rows).hasSize(10);
        for (int i = 0; i < rows.size(); i++) {
            WebElement row = rows.get(i);
            JsonNode expected = ranking.get("rows").get(i);
            assertThat(row.getAttribute("data-unit")).isEqualTo(expected.get("unit").asString());
            assertThat(row.findElement(By.cssSelector(".rank")).getText()).isEqualTo(expected.get("rank").asString());
            assertThat(row.findElement(By.cssSelector(".score")).getText())
                    .isEqualTo(expected.get("score").decimalValue().toPlainString());
            assertThat(row.findElement(By.cssSelector(".movement")).getText())
                    .isEqualTo(expected.get("movement").asString().equals("NEW") ? "新 new" : expected.get("label").asString());
            for (WebElement count : row.findElements(By.cssSelector("td.count"))) {
                assertThat(count.getText()).as("%s %s", expected.get("unit"), count.getAttribute("data-status"))
                        .isEqualTo(expected.get("counts").get(count.getAttribute("data-status")).asString());
            }
        }
    }

    @Test
    @Order(12)
    void theOverviewMapsTheUnitsWhereTheyLieColouredByTheirWorstLightWithTheirRank() throws IOException {
        browser.login(CITY, PASSWORD);
        browser.open("/overview?period=2023-09");
        List<WebElement> tiles = browser.all("#map .tile");
        assertThat(tiles).hasSize(10);
        Map<String, String> worst = worstLightOfEachUnit(api(CITY, "/api/verdicts?period=2023-09"));
        JsonNode ranking = api(CITY, "/api/rankings?period=2023-09");
        for (JsonNode row : ranking.get("rows")) {
            String unit = row.get("unit").asString();
            WebElement tile = browser.find("#map .tile[data-unit='" + unit + "']");
            assertThat(tile.getAttribute("data-light")).as(unit).isEqualTo(worst.get(unit));
            assertThat(tile.getAttribute("class")).as(unit).contains("l-" + worst.get(unit));
            assertThat(tile.getAttribute("data-rank")).as(unit).isEqualTo(row.get("rank").asString());
            assertThat(tile.getText()).as(unit).contains(row.get("name").asString(),
                    "第 " + row.get("rank").asInt() + " 名");
        }
        // the README's table of 2023-09: 武义县 has a red light, 义乌市 only green ones
        assertThat(browser.find("#map .tile[data-unit='wuyi']").getText()).contains("红灯 red");
        assertThat(browser.find("#map .tile[data-unit='yiwu']").getText()).contains("绿灯 green");
        // roughly as they lie: 兰溪 north-west, 浦江 north, 磐安 east, 武义 south
        assertThat(x("lanxi")).isLessThan(x("pujiang"));
        assertThat(y("pujiang")).isLessThan(y("yiwu"));
        assertThat(x("wucheng")).isLessThan(x("jindong")).isLessThan(x("yiwu"));
        assertThat(x("panan")).isGreaterThan(x("yiwu"));
        assertThat(y("wuyi")).isGreaterThan(y("wucheng"));
        assertThat(y("yongkang")).isGreaterThan(y("yiwu"));
        browser.screenshot("overview-map", 1000);

        browser.follow("#map .tile[data-unit='yiwu']");
        assertThat(browser.find("#unit-name").getText()).contains("义乌市");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/units/yiwu?period=2023-09");
    }

    private static int x(String unit) {
        return browser.find("#map .tile[data-unit='" + unit + "']").getRect().getX();
    }

    private static int y(String unit) {
        return browser.find("#map .tile[data-unit='" + unit + "']").getRect().getY();
    }

    @Test
    @Order(13)
    void aCountySupervisorSeesTheWholeRaceAndOpensItsOwnUnitOnly() throws IOException {
        browser.login(COUNTY, PASSWORD);
        browser.open("/overview?period=2023-09");
        assertThat(browser.all("#map .tile")).hasSize(10);
        assertThat(browser.all("#map a.tile")).extracting(t -> t.getAttribute("data-unit")).containsExactly("pujiang");
        browser.follow("#nav-ranking");
        assertThat(browser.all("#ranking tbody tr")).hasSize(10);
        assertThat(browser.all("#ranking tbody td.unit a")).extracting(WebElement::getText).containsExactly("浦江县");
        assertThat(browser.find("#formula").getText()).contains("区县督查员只能打开本单位");
        browser.screenshot("ranking-county", 1000);
    }

    @Test
    @Order(14)
    void theRankingAndTheMapInEnglish() throws IOException {
        browser.login(CITY, PASSWORD);
        browser.open("/ranking?period=2023-09&area=MARKET&lang=en");
        assertThat(browser.find("h1").getText()).isEqualTo("Ranking · 2023-09");
        assertThat(browser.find("#nav-ranking").getText()).isEqualTo("Ranking");
        assertThat(browser.find("#areas a.current").getText()).isEqualTo("Market");
        assertThat(browser.find("#ranking thead").getText()).contains("Rank", "Score", "Move", "at risk", "no data")
                .doesNotContain("名次");
        assertThat(browser.find("#against").getText()).isEqualTo("movement against 2023-08");
        assertThat(browser.find("#formula").getText()).contains("equal scores share a rank").doesNotContain("同分");
        assertShowsTheApisRankingInEnglish("/api/rankings?period=2023-09&area=MARKET");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rank-chart[data-drawn='true'] canvas")));
        assertThat(JSON.readTree(browser.find("#rank-chart").getAttribute("data-chart")).get("title").asString())
                .isEqualTo("Rank by month");
        browser.screenshot("ranking-en", 1100);
        browser.open("/overview?period=2023-09");
        assertThat(browser.find("#map h2").getText()).isEqualTo("The units on the map");
        JsonNode first = api(CITY, "/api/rankings?period=2023-09").get("rows").get(0);
        assertThat(browser.find("#map .tile[data-unit='" + first.get("unit").asString() + "']").getText())
                .contains("rank " + first.get("rank").asInt()).doesNotContain("名");
        browser.screenshot("overview-map-en", 1000);
        browser.open("/overview?period=2023-09&lang=zh");
    }

    private static void assertShowsTheApisRankingInEnglish(String api) throws IOException {
        JsonNode ranking = api(CITY, api);
        List<WebElement> rows = browser.all("#ranking tbody tr");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode expected = ranking.get("rows").get(i);
            assertThat(rows.get(i).getAttribute("data-unit")).isEqualTo(expected.get("unit").asString());
            assertThat(rows.get(i).findElement(By.cssSelector(".movement")).getText())
                    .isEqualTo(expected.get("movement").asString().equals("NEW") ? "new" : expected.get("label").asString());
        }
    }

    /** The worst light of each unit's verdicts, red over yellow over grey over green. */
    private static Map<String, String> worstLightOfEachUnit(JsonNode verdicts) {
        List<Light> order = List.of(Light.GREEN, Light.GREY, Light.YELLOW, Light.RED);
        Map<String, String> worst = new HashMap<>();
        for (JsonNode v : verdicts) {
            if (!v.get("light").isNull()) {
                worst.merge(v.get("unit").asString(), v.get("light").asString(),
                        (a, b) -> order.indexOf(Light.valueOf(a)) >= order.indexOf(Light.valueOf(b)) ? a : b);
            }
        }
        return worst;
    }

    @Test
    @Order(20)
    void citySupervisorDownloadsTheMeetingBriefInChineseAndEnglish() throws IOException {
        browser.login(CITY, PASSWORD);
        browser.open("/report?period=2023-09&lang=zh");
        WebElement word = browser.find("#brief-docx");
        assertThat(word.getText()).isEqualTo("下载例会通报 Word / download the meeting brief (Word)");
        assertThat(word.getAttribute("href")).endsWith("/briefs/2023-09.docx");
        word.click();
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(
                Files.newInputStream(browser.downloaded("督查通报-2023-09.docx")))) {
            assertThat(doc.getParagraphs().get(0).getText()).isEqualTo(cn.jinhua.ducha.brief.Brief.TITLE);
        }
        browser.screenshot("report-downloads", 400);

        browser.open("/overview?period=2023-09&lang=en");
        WebElement excel = browser.find("#overview-brief-xlsx");
        assertThat(excel.getText()).isEqualTo("Meeting brief (Excel)");
        assertThat(browser.find("#overview-brief-docx").getText()).isEqualTo("Meeting brief (Word)");
        excel.click();
        // the dashboard in English downloads the brief's English edition
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                Files.newInputStream(browser.downloaded("supervision-brief-2023-09.xlsx")))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Summary");
            assertThat(book.getNumberOfSheets()).isEqualTo(11);
        }
        browser.open("/report?period=2023-09&lang=en");
        assertThat(browser.find("#brief-docx").getText()).isEqualTo("Meeting brief (Word)");
        browser.open("/report?period=2023-09&lang=zh");

        browser.login(COUNTY, PASSWORD);
        browser.open("/report?period=2023-09");
        assertThat(browser.all("#brief-docx")).as("a county has no brief of every unit").isEmpty();
        browser.open("/briefs/2023-09.docx");
        assertThat(browser.find("#error-status").getText()).isEqualTo("403");
    }

    private static Map<String, String> worstLights(JsonNode verdicts) {
        Catalogue catalogue = context.getBean(RulesInForce.class).current().catalogue();
        Map<String, String> worst = new HashMap<>();
        for (var unit : catalogue.units()) {
            if (unit.isSupervised()) {
                for (String column : Board.columns(catalogue)) {
                    worst.put(unit.id() + " " + column, null);
                }
            }
        }
        List<Light> order = List.of(Light.GREEN, Light.GREY, Light.YELLOW, Light.RED);
        for (JsonNode v : verdicts) {
            if (v.get("light").isNull()) {
                continue;
            }
            String column = v.get("task").isNull() ? v.get("commitment").asString().substring(0, 1)
                    : "%02d".formatted(v.get("task").asInt());
            worst.merge(v.get("unit").asString() + " " + column, v.get("light").asString(),
                    (a, b) -> order.indexOf(Light.valueOf(a)) >= order.indexOf(Light.valueOf(b)) ? a : b);
        }
        return worst;
    }

    private static TrackedAlert alert(String unit, String commitment) {
        return context.getBean(Supervision.class).list(t -> t.unit().equals(unit)
                && commitment.equals(t.commitment()) && t.state().isActive()).get(0);
    }

    private static void addUser(String username, String role, String unit) throws IOException {
        Map<String, String> body = new HashMap<>(Map.of("username", username, "password", PASSWORD, "role", role));
        if (unit != null) {
            body.put("unit", unit);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static JsonNode api(String username, String path) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(username, username.equals("admin") ? ADMIN_PASSWORD : PASSWORD))
                .GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
