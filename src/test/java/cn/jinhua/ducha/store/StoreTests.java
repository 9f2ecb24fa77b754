package cn.jinhua.ducha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StoreTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-10-05T08:00:00.123456789Z"), ZoneOffset.UTC);
    private static Rulebook rulebook;

    @TempDir
    Path dir;

    @BeforeAll
    static void rules() {
        rulebook = Rulebook.load(Path.of("rules"));
    }

    static java.util.stream.Stream<org.junit.jupiter.api.Named<TestDatabases.Database>> databases() {
        return TestDatabases.all();
    }

    private FactSheet sheet(String json) {
        return new SheetReader(rulebook.catalogue()).read("yiwu.json", json.getBytes(StandardCharsets.UTF_8))
                .sheet().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsEveryRevisionAndProvesNothingChanged(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        String first = """
                {"unit": "yiwu", "period": "2023-09", "facts": {"digital.one_network_rate_pct": 85}}""";
        String second = """
                {"unit": "yiwu", "period": "2023-09", "facts": {"digital.one_network_rate_pct": 93.5}}""";
        try (Store store = Store.open(url, null, null, CLOCK)) {
            var a = store.submissions().add(sheet(first), first.getBytes(StandardCharsets.UTF_8), "tester");
            var b = store.submissions().add(sheet(second), second.getBytes(StandardCharsets.UTF_8), "tester");
            assertThat(a.revision()).isEqualTo(1);
            assertThat(b.revision()).isEqualTo(2);
            assertThat(store.submissions().latest(List.of(YearMonth.of(2023, 9)))).extracting(r -> r.id())
                    .containsExactly(b.id());
            assertThat(new String(store.submissions().byIds(List.of(a.id())).get(0).content(), StandardCharsets.UTF_8))
                    .isEqualTo(first);

            SheetBatch batch = new SheetBatch(List.of(sheet(second)), List.of());
            Evaluation evaluation = new Evaluator(rulebook).evaluate(batch, YearMonth.of(2023, 9));
            long run = store.runs().record(evaluation, rulebook, List.of(b.id()), "tester",
                    new Explanations(rulebook.catalogue()));
            assertThat(store.runs().verdicts(run)).hasSize(evaluation.verdicts().size())
                    .anySatisfy(v -> {
                        assertThat(v.commitment()).isEqualTo("T09.2");
                        assertThat(v.status()).isEqualTo("MET");
                        assertThat(v.trace()).contains("T09.2 一网通办率保持90%以上").contains("93.5");
                    });
            assertThat(store.runs().rulesetFiles(rulebook.hash())).containsKey("catalogue/commitments.yaml");

            AuditChain.Verification ok = store.verify();
            assertThat(ok.intact()).as(ok.problem()).isTrue();
            assertThat(ok.entries()).isEqualTo(4);
        }
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update verdict set status = 'MISSED' where commitment = 'T09.2'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from submission")).hasMessageContaining("append-only");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void judgesTheRestOfTheMonthWhenOneStoredSheetHoldsANumberIntakeNowRefuses(TestDatabases.Database database)
            throws Exception {
        // a sheet stored before intake bounded numbers (issue 14: 1e400 stopped every evaluation of the month)
        String absurd = """
                {"unit": "yiwu", "period": "2023-09", "facts": {"village.high_frequency_items": 1e400}}""";
        FactSheet stored = new FactSheet("yiwu.json", rulebook.catalogue().unit("yiwu").orElseThrow(),
                YearMonth.of(2023, 9), null, java.util.Map.of("village.high_frequency_items", new java.math.BigDecimal("1e400")),
                java.util.Map.of());
        String fine = """
                {"unit": "dongyang", "period": "2023-09", "facts": {"village.high_frequency_items": 90}}""";
        String url = database.create(dir);
        try (Store store = Store.open(url, null, null, CLOCK)) {
            var bad = store.submissions().add(stored, absurd.getBytes(StandardCharsets.UTF_8), "an older version");
            store.submissions().add(new SheetReader(rulebook.catalogue()).read("dongyang.json",
                    fine.getBytes(StandardCharsets.UTF_8)).sheet().orElseThrow(), fine.getBytes(StandardCharsets.UTF_8),
                    "tester");

            Judgements.Recorded recorded = new Judgements(store).judge(rulebook, YearMonth.of(2023, 9), "tester");

            assertThat(recorded.evaluation().rejected()).singleElement().satisfies(r -> {
                assertThat(r.source()).isEqualTo("yiwu.json (submission %d)".formatted(bad.id()));
                assertThat(r.errors()).singleElement().asString()
                        .startsWith("facts.village.high_frequency_items: ").hasSizeLessThan(200);
            });
            assertThat(store.runs().verdicts(recorded.run()))
                    .anySatisfy(v -> {
                        assertThat(v.unit() + " " + v.commitment()).isEqualTo("dongyang T06.2");
                        assertThat(v.value()).isEqualTo("90");
                    })
                    .filteredOn(v -> v.unit().equals("yiwu")).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.status()).isIn("NO_DATA", "NOT_APPLICABLE"));
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void anH2StoreHasAPasswordKeptOwnerOnlyAndListensOnLoopbackOnly() throws Exception {
        Path folder = dir.resolve("data");
        Path file = folder.resolve("ducha");
        String url = Store.h2(file.toString());
        try (Store store = Store.open(url, null, null, CLOCK)) {
            assertThat(store.verify().intact()).isTrue();
            java.util.Properties lock = new java.util.Properties();
            try (var in = java.nio.file.Files.newInputStream(Path.of(file + ".lock.db"))) {
                lock.load(in);
            }
            int port = Integer.parseInt(lock.getProperty("server").replaceAll(".*:", ""));
            try (java.net.Socket loopback = new java.net.Socket("127.0.0.1", port)) {
                assertThat(loopback.isConnected()).as("AUTO_SERVER serves this machine").isTrue();
            }
            java.util.Optional<java.net.InetAddress> outside = java.net.NetworkInterface.networkInterfaces()
                    .flatMap(java.net.NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst();
            org.junit.jupiter.api.Assumptions.assumeTrue(outside.isPresent(), "no address but loopback here");
            assertThatThrownBy(() -> new java.net.Socket(outside.get(), port).close())
                    .as("AUTO_SERVER on %s", outside.get()).isInstanceOf(java.net.ConnectException.class);
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(H2Credentials.fileOf(file)))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(java.nio.file.Files.getPosixFilePermissions(folder)).as("the lock file's folder")
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url).close())
                .hasMessageContaining("Wrong user name or password");
        try (Connection c = TestDatabases.connect(url)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void anH2StoreMadeWithoutAPasswordGetsOneWhenNextOpened() throws Exception {
        Path file = dir.resolve("older");
        String url = Store.h2(file.toString());
        try (Store store = Store.open(url, null, null, CLOCK)) {
            store.jdbc().sql("create table kept (x int)").update();
            // as a store made before there were passwords: none, and no credentials file
            store.jdbc().sql("alter user \"\" set password ''").update();
        }
        java.nio.file.Files.delete(H2Credentials.fileOf(file));
        try (Connection c = java.sql.DriverManager.getConnection(url)) {
            assertThat(c.isValid(5)).as("no password before").isTrue();
        }
        try (Store store = Store.open(url, null, null, CLOCK)) {
            assertThat(store.verify().intact()).isTrue();
        }
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url).close())
                .hasMessageContaining("Wrong user name or password");
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("select count(*) from kept").next()).as("nothing lost").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void namesTheFirstEntryWhoseRowsWereAlteredByHand(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        String text = """
                {"unit": "yiwu", "period": "2023-09", "facts": {"digital.one_network_rate_pct": 85}}""";
        try (Store store = Store.open(url, null, null, CLOCK)) {
            store.submissions().add(sheet(text), text.getBytes(StandardCharsets.UTF_8), "tester");
            store.submissions().add(sheet(text), text.getBytes(StandardCharsets.UTF_8), "tester");
        }
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            TestDatabases.disableAppendOnly(url, s, "submission");
            s.executeUpdate("update submission set facts = '{\"digital.one_network_rate_pct\":\"95\"}' where revision = 2");
        }
        try (Store store = Store.open(url, null, null, CLOCK)) {
            AuditChain.Verification broken = store.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.problem()).contains("audit entry 2 (SUBMISSION 2)").contains("altered");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsTheEnglishOfAnExplanationUnderTheChain(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        String text = """
                {"unit": "yiwu", "period": "2023-09", "facts": {"digital.one_network_rate_pct": 85}}""";
        try (Store store = Store.open(url, null, null, CLOCK)) {
            var stored = store.submissions().add(sheet(text), text.getBytes(StandardCharsets.UTF_8), "tester");
            Evaluation evaluation = new Evaluator(rulebook).evaluate(new SheetBatch(List.of(sheet(text)), List.of()),
                    YearMonth.of(2023, 9));
            long run = store.runs().record(evaluation, rulebook, List.of(stored.id()), "tester",
                    new Explanations(rulebook.catalogue()));
            Runs.StoredVerdict missed = store.runs().verdicts(run).stream()
                    .filter(v -> v.unit().equals("yiwu") && v.commitment().equals("T09.2")).findFirst().orElseThrow();
            assertThat(missed.explanation()).startsWith("义乌市 2023-09 一网通办率 85% 低于 90%");
            assertThat(missed.explanation(Locale.ENGLISH)).isEqualTo(missed.explanationEn())
                    .startsWith("Yiwu 2023-09: one-network service rate 85%, below 90%");
            assertThat(store.runs().alerts(run)).isNotEmpty().allSatisfy(a -> assertThat(a.messageEn()).isNotBlank());
            assertThat(store.verify().intact()).isTrue();
        }
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            TestDatabases.disableAppendOnly(url, s, "verdict");
            s.executeUpdate("update verdict set explanation_en = null where unit = 'yiwu' and commitment = 'T09.2'");
        }
        try (Store store = Store.open(url, null, null, CLOCK)) {
            Runs.StoredVerdict missed = store.runs().verdicts(store.runs().list().get(0).id()).stream()
                    .filter(v -> v.unit().equals("yiwu") && v.commitment().equals("T09.2")).findFirst().orElseThrow();
            assertThat(missed.explanation(Locale.ENGLISH)).as("without English, the Chinese")
                    .isEqualTo(missed.explanation());
            AuditChain.Verification broken = store.verify();
            assertThat(broken.intact()).as("the English was hashed with the run").isFalse();
            assertThat(broken.problem()).contains("RUN");
        }
    }
}
