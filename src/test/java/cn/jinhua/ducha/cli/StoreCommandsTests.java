package cn.jinhua.ducha.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import cn.jinhua.ducha.RulesCopy;
import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's commands as an auditor walks through them (issue 3, "Done when"): submit the samples, evaluate a
 * period from the store, resubmit a sheet with a change, evaluate again, diff, replay, explain, and verify the
 * audit chain, before and after someone alters the database by hand. Run in-process against H2 and, when
 * {@code DUCHA_TEST_PG} is set, PostgreSQL; one database per test method, walked through in order.
 */
class StoreCommandsTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Path RULES = Path.of("rules");
    private static final Path SAMPLES = Path.of("samples");
    private static final String PERIOD = "2023-09";
    private static final String CROSS_PROVINCE = "tongban.cross_province_items_optimized";
    private static final Pattern INTACT = Pattern.compile("audit chain intact: (\\d+) entries, head [0-9a-f]{64}");

    @TempDir
    Path dir;

    static Stream<Named<TestDatabases.Database>> databases() {
        return TestDatabases.all();
    }

    /** One command line's exit status and what it printed on each stream. */
    private static Run ducha(Object... args) {
        return Run.of(args);
    }

    /** A command against the store at {@code url}, judged with {@code rules}, by "tester". */
    private static Run onStore(String url, Path rules, Object... command) {
        Object[] line = Stream.concat(Stream.of("--db", url, "--rules", rules, "--by", "tester"), Stream.of(command))
                .toArray();
        return ducha(line);
    }

    /** A command against the store at {@code url}, judged with the project's rules, by "tester". */
    private static Run onStore(String url, Object... command) {
        return onStore(url, RULES, command);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void submitsEvaluatesResubmitsAndComparesRunsAsAnAuditorWould(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);

        // submit the samples: every sheet stored as revision 1 of its unit and period
        Run submitted = onStore(url, "submit", SAMPLES);
        assertThat(submitted.status()).as(submitted.err()).isZero();
        Pattern stored = Pattern.compile("^已存储 stored\\s+(\\S+)\\s+(\\d{4}-\\d{2}) 第 1 版 revision 1 · .*");
        assertThat(submitted.lines().stream().filter(l -> l.startsWith("已存储 stored")))
                .hasSize(154)
                .allSatisfy(l -> assertThat(l).matches(stored))
                .map(l -> l.replaceAll(stored.pattern(), "$1 $2"))
                .doesNotHaveDuplicates()
                .contains("pujiang 2023-09", "zhejiang 2023-12", "jinhua 2023-01");
        assertThat(submitted.out()).contains("154 stored, 0 refused");
        assertThat(entries(onStore(url, "audit", "verify"))).isEqualTo(154);

        // an invalid sheet is refused with validate's words, stored as a refusal and not as a revision
        Path invalid = dir.resolve("invalid");
        ObjectNode negative = JSON.createObjectNode();
        negative.put("unit", "panan");
        negative.put("period", "2023-07");
        negative.putObject("facts").put("village.high_frequency_items", -3);
        Files.createDirectories(invalid);
        Files.write(invalid.resolve("panan-2023-07.json"), JSON.writeValueAsBytes(negative));

        Run refused = onStore(url, "submit", invalid);
        Run validated = ducha("validate", invalid, "--rules", RULES);

        assertThat(refused.status()).as(refused.err()).isEqualTo(2);
        assertThat(validated.status()).as(validated.err()).isEqualTo(2);
        assertThat(errorLines(refused)).as(refused.out())
                .isNotEmpty()
                .anySatisfy(e -> assertThat(e).contains("facts.village.high_frequency_items"))
                .isEqualTo(errorLines(validated));
        assertThat(refused.out()).contains("panan-2023-07.json").contains("0 stored, 1 refused");
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            assertThat(count(s, "select count(*) from submission")).isEqualTo(154);
            assertThat(count(s, "select count(*) from submission where unit = 'panan' and period = '2023-07'"))
                    .as("the refused sheet is no revision of 磐安县 2023-07").isEqualTo(1);
            assertThat(count(s, "select count(*) from refusal")).isEqualTo(1);
            try (ResultSet last = s.executeQuery("select kind from audit_entry order by seq desc limit 1")) {
                assertThat(last.next()).isTrue();
                assertThat(last.getString(1)).isEqualTo("REFUSAL");
            }
        }
        assertThat(entries(onStore(url, "audit", "verify"))).as("the refusal adds one entry").isEqualTo(155);

        // evaluate from the store: the contract's JSON, the same as judging the folder, plus the run's id
        Run first = onStore(url, "evaluate", "--period", PERIOD, "--format", "json");
        assertThat(first.status()).as(first.err()).isZero();
        JsonNode run1 = first.json();
        assertThat(run1.get("run").isIntegralNumber()).as(first.out()).isTrue();
        assertThat(run1.get("run").longValue()).isEqualTo(1);
        assertThat(verdict(run1, "pujiang", "T05.1").get("status").asString()).isEqualTo("OFF_TRACK");
        ObjectNode contract = (ObjectNode) run1.deepCopy();
        contract.remove("run");
        Run folder = ducha("evaluate", SAMPLES, "--period", PERIOD, "--format", "json", "--rules", RULES);
        assertThat(contract).as("the store judges what the folder holds").isEqualTo(folder.json());

        Run table = onStore(url, "runs");
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).matches("^1\\s+2023-09\\s+.*\\btester\\b.*"));
        Run listed = onStore(url, "runs", "--format", "json");
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.json().values()).singleElement().satisfies(r -> {
            assertThat(r.get("run").longValue()).isEqualTo(1);
            assertThat(r.get("period").asString()).isEqualTo(PERIOD);
            assertThat(r.get("ruleset").asString()).isEqualTo(run1.get("ruleset").asString());
            assertThat(r.get("startedBy").asString()).isEqualTo("tester");
            JsonNode counts = r.get("counts");
            int verdicts = counts.propertyNames().stream().filter(k -> !k.equals("ALERTS"))
                    .mapToInt(k -> counts.get(k).intValue()).sum();
            assertThat(verdicts).isEqualTo(run1.get("verdicts").size());
            assertThat(counts.get("ALERTS").intValue()).isEqualTo(run1.get("alerts").size());
        });

        // resubmit 浦江县's September sheet with 125 cross-province items instead of 66: revision 2
        ObjectNode pujiang = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLES.resolve(PERIOD).resolve("pujiang.json")));
        ObjectNode facts = (ObjectNode) pujiang.get("facts");
        assertThat(facts.get(CROSS_PROVINCE).intValue()).isEqualTo(66);
        facts.put(CROSS_PROVINCE, 125);
        Path resubmitted = dir.resolve("resubmitted/pujiang.json");
        Files.createDirectories(resubmitted.getParent());
        Files.write(resubmitted, JSON.writeValueAsBytes(pujiang));

        Run second = onStore(url, "submit", resubmitted);
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.out()).containsPattern("pujiang\\s+2023-09 第 2 版 revision 2");

        Run again = onStore(url, "evaluate", "--period", PERIOD, "--format", "json", "--english");
        assertThat(again.status()).as(again.err()).isZero();
        JsonNode run2 = again.json();
        assertThat(run2.get("run").longValue()).isEqualTo(2);
        assertThat(verdict(run2, "pujiang", "T05.1").get("status").asString()).isEqualTo("ON_TRACK");

        Run factsDiff = onStore(url, "diff", 1, 2);
        assertThat(factsDiff.status()).as(factsDiff.err()).isZero();
        assertThat(factsDiff.out()).contains("run 1 → 2: rules unchanged").contains("1 verdicts changed status");
        assertThat(changes(factsDiff)).singleElement().satisfies(l -> assertThat(l)
                .matches("pujiang\\s+T05\\.1\\s+OFF_TRACK → ON_TRACK\\s+（事实变化 facts changed）"));

        // a third run with rules that differ only in a comment: the diff says the rules changed
        Path rulesCopy = RulesCopy.in(dir.resolve("copy"));
        edit(rulesCopy.resolve("alerts.drl"), "// 预警 / Alerts", "// 预警（注释改过）/ Alerts");
        Run third = onStore(url, rulesCopy, "evaluate", "--period", PERIOD, "--format", "json");
        assertThat(third.status()).as(third.err()).isZero();
        assertThat(third.json().get("run").longValue()).isEqualTo(3);
        assertThat(third.json().get("ruleset").asString()).isNotEqualTo(run2.get("ruleset").asString());

        Run rulesDiff = onStore(url, "diff", 2, 3);
        assertThat(rulesDiff.status()).as(rulesDiff.err()).isZero();
        assertThat(rulesDiff.out()).contains("run 2 → 3: rules changed").contains("0 verdicts changed status");
        assertThat(changes(rulesDiff)).isEmpty();
        Run bothDiff = onStore(url, "diff", 1, 3);
        assertThat(bothDiff.out()).contains("run 1 → 3: rules changed");
        assertThat(changes(bothDiff)).singleElement().satisfies(l -> assertThat(l)
                .matches("pujiang\\s+T05\\.1\\s+OFF_TRACK → ON_TRACK\\s+（事实与规则均变化 facts and rules changed）"));

        // the rules in force now would judge 浦江县 T05.1 MET; replaying run 1 still uses run 1's own rules and
        // revisions, and agrees with what it stored
        editCommitment(rulesCopy, "T05.1", "target: 162", "target: 60");
        Run changedRules = ducha("evaluate", SAMPLES, "--period", PERIOD, "--format", "json", "--rules", rulesCopy);
        assertThat(verdict(changedRules.json(), "pujiang", "T05.1").get("status").asString())
                .as("the changed rules judge differently").isEqualTo("MET");

        for (Path rules : List.of(RULES, rulesCopy)) {
            Run replayed = onStore(url, rules, "replay", 1);
            assertThat(replayed.status()).as("replay with --rules %s: %s%s", rules, replayed.out(), replayed.err())
                    .isZero();
            assertThat(replayed.out()).contains("replayed run 1: all %d verdicts and the alerts agree"
                    .formatted(run1.get("verdicts").size()));
        }

        // explain a verdict of run 2: its words, its rule with the seed's words, the facts it matched
        Run explained = onStore(url, "explain", 2, "pujiang", "T05.1");
        assertThat(explained.status()).as(explained.err()).isZero();
        JsonNode onTrack = verdict(run2, "pujiang", "T05.1");
        assertThat(explained.out())
                .containsPattern("verdict: pujiang T05\\.1\\s+ON_TRACK \\(GREEN\\)")
                .contains("说明 explanation: " + onTrack.get("explanation").asString())
                .contains("                  " + onTrack.get("explanationEn").asString())
                .contains("规则 rule: " + onTrack.get("rule").asString())
                .contains("rule \"" + onTrack.get("rule").asString() + "\"")
                .contains("@source(\"优化两批共162个“跨省通办”事项办理流程\")");
        assertThat(onTrack.get("explanation").asString()).contains("浦江县").contains("125");
        List<JsonNode> readings = explained.lines().stream()
                .filter(l -> l.strip().startsWith("Reading {"))
                .map(l -> JSON.readTree(l.strip().substring("Reading ".length())))
                .toList();
        // the value judged, then the base-period value that B was taken from
        assertThat(readings).as(explained.out()).hasSize(2);
        JsonNode judged = readings.get(0);
        assertThat(judged.get("metric").asString()).isEqualTo(CROSS_PROVINCE);
        assertThat(judged.get("unit").asString()).isEqualTo("pujiang");
        assertThat(judged.get("period").asString()).isEqualTo(PERIOD);
        assertThat(new BigDecimal(judged.get("value").asString())).isEqualByComparingTo("125");
        assertThat(readings.get(1).get("period").asString()).isEqualTo("2022-12");

        // 154 sheets (11 of them for the base period 2022-12), one refusal, two rulesets, one resubmission, three runs, and the alert changes they made
        Run verified = onStore(url, "audit", "verify");
        assertThat(verified.lines()).singleElement();
        assertThat(entries(verified)).isEqualTo(161 + alertEvents(url));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void replaysARunMadeUnderTheOldCatalogueAndNamesTheRuleChangeInTheDiff(TestDatabases.Database database)
            throws Exception {
        String url = database.create(dir);
        assertThat(onStore(url, "submit", SAMPLES).status()).isZero();
        // the catalogue before contract v2: T05.2 a REACH_BY of 588 items by the end of 2023 (v2: keep 588 from 2023)
        Path old = RulesCopy.in(dir.resolve("v1"));
        editCommitment(old, "T05.2", "kind: AT_LEAST", "kind: REACH_BY");
        editCommitment(old, "T05.2", "window: \"from 2023\"\n  windowBasis: STATED",
                "window: 一年重点突破\n  windowBasis: INFERRED");
        Run before = onStore(url, old, "evaluate", "--period", "2023-04", "--format", "json");
        assertThat(before.status()).as(before.err()).isZero();
        Run now = onStore(url, "evaluate", "--period", "2023-04", "--format", "json");
        assertThat(now.status()).as(now.err()).isZero();
        // 磐安县 had 586 items in April: on pace for 588 by December under v1, below the level to keep under v2
        assertThat(verdict(before.json(), "panan", "T05.2").get("status").asString()).isEqualTo("ON_TRACK");
        assertThat(verdict(now.json(), "panan", "T05.2").get("status").asString()).isEqualTo("MISSED");

        Run replayed = onStore(url, "replay", 1);
        assertThat(replayed.status()).as(replayed.out() + replayed.err()).isZero();
        assertThat(replayed.out()).contains("replayed run 1: all %d verdicts and the alerts agree"
                .formatted(before.json().get("verdicts").size()));

        Run diff = onStore(url, "diff", 1, 2);
        assertThat(diff.status()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("run 1 → 2: rules changed");
        assertThat(changes(diff)).anySatisfy(l -> assertThat(l)
                .matches("panan\\s+T05\\.2\\s+ON_TRACK → MISSED\\s+（规则变化 rules changed）"));
        assertThat(changes(diff)).allSatisfy(l -> assertThat(l).endsWith("（规则变化 rules changed）"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void databaseRefusesUpdateAndDeleteOfVerdictsSheetsAndTheChain(TestDatabases.Database database)
            throws Exception {
        String url = database.create(dir);
        judgeSeptemberTwice(url);

        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "update verdict set status = 'MET' where run_id = 1",
                    "delete from verdict where run_id = 2",
                    "update submission set facts = '{}' where id = 5",
                    "delete from submission where id = 5",
                    "update audit_entry set hash = prev_hash where seq = 1",
                    "delete from audit_entry where seq > 3")) {
                assertThatThrownBy(() -> s.executeUpdate(sql)).as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
        }
        Run verified = onStore(url, "audit", "verify");
        assertThat(verified.status()).as(verified.out()).isZero();
        assertThat(entries(verified)).isEqualTo(15 + alertEvents(url));
    }

    /** How many alert changes (督办 events) the runs made: each is an entry of the chain too. */
    private static long alertEvents(String url) throws SQLException {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select count(*) from alert_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void auditVerifyNamesTheFirstEntryAlteredByHand(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        judgeSeptemberTwice(url);
        Run intact = onStore(url, "audit", "verify");
        assertThat(intact.status()).as(intact.out()).isZero();
        assertThat(intact.lines()).singleElement().satisfies(l -> assertThat(l).matches(".*" + INTACT.pattern()));

        // each alteration lies earlier in the chain than the one before, so each is the first that does not match
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            for (String table : List.of("alert", "verdict", "submission")) {
                TestDatabases.disableAppendOnly(url, s, table);
            }

            assertThat(s.executeUpdate("delete from alert where run_id = 2 and seq = 1")).isOne();
            assertBroken(url, "RUN 2");

            assertThat(s.executeUpdate("update verdict set status = 'MET' "
                    + "where run_id = 1 and unit = 'pujiang' and commitment = 'T05.1'")).isOne();
            assertBroken(url, "RUN 1");
            Run replayed = onStore(url, "replay", 1);
            assertThat(replayed.status()).as(replayed.out()).isEqualTo(1);
            assertThat(replayed.out()).containsPattern("pujiang T05\\.1 status: 存储 stored MET → 重放 now OFF_TRACK");

            ObjectNode facts;
            try (ResultSet rs = s.executeQuery("select facts from submission where id = 7")) {
                assertThat(rs.next()).isTrue();
                facts = (ObjectNode) JSON.readTree(rs.getString(1));
            }
            facts.put(CROSS_PROVINCE, "162");
            try (PreparedStatement p = c.prepareStatement("update submission set facts = ? where id = 7")) {
                p.setString(1, JSON.writeValueAsString(facts));
                assertThat(p.executeUpdate()).isOne();
            }
            assertBroken(url, "SUBMISSION 7");

            byte[] content;
            try (ResultSet rs = s.executeQuery("select content from submission where id = 5")) {
                assertThat(rs.next()).isTrue();
                content = rs.getBytes(1);
            }
            ObjectNode sheet = (ObjectNode) JSON.readTree(content);
            sheet.put("submittedBy", "someone else");
            try (PreparedStatement p = c.prepareStatement("update submission set content = ? where id = 5")) {
                p.setBytes(1, JSON.writeValueAsBytes(sheet));
                assertThat(p.executeUpdate()).isOne();
            }
            assertBroken(url, "SUBMISSION 5");
        }
    }

    static Stream<Arguments> commandsOnTheStore() {
        return Stream.of(
                argumentSet("submit", List.of("submit", SAMPLES.resolve(PERIOD).resolve("yiwu.json"))),
                argumentSet("evaluate from the store", List.of("evaluate", "--period", PERIOD)),
                argumentSet("evaluate from the store as JSON", List.of("evaluate", "--period", PERIOD, "--format",
                        "json")),
                argumentSet("runs", List.of("runs")),
                argumentSet("runs as JSON", List.of("runs", "--format", "json")),
                argumentSet("audit verify", List.of("audit", "verify")),
                argumentSet("replay", List.of("replay", 1)),
                argumentSet("diff", List.of("diff", 1, 2)),
                argumentSet("explain", List.of("explain", 1, "pujiang", "T05.1")));
    }

    @ParameterizedTest(name = "{argumentSetName} exits 1 naming a database it cannot reach")
    @MethodSource("commandsOnTheStore")
    void exitsOneNamingADatabaseThatCannotBeReached(List<Object> command) {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/nothing";

        Run run = onStore(unreachable, command.toArray());

        assertThat(run.status()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).contains(unreachable);
        assertThat(run.out()).isEmpty();
    }

    /**
     * Stores the twelve September samples (submissions 1 to 12, in path order: 5 is 兰溪市, 7 浦江县) and judges
     * September twice: entries 1-12, the ruleset 13, runs 1 and 2 as entries 14 and 15.
     */
    private static void judgeSeptemberTwice(String url) {
        Run submitted = onStore(url, "submit", SAMPLES.resolve(PERIOD));
        assertThat(submitted.status()).as(submitted.err()).isZero();
        assertThat(submitted.out()).containsPattern("lanxi\\s+2023-09 .* submission 5 ")
                .containsPattern("pujiang\\s+2023-09 .* submission 7 ");
        for (int run = 1; run <= 2; run++) {
            Run judged = onStore(url, "evaluate", "--period", PERIOD);
            assertThat(judged.status()).as(judged.err()).isZero();
            assertThat(judged.out()).contains("recorded as run " + run);
        }
    }

    /** {@code audit verify} exits 1 naming {@code entry} (e.g. "RUN 2") as the first that does not match. */
    private static void assertBroken(String url, String entry) {
        Run verified = onStore(url, "audit", "verify");
        assertThat(verified.status()).as(verified.out()).isEqualTo(1);
        assertThat(verified.out()).as("names %s", entry)
                .contains("audit chain broken")
                .containsPattern("\\(" + entry + "\\)");
    }

    /** The number of entries an intact {@code audit verify} reports; fails when the chain is not intact. */
    private static long entries(Run verified) {
        assertThat(verified.status()).as(verified.out() + verified.err()).isZero();
        Matcher m = INTACT.matcher(verified.out());
        assertThat(m.find()).as(verified.out()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The error lines listed under refused sheets. */
    private static List<String> errorLines(Run run) {
        return run.lines().stream().filter(l -> l.startsWith("    - ")).toList();
    }

    /** The changed verdicts a diff lists, one per line. */
    private static List<String> changes(Run diff) {
        return diff.lines().stream().filter(l -> l.startsWith("  ")).map(String::strip).toList();
    }

    private static JsonNode verdict(JsonNode evaluation, String unit, String commitment) {
        List<JsonNode> found = evaluation.get("verdicts").valueStream()
                .filter(v -> v.path("unit").asString().equals(unit))
                .filter(v -> v.path("commitment").asString().equals(commitment))
                .toList();
        assertThat(found).as("one verdict for %s %s", unit, commitment).hasSize(1);
        return found.get(0);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, UTF_8);
        assertThat(text).as("%s has the text to change", file).contains(from);
        Files.writeString(file, text.replace(from, to), UTF_8);
    }

    /** Changes {@code from} to {@code to} in one commitment's entry of the catalogue. */
    private static void editCommitment(Path rules, String id, String from, String to) throws IOException {
        Path catalogue = rules.resolve("catalogue/commitments.yaml");
        String text = Files.readString(catalogue, UTF_8);
        Matcher block = Pattern.compile("(?ms)^- id: " + Pattern.quote(id) + "\\R.*?(?=^- id: |\\z)").matcher(text);
        assertThat(block.find()).as("the catalogue has %s", id).isTrue();
        assertThat(block.group()).contains(from);
        Files.writeString(catalogue, text.substring(0, block.start()) + block.group().replace(from, to)
                + text.substring(block.end()), UTF_8);
    }
}
