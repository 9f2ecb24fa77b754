package cn.jinhua.ducha.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import cn.jinhua.ducha.alerting.AlertState;
import cn.jinhua.ducha.alerting.MovableClock;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.TrackedAlert;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.Submissions;
import cn.jinhua.ducha.web.DuchaServer;
import cn.jinhua.ducha.web.TestServer;
import cn.jinhua.ducha.web.RulesInForce;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisor's day acted out in a real headless Chromium against {@code ducha serve}: a county supervisor uploads
 * a sheet, sees its errors against row and field, fixes it and has it accepted; asks what-if of its own unit; a city
 * supervisor filters the alerts board by its address, acknowledges, waives, judges the month again and escalates, and
 * the audit chain and the API show each act as the API's own would be recorded. The store's clock is a
 * {@link MovableClock} (26 October 2023, when September's sheets are in), moved rather than waited on.
 *
 * <p>A server of its own for each database: no other test's server can hold this one's clock (set in 2023 and
 * moved), and the scenario changes the store step by step (alerts acknowledged, waived, escalated), which the
 * dashboard's and the API's tests would see.
 *
 * <p>Run on H2 ({@link DashboardActionsTests}) and on PostgreSQL when DUCHA_TEST_PG names a server
 * ({@link DashboardActionsOnPostgresTests}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DashboardActionsScenario {

    private static final String ADMIN_PASSWORD = "admin-secret-1";
    private static final String CITY = "city-actions";
    private static final String COUNTY = "pujiang-actions";
    private static final String AUDITOR = "auditor-actions";
    private static final String PASSWORD = "dashboard-secret-1";
    private static final String CROSS_PROVINCE = "tongban.cross_province_items_optimized";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path temp;

    private final MovableClock clock = new MovableClock(Instant.parse("2023-10-26T02:00:00Z"));
    private ConfigurableApplicationContext context;
    private String base;
    private Browser browser;
    private Store store;

    /** A new, empty database for the server, and its JDBC URL. */
    abstract String database(Path dir);

    /** A name for the screenshots of this database's run. */
    abstract String name();

    @BeforeAll
    void serveTheSamplesUpToSeptember(@TempDir Path dir) throws IOException {
        temp = dir;
        String[] args = {"--server.port=0", "--ducha.db.url=" + database(temp), "--ducha.rules=rules",
                "--ducha.admin.password=" + ADMIN_PASSWORD, "--ducha.webhooks.deliver=false"};
        context = new SpringApplicationBuilder(DuchaServer.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                .run(args);
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        store = context.getBean(Store.class);
        RulesInForce rules = context.getBean(RulesInForce.class);
        SheetReader reader = new SheetReader(rules.current().catalogue());
        try (Stream<Path> files = Files.walk(Path.of("samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> f.getParent().getFileName().toString().compareTo("2023-09") <= 0).sorted().toList()) {
                store.submissions().add(reader.read(file).sheet().orElseThrow(), Files.readAllBytes(file), "tester");
            }
        }
        Supervision supervision = context.getBean(Supervision.class);
        supervision.evaluate(rules.current(), YearMonth.of(2023, 8), "tester");
        supervision.evaluate(rules.current(), YearMonth.of(2023, 9), "tester");
        addUser(CITY, "CITY", null);
        addUser(COUNTY, "COUNTY", "pujiang");
        addUser(AUDITOR, "AUDITOR", null);
        browser = new Browser(base, temp.resolve("chromium-profile"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    @Order(1)
    void aCountySupervisorUploadsASheetSeesItsErrorsByRowFixesItAndHasItAccepted() throws IOException {
        long entries = store.verify().entries();
        Path bad = temp.resolve("pujiang-2023-10.csv");
        Files.writeString(bad, csv("192.3", "-3", "已完成"));

        browser.login(COUNTY, PASSWORD);
        browser.follow("#nav-upload");
        browser.find("#file").sendKeys(bad.toAbsolutePath().toString());
        browser.follow("#upload");

        assertThat(browser.find("#problem").getText()).contains("报表有 3 处错误，未存储");
        assertThat(browser.find("#refused-file").getText()).contains("pujiang-2023-10.csv");
        List<WebElement> rows = browser.all("#errors tbody tr");
        assertThat(rows).extracting(r -> r.getAttribute("data-field")).containsExactly(
                "digital.one_network_rate_pct", "village.high_frequency_items", "investment.one_stop_center_integrated");
        assertThat(rows.get(0).findElement(By.cssSelector(".where")).getText()).isEqualTo("第 5 行 / row 5");
        assertThat(rows.get(0).findElement(By.cssSelector(".message")).getText()).contains("192.3 超过 100");
        assertThat(rows.get(1).findElement(By.cssSelector(".where")).getText()).isEqualTo("第 6 行 / row 6");
        assertThat(rows.get(1).findElement(By.cssSelector(".message")).getText()).contains("-3 小于 0");
        assertThat(rows.get(2).findElement(By.cssSelector(".message")).getText()).contains("\"已完成\"");
        assertThat(browser.find("#upload-form")).as("the form is there to send the corrected file").isNotNull();
        browser.screenshot(name() + "-upload-refused", 900);
        assertThat(store.submissions().revisions("pujiang", YearMonth.of(2023, 10))).as("nothing stored").isEmpty();

        // the same errors in English: the field and place, and the English half of the message alone
        browser.open("/upload?lang=en");
        browser.find("#file").sendKeys(bad.toAbsolutePath().toString());
        browser.follow("#upload");
        WebElement first = browser.find("#errors tbody tr");
        assertThat(first.findElement(By.cssSelector(".where")).getText()).isEqualTo("row 5");
        assertThat(first.findElement(By.cssSelector(".message")).getText()).isEqualTo("192.3 is above 100")
                .doesNotContain("超过");
        browser.open("/upload?lang=zh");

        Path fixed = temp.resolve("pujiang-2023-10-fixed.csv");
        Files.writeString(fixed, csv("92.3", "84", "true"));
        browser.find("#file").sendKeys(fixed.toAbsolutePath().toString());
        browser.follow("#upload");

        assertThat(browser.driver().getCurrentUrl()).endsWith("/units/pujiang?period=2023-10");
        assertThat(browser.find("#flash").getText()).isEqualTo(
                "已接收 浦江县 2023-10 报表，第 1 版 / the sheet of 浦江县 for 2023-10 was accepted as revision 1");
        List<Submissions.Revision> stored = store.submissions().revisions("pujiang", YearMonth.of(2023, 10));
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.receivedBy()).isEqualTo(COUNTY);
            assertThat(r.source()).isEqualTo("http:" + COUNTY + ":pujiang-2023-10-fixed.csv");
        });
        // one audit entry, the sheet's, as the API's upload records it; the refusals stored nothing
        assertThat(kindsSince(entries)).containsExactly("SUBMISSION");
        assertThat(api(COUNTY, "/api/sheets?unit=pujiang&period=2023-10").get(0).get("receivedBy").asString())
                .isEqualTo(COUNTY);
        browser.screenshot(name() + "-upload-accepted", 700);
    }

    @Test
    @Order(2)
    void theUploadPageDownloadsTheUnitsExcelTemplateWhichUploadsBackOnceFilled() throws IOException {
        browser.login(COUNTY, PASSWORD);
        browser.open("/upload");
        assertThat(new Select(browser.find("#template-unit")).getOptions()).extracting(WebElement::getText)
                .as("a county supervisor has its own unit's template only").containsExactly("浦江县");
        browser.find("#template-period").clear();
        browser.find("#template-period").sendKeys("2023-11");
        browser.find("#template-download").click();
        Path template = browser.downloaded("pujiang-2023-11.xlsx");
        Path filled = temp.resolve("pujiang-2023-11.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(template))) {
            XSSFSheet sheet = book.getSheetAt(0);
            for (Row row : sheet) {
                if (row.getCell(0) != null && "digital.one_network_rate_pct".equals(row.getCell(0).getStringCellValue())) {
                    row.getCell(1, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK).setCellValue(93.1);
                }
            }
            try (var out = Files.newOutputStream(filled)) {
                book.write(out);
            }
        }
        browser.find("#file").sendKeys(filled.toAbsolutePath().toString());
        browser.follow("#upload");
        assertThat(browser.find("#flash").getText()).startsWith("已接收 浦江县 2023-11 报表，第 1 版");
        assertThat(store.submissions().revisions("pujiang", YearMonth.of(2023, 11))).singleElement()
                .satisfies(r -> assertThat(r.source()).endsWith(".xlsx"));
    }

    @Test
    @Order(3)
    void aCountySupervisorAsksWhatIfOfItsUnitAndNothingIsStored() throws IOException {
        long entries = store.verify().entries();
        int runs = store.runs().list().size();
        String chain = api(AUDITOR, "/api/audit/verify").toString();

        browser.login(COUNTY, PASSWORD);
        browser.open("/units/pujiang?period=2023-09");
        WebElement input = browser.find("#whatif-form tr[data-metric='" + CROSS_PROVINCE + "'] input");
        input.sendKeys("125");
        browser.follow("#whatif-run");

        assertThat(browser.find("#hypothetical").getText()).startsWith("假设推演（未存储）").contains("hypothetical");
        assertThat(browser.find("#whatif-title").getText()).isEqualTo("假设推演 What-if · 浦江县 · 2023-09");
        assertThat(browser.all("#whatif-verdicts tbody tr")).singleElement().satisfies(row -> {
            assertThat(row.getAttribute("data-commitment")).isEqualTo("T05.1");
            assertThat(row.getAttribute("data-before")).isEqualTo("RED");
            assertThat(row.getAttribute("data-after")).isEqualTo("GREEN");
            assertThat(row.findElement(By.cssSelector(".after")).getText()).contains("绿灯");
        });
        assertThat(browser.all("#whatif-alerts li")).extracting(li -> li.getAttribute("data-change") + " "
                + li.getAttribute("data-unit") + " " + li.getAttribute("data-commitment"))
                .containsExactly("CLEARED pujiang T05.1");
        // the ranking moves as the ranking page's would: 浦江县's score rises
        WebElement rank = browser.find("#whatif-ranks tr[data-unit='pujiang']");
        String[] scores = rank.findElement(By.cssSelector(".score")).getText().split(" → ");
        assertThat(new java.math.BigDecimal(scores[1])).isGreaterThan(new java.math.BigDecimal(scores[0]));
        assertThat(browser.find("#whatif-form tr[data-metric='" + CROSS_PROVINCE + "'] input").getAttribute("value"))
                .as("the value supposed stays in the form").isEqualTo("125");
        browser.screenshot(name() + "-whatif", 1100);

        // a progress report is chosen from its four statuses (as the command line's --set pujiang:progress.T30=…)
        browser.find("#whatif-form tr[data-metric='" + CROSS_PROVINCE + "'] input").clear();
        Select blocked = new Select(browser.find("#whatif-form tr[data-metric='progress.T30'] select"));
        assertThat(blocked.getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactly("", "NOT_STARTED", "IN_PROGRESS", "DONE", "BLOCKED");
        blocked.selectByValue("BLOCKED");
        browser.follow("#whatif-run");
        assertThat(browser.all("#whatif-verdicts tbody tr")).singleElement().satisfies(row -> {
            assertThat(row.getAttribute("data-commitment")).isEqualTo("T30.P");
            assertThat(row.getAttribute("data-before")).isEqualTo("GREEN");
            assertThat(row.getAttribute("data-after")).isEqualTo("RED");
        });
        assertThat(browser.all("#whatif-alerts li")).extracting(li -> li.getAttribute("data-change") + " "
                + li.getAttribute("data-unit") + " " + li.getAttribute("data-commitment"))
                .containsExactly("RAISED pujiang T30.P");
        assertThat(new Select(browser.find("#whatif-form tr[data-metric='progress.T30'] select"))
                .getFirstSelectedOption().getAttribute("value")).as("the status supposed stays chosen")
                .isEqualTo("BLOCKED");

        // a value intake would refuse is refused with intake's words, and nothing is judged
        WebElement again = browser.find("#whatif-form tr[data-metric='" + CROSS_PROVINCE + "'] input");
        again.clear();
        again.sendKeys("-5");
        browser.follow("#whatif-run");
        assertThat(browser.find("#problem").getText()).contains("假设的值有 1 处错误");
        assertThat(browser.find("#errors tbody tr").getAttribute("data-field")).isEqualTo("facts." + CROSS_PROVINCE);

        assertThat(store.verify().entries()).as("no audit entry").isEqualTo(entries);
        assertThat(api(AUDITOR, "/api/audit/verify").toString()).as("the audit chain is unchanged")
                .isEqualTo(chain);
        assertThat(store.runs().list()).as("no run").hasSize(runs);
    }

    @Test
    @Order(4)
    void theAlertsBoardKeepsItsFilterInItsAddressAndACountySeesOnlyItsUnit() throws IOException {
        browser.login(CITY, PASSWORD);
        browser.open("/alerts");
        new Select(browser.find("#filter-level")).selectByValue("RED");
        new Select(browser.find("#filter-period")).selectByValue("2023-09");
        browser.follow("#filter-apply");
        String shared = browser.driver().getCurrentUrl();
        assertThat(shared).contains("level=RED").contains("period=2023-09");
        List<WebElement> red = browser.all("#alerts tbody tr");
        assertThat(red).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getAttribute("data-level")).isEqualTo("RED");
            assertThat(r.getAttribute("data-period")).isEqualTo("2023-09");
        });
        JsonNode api = api(CITY, "/api/alerts?level=RED&period=2023-09");
        List<String> active = new ArrayList<>();
        api.forEach(a -> {
            if (AlertState.valueOf(a.get("state").asString()).isActive()) {
                active.add("alert-" + a.get("id").asLong());
            }
        });
        assertThat(red).extracting(r -> r.getAttribute("id")).containsExactlyInAnyOrderElementsOf(active);

        // the state tabs keep the rest of the filter
        browser.follow("#state-CLOSED");
        assertThat(browser.driver().getCurrentUrl()).contains("state=CLOSED", "level=RED", "period=2023-09");
        // by task and environment: task 5 is 政务环境's
        browser.open("/alerts?task=5&area=GOVERNMENT");
        assertThat(browser.all("#alerts tbody tr")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getAttribute("data-commitment")).startsWith("T05."));
        browser.open("/alerts?task=5&area=LEGAL");
        assertThat(browser.all("#alerts tbody tr")).as("task 5 is not of the legal environment").isEmpty();

        // the same address, opened by a county supervisor, shows its own unit's alerts only
        browser.login(COUNTY, PASSWORD);
        browser.open(shared.substring(base.length()));
        assertThat(browser.all("#alerts tbody tr")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getAttribute("data-unit")).isEqualTo("pujiang"));
        assertThat(new Select(browser.find("#filter-unit")).getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactly("pujiang");
        assertThat(browser.all("#escalate")).as("escalating is the city's").isEmpty();
        assertThat(browser.all(".waive")).as("waiving is the city's").isEmpty();
        browser.open("/alerts?unit=yiwu");
        assertThat(browser.find("#error-status").getText()).as("another county's board").isEqualTo("404");
    }

    @Test
    @Order(5)
    void aCitySupervisorAcknowledgesWaivesEvaluatesAndEscalatesAndTheAuditTrailShowsEachAct() throws IOException {
        TrackedAlert waived = alert("pujiang", "T05.1");
        TrackedAlert acknowledged = alert("wuyi", null);
        long entries = store.verify().entries();

        browser.login(CITY, PASSWORD);
        browser.open("/alerts?unit=wuyi&level=RED");
        WebElement row = browser.find("#alert-" + acknowledged.id());
        row.findElement(By.cssSelector(".note-input")).sendKeys("已约谈，11 月底前完成整改");
        browser.follow(row.findElement(By.cssSelector(".ack-button")));
        assertThat(browser.find("#flash").getText()).contains("已签收预警 " + acknowledged.id());
        assertThat(browser.driver().getCurrentUrl()).as("back to the same board").contains("unit=wuyi", "level=RED");
        assertThat(browser.find("#alert-" + acknowledged.id()).getAttribute("data-state")).isEqualTo("ACKNOWLEDGED");

        // a day that is not a day is refused in the API's words, and nothing is granted
        browser.open("/alerts?unit=pujiang&level=RED&period=2023-09");
        row = browser.find("#alert-" + waived.id());
        row.findElement(By.cssSelector(".waive-open")).click();
        row.findElement(By.cssSelector(".waive-reason")).sendKeys("x");
        row.findElement(By.cssSelector(".waive-expires")).sendKeys("2023-13-45");
        browser.follow(row.findElement(By.cssSelector(".waive-button")));
        assertThat(browser.find("#problem").getText()).startsWith("expires: \"2023-13-45\" 不是 YYYY-MM-DD 格式的日期");
        assertThat(kindsSince(entries)).as("only the acknowledgement so far").containsExactly("ALERT_EVENT");

        row = browser.find("#alert-" + waived.id());
        row.findElement(By.cssSelector(".waive-open")).click();
        row.findElement(By.cssSelector(".waive-reason")).sendKeys("省级系统改造，本月数据无法归集");
        row.findElement(By.cssSelector(".waive-expires")).sendKeys("2023-12-31");
        assertThat(row.findElement(By.cssSelector(".waive-approver")).getText()).contains(CITY);
        browser.follow(row.findElement(By.cssSelector(".waive-button")));
        assertThat(browser.find("#flash").getText()).startsWith("已批准豁免 ");

        // a month that has not come (the clock stands in October 2023) is not judged
        browser.open("/overview?period=2023-09");
        browser.find("#evaluate-period").clear();
        browser.find("#evaluate-period").sendKeys("2023-11");
        browser.follow("#evaluate");
        assertThat(browser.find("#problem").getText()).contains("2023-11 晚于本月 2023-10");
        assertThat(store.runs().list()).as("no run").hasSize(2);

        browser.open("/overview?period=2023-09");
        WebElement period = browser.find("#evaluate-period");
        period.clear();
        period.sendKeys("2023-09");
        browser.follow("#evaluate");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/overview?period=2023-09");
        assertThat(browser.find("#flash").getText()).startsWith("已评判 2023-09：第 3 次评判");
        browser.screenshot(name() + "-evaluated", 600);

        // the waived verdict raises no alert: the board sees 浦江县's red alert resolved
        browser.open("/alerts?unit=pujiang&state=RESOLVED");
        assertThat(browser.find("#alert-" + waived.id()).getAttribute("data-state")).isEqualTo("RESOLVED");

        // 15 days to put a red alert right (the default); past them the city escalates what is still open
        long overdue = context.getBean(Supervision.class).list(t -> (t.state() == AlertState.OPEN
                || t.state() == AlertState.ACKNOWLEDGED) && t.deadline() != null).size();
        assertThat(overdue).isPositive();
        clock.advance(Duration.ofDays(16));
        browser.open("/alerts");
        browser.follow("#escalate");
        assertThat(browser.find("#flash").getText()).startsWith("督办升级 " + overdue + " 条");
        assertThat(api(CITY, "/api/alerts/" + acknowledged.id()).get("state").asString()).isEqualTo("ESCALATED");

        // the audit trail: each act is in the chain, in order, and the API says who did what
        List<String> kinds = kindsSince(entries);
        assertThat(kinds.subList(0, 2)).containsExactly("ALERT_EVENT", "WAIVER");
        assertThat(kinds).contains("RUN");
        assertThat(kinds.subList(kinds.size() - (int) overdue, kinds.size())).containsOnly("ALERT_EVENT");
        assertThat(api(AUDITOR, "/api/audit/verify").get("intact").asBoolean()).isTrue();
        JsonNode history = api(CITY, "/api/alerts/" + acknowledged.id()).get("history");
        assertThat(history.valueStream().filter(e -> e.get("event").asString().equals("ACKNOWLEDGED")))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("actor").asString()).isEqualTo(CITY);
                    assertThat(e.get("note").asString()).isEqualTo("已约谈，11 月底前完成整改");
                });
        assertThat(history.valueStream().filter(e -> e.get("event").asString().equals("ESCALATED")))
                .singleElement().satisfies(e -> assertThat(e.get("actor").asString()).isEqualTo(CITY));
        JsonNode waiver = api(CITY, "/api/waivers?unit=pujiang").get(0);
        assertThat(waiver.get("commitment").asString()).isEqualTo("T05.1");
        assertThat(waiver.get("grantedBy").asString()).isEqualTo(CITY);
        assertThat(waiver.get("reason").asString()).isEqualTo("省级系统改造，本月数据无法归集");
        assertThat(waiver.get("expires").asString()).isEqualTo("2023-12-31");
        JsonNode run = api(CITY, "/api/evaluations?period=2023-09").get(0);
        assertThat(run.get("startedBy").asString()).isEqualTo(CITY);
        JsonNode verdict = api(CITY, "/api/verdicts?period=2023-09&unit=pujiang").valueStream()
                .filter(v -> v.get("commitment").asString().equals("T05.1")).findFirst().orElseThrow();
        assertThat(verdict.get("waived").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void onlyTheCityTakesTheCitysActsAndNoFormActsWithoutItsToken() throws IOException {
        browser.login(COUNTY, PASSWORD);
        browser.open("/overview?period=2023-09");
        assertThat(browser.all("#evaluate-form")).as("evaluating is the city's").isEmpty();
        // a county's POSTs with the CSRF token of its own session, not from a form it was shown, are refused as pages
        for (String form : List.of("/evaluations|period=2023-09", "/alerts/escalate|",
                "/waivers|unit=pujiang&commitment=T05.1&from=2023-09&to=2023-09&reason=x&expires=2023-12-31")) {
            String[] parts = form.split("\\|", -1);
            assertThat(post(parts[0], parts[1], true)).as(parts[0]).isEqualTo(403L);
        }
        assertThat(post("/upload", "", false)).as("a form posted without its CSRF token").isEqualTo(403L);
        assertThat(api(AUDITOR, "/api/waivers?unit=pujiang").size()).as("no waiver granted by the county").isEqualTo(1);

        browser.login(AUDITOR, PASSWORD);
        browser.open("/upload");
        assertThat(browser.find("#error-status").getText()).as("an auditor changes nothing").isEqualTo("403");
    }

    /** POSTs a form body from the page open in the browser, with its session's CSRF token or without; the status. */
    private Object post(String path, String body, boolean withToken) {
        return browser.driver().executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var token = document.querySelector('input[name="_csrf"]');
                var body = arguments[1] + (arguments[2] && token ? '&_csrf=' + encodeURIComponent(token.value) : '');
                fetch(arguments[0], {method: 'POST', redirect: 'manual',
                      headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: body})
                  .then(function (r) { done(r.status); });""", path, body, withToken);
    }

    /** A CSV sheet of 浦江县 for 2023-10 with three values as given. */
    private static String csv(String oneNetworkPct, String villageItems, String oneStop) {
        return String.join("\n", "字段 field,值 value,说明 note", "unit,pujiang,", "period,2023-10,",
                "submittedBy,浦江县发展和改革局（县营商办）,", "digital.one_network_rate_pct," + oneNetworkPct + ",",
                "village.high_frequency_items," + villageItems + ",",
                "investment.one_stop_center_integrated," + oneStop + ",", "");
    }

    /** The kinds of the audit entries appended after the first {@code entries}, in order. */
    private List<String> kindsSince(long entries) {
        return store.jdbc().sql("select kind from audit_entry where seq > ? order by seq").param(entries)
                .query(String.class).list();
    }

    /** An active red alert of {@code unit}, of {@code commitment} where given. */
    private TrackedAlert alert(String unit, String commitment) {
        return context.getBean(Supervision.class).list(t -> t.unit().equals(unit)
                && (commitment == null || commitment.equals(t.commitment())) && "RED".equals(t.level())
                && t.state().isActive()).get(0);
    }

    private void addUser(String username, String role, String unit) throws IOException {
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

    private JsonNode api(String username, String path) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(username, PASSWORD)).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return TestServer.send(HTTP, request);
    }

    private static String basic(String username, String password) {
        return TestServer.basic(username, password);
    }
}
