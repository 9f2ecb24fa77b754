package cn.jinhua.ducha.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import cn.jinhua.ducha.RulesCopy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code ducha} command line as scripts and people use it (contract.md, "The command" and "What an evaluation
 * prints"): run in-process, with the project's own {@code rules/}.
 */
class DuchaTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Path RULES = Path.of("rules");
    private static final String PERIOD = "2023-06";
    private static final List<String> VERDICT_FIELDS = List.of("unit", "commitment", "task", "status", "light",
            "value", "target", "expected", "rule", "explanation");

    /** Every commitment id of commitments.md. */
    private static final List<String> CONTRACT_IDS = Stream.concat(Stream.of(
                    "G.1", "G.2", "G.3",
                    "T01.1", "T01.2", "T02.1", "T03.1", "T03.2", "T03.3", "T04.1", "T04.2", "T05.1", "T05.2",
                    "T06.1", "T06.2", "T06.3", "T07.1", "T09.1", "T09.2", "T09.3",
                    "T11.1", "T12.1", "T14.1", "T15.1", "T15.2", "T16.1", "T16.2",
                    "T21.1",
                    "T28.1", "T28.2", "T28.3", "T28.4", "T28.5", "T31.1", "T31.2",
                    "T35.1", "T36.1", "T38.1",
                    "S.1", "S.2", "S.3",
                    "M1.P", "M2.P", "M3.P", "M4.P", "M5.P"),
            IntStream.rangeClosed(1, 38).mapToObj("T%02d.P"::formatted)).toList();

    @TempDir
    static Path scratch;

    /** Sheets that are all accepted: two local units, the city, the province, and a month of history. */
    private static Path goodSheets;
    /** The same sheets and one more from 兰溪市 that is rejected. */
    private static Path withRejectedSheet;

    @BeforeAll
    static void writeSheets() throws IOException {
        goodSheets = scratch.resolve("good");
        writeGoodSheets(goodSheets);
        withRejectedSheet = scratch.resolve("with-rejected");
        writeGoodSheets(withRejectedSheet);
        ObjectNode lanxi = sheet("lanxi", PERIOD);
        facts(lanxi).put("tongban.citywide_items_available", 588);
        facts(lanxi).put("digital.one_network_rate_pct", -1);
        write(withRejectedSheet.resolve("lanxi-2023-06.json"), lanxi);
    }

    private static void writeGoodSheets(Path folder) throws IOException {
        ObjectNode yiwu = sheet("yiwu", PERIOD);
        facts(yiwu).put("digital.one_network_rate_pct", new BigDecimal("93.5"));
        facts(yiwu).put("investment.enterprise_project_approval_days", 76);
        facts(yiwu).put("trade.import_export_growth_pct", new BigDecimal("9.1"));
        ((ObjectNode) yiwu.get("progress")).putObject("T09").put("status", "DONE");
        write(folder.resolve("2023-06/yiwu.json"), yiwu);

        ObjectNode dongyang = sheet("东阳市", PERIOD);
        facts(dongyang).put("digital.one_network_rate_pct", new BigDecimal("89.9"));
        write(folder.resolve("2023-06/dongyang.json"), dongyang);

        ObjectNode city = sheet("330700", PERIOD);
        facts(city).put("safeguard.task_force_meetings_in_month", 2);
        facts(city).put("finance.gov_guarantee_scale_100m_cny", 70);
        write(folder.resolve("2023-06/jinhua.json"), city);

        ObjectNode province = sheet("zhejiang", PERIOD);
        facts(province).put("trade.import_export_growth_pct", new BigDecimal("4.2"));
        write(folder.resolve("2023-06/zhejiang.json"), province);

        ObjectNode history = sheet("dongyang", "2023-05");
        facts(history).put("digital.one_network_rate_pct", 91);
        write(folder.resolve("2023-05/dongyang.json"), history);
    }

    private static ObjectNode sheet(String unit, String period) {
        ObjectNode sheet = JSON.createObjectNode();
        sheet.put("unit", unit);
        sheet.put("period", period);
        sheet.putObject("facts");
        sheet.putObject("progress");
        return sheet;
    }

    private static ObjectNode facts(ObjectNode sheet) {
        return (ObjectNode) sheet.get("facts");
    }

    private static void write(Path file, ObjectNode sheet) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, JSON.writeValueAsBytes(sheet));
    }

    /** One command line's exit status and what it printed on each stream. */
    private static Run ducha(Object... args) {
        return Run.of(args);
    }

    private static Run evaluateJson(Path folder, Path rules) {
        return ducha("evaluate", folder, "--period", PERIOD, "--format", "json", "--rules", rules);
    }

    private static JsonNode verdict(JsonNode evaluation, String unit, String commitment) {
        List<JsonNode> found = evaluation.get("verdicts").valueStream()
                .filter(v -> v.path("unit").asString().equals(unit))
                .filter(v -> v.path("commitment").asString().equals(commitment))
                .toList();
        assertThat(found).as("one verdict for %s %s", unit, commitment).hasSize(1);
        return found.get(0);
    }

    @Test
    void evaluatePrintsOnlyTheContractsJsonOnStandardOutput() {
        Run run = evaluateJson(goodSheets, RULES);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode evaluation = run.json();
        assertThat(evaluation.isObject()).isTrue();
        assertThat(evaluation.propertyNames()).contains("period", "ruleset", "verdicts", "alerts", "rejected");
        assertThat(evaluation.get("period").asString()).isEqualTo(PERIOD);
        assertThat(evaluation.get("ruleset").asString()).matches("sha256:[0-9a-f]{64}");
        assertThat(evaluation.get("rejected").isArray()).isTrue();
        assertThat(evaluation.get("rejected").isEmpty()).isTrue();
        assertThat(evaluation.get("alerts").isArray()).isTrue();
        assertThat(evaluation.get("verdicts").values()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.propertyNames()).containsAll(VERDICT_FIELDS));
        assertThat(evaluation.get("verdicts").valueStream()
                .map(v -> v.get("unit").asString() + " " + v.get("commitment").asString()))
                .as("one verdict per unit and commitment")
                .doesNotHaveDuplicates();
    }

    @Test
    void writesTheEnglishBesideTheContractsChineseWhenAskedTo() {
        JsonNode chinese = ducha("evaluate", "samples", "--period", "2023-09", "--format", "json").json();
        assertThat(chinese.get("verdicts")).allSatisfy(v -> assertThat(v.has("explanationEn")).isFalse());
        assertThat(chinese.get("alerts")).allSatisfy(a -> assertThat(a.has("messageEn")).isFalse());

        JsonNode both = ducha("evaluate", "samples", "--period", "2023-09", "--format", "json", "--english").json();
        assertThat(both.get("verdicts")).hasSize(chinese.get("verdicts").size()).allSatisfy(v -> {
            assertThat(v.get("explanationEn").asString()).isNotBlank().doesNotContainPattern("\\p{IsHan}");
        });
        assertThat(both.get("alerts")).isNotEmpty().allSatisfy(a ->
                assertThat(a.get("messageEn").asString()).isNotBlank().doesNotContainPattern("\\p{IsHan}"));
        for (int i = 0; i < both.get("verdicts").size(); i++) {
            assertThat(both.get("verdicts").get(i).get("explanation"))
                    .isEqualTo(chinese.get("verdicts").get(i).get("explanation"));
        }
    }

    @Test
    void aCommandOnAStoreSaysNothingButItsOwnWordsOnStandardError(@TempDir Path store) throws Exception {
        // processes of their own, as from a shell: the libraries' logging (Flyway's, Hikari's) reaches stderr there
        String url = cn.jinhua.ducha.store.Store.h2(store.resolve("ducha").toString());
        for (String[] command : List.of(new String[] {"submit", "samples/2023-09"},
                new String[] {"evaluate", "--period", "2023-09"}, new String[] {"runs"})) {
            List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                    "cn.jinhua.ducha.cli.Ducha", "--db", url, "--rules", "rules"));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
            assertThat(process.waitFor()).as(err).isZero();
            assertThat(err).as("stderr of %s", List.of(command)).doesNotContain("WARN").doesNotContain("INFO")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void evaluatesOutsideTheRepositoryWithTheRulesItWasBuiltWith(@TempDir Path elsewhere) throws Exception {
        // a process of its own, started where there is no rules folder (the class path carries the build's rules)
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "cn.jinhua.ducha.cli.Ducha",
                "evaluate", Path.of("samples").toAbsolutePath().toString(), "--period", "2023-09", "--format", "json")
                .directory(elsewhere.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), UTF_8);

        assertThat(process.waitFor()).as(err).isZero();
        assertThat(err).contains("使用 jar 内置的规则").contains("using the rules built into the jar");
        JsonNode evaluation = JSON.readTree(out);
        assertThat(evaluation.get("ruleset").asString()).as("the same rules as rules/ here")
                .isEqualTo(cn.jinhua.ducha.rulebook.Rulebook.hash(Path.of("rules")));
        assertThat(err).as("which rules it judged with").contains(evaluation.get("ruleset").asString());
        assertThat(evaluation.get("verdicts").size()).isPositive();
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("ducha-rules-"))
                    .filter(p -> p.toFile().lastModified() > System.currentTimeMillis() - 60_000))
                    .as("the unpacked rules are removed when the process ends").isEmpty();
        }
    }

    @Test
    void theReadmeListsEveryCommandTheHelpLists() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String commands = readme.substring(readme.indexOf("## Commands"), readme.indexOf("## Documentation"));
        picocli.CommandLine cli = new picocli.CommandLine(new Ducha(System.out, System.err));
        assertThat(cli.getSubcommands().keySet()).isNotEmpty().allSatisfy(name -> assertThat(commands)
                .as("README's table of commands").containsPattern("(ducha\\.jar |`)" + name + "[ `]"));
    }

    @Test
    void evaluatePrintsTheSamplesForecastsBesideTheContractsAlerts() {
        Run run = ducha("evaluate", "samples", "--period", "2023-09", "--format", "json", "--rules", RULES);

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode evaluation = run.json();
        assertThat(evaluation.get("alerts").valueStream().map(a -> a.get("level").asString()))
                .as("the contract's alerts keep their three levels").isNotEmpty().allMatch(List.of("RED", "YELLOW",
                        "DATA")::contains);
        assertThat(evaluation.get("forecasts").valueStream()
                .map(f -> f.get("unit").asString() + " " + f.get("commitment").asString() + " " + f.get("light").asString()))
                .containsExactly("wuyi T21.1 YELLOW", "pujiang T06.2 YELLOW", "lanxi T06.2 YELLOW", "jinhua T28.3 YELLOW",
                        "jinhua T31.1 GREEN");
        // 浦江县's 高频事项: 52 in June, 72 in September, at that pace 92 by December, 8 short of 100
        JsonNode pujiang = evaluation.get("forecasts").valueStream()
                .filter(f -> f.get("unit").asString().equals("pujiang")).findFirst().orElseThrow();
        assertThat(pujiang.get("level").asString()).isEqualTo("FORECAST");
        assertThat(pujiang.get("method").asString()).isEqualTo("LAST_3_MONTHS_PACE");
        assertThat(pujiang.get("monthsUsed").intValue()).isEqualTo(3);
        assertThat(pujiang.get("from").asString()).isEqualTo("2023-06");
        assertThat(pujiang.get("fromValue").decimalValue()).isEqualByComparingTo("52");
        assertThat(pujiang.get("value").decimalValue()).isEqualByComparingTo("72");
        assertThat(pujiang.get("end").asString()).isEqualTo("2023-12");
        assertThat(pujiang.get("projected").isNumber()).isTrue();
        assertThat(pujiang.get("projected").decimalValue()).isEqualByComparingTo("92");
        assertThat(pujiang.get("target").decimalValue()).isEqualByComparingTo("100");
        assertThat(pujiang.get("shortfall").decimalValue()).isEqualByComparingTo("8");
        assertThat(pujiang.get("status").asString()).isEqualTo("AT_RISK");
        assertThat(pujiang.get("message").asString()).startsWith("【提前预警】浦江县 2023-09").contains("按近三个月进度",
                "预计年底（推定时限 2023-12）达 92 项", "差 8 项");
        assertThat(pujiang.get("messageEn").asString()).contains("at the pace of the last three months",
                "by the year end (inferred deadline 2023-12) it reaches 92 items", "below the target 100 items",
                "short by 8 items");
        assertThat(pujiang.get("rule").asString()).startsWith("提前预警");

        Run table = ducha("evaluate", "samples", "--period", "2023-09", "--rules", RULES);
        assertThat(table.out()).contains("提前预警 forecasts (5)", "【提前预警】浦江县 2023-09",
                "[forecast] Pujiang 2023-09");
    }

    @Test
    void evaluateReportsAVerdictWithEveryFieldOfTheContract() {
        JsonNode evaluation = evaluateJson(goodSheets, RULES).json();

        JsonNode kept = verdict(evaluation, "yiwu", "T09.2");
        assertThat(kept.get("task").isNumber()).isTrue();
        assertThat(kept.get("task").intValue()).isEqualTo(9);
        assertThat(kept.get("status").asString()).isEqualTo("MET");
        assertThat(kept.get("light").asString()).isEqualTo("GREEN");
        assertThat(kept.get("value").isNumber()).as("numbers are JSON numbers").isTrue();
        assertThat(kept.get("value").decimalValue()).isEqualByComparingTo("93.5");
        assertThat(kept.get("target").decimalValue()).isEqualByComparingTo("90");
        assertThat(kept.get("expected").isNull()).isTrue();
        assertThat(kept.get("rule").asString()).startsWith("T09.2");
        assertThat(kept.get("explanation").asString()).contains("义乌市").contains("93.5");

        JsonNode breached = verdict(evaluation, "dongyang", "T09.2");
        assertThat(breached.get("status").asString()).isEqualTo("MISSED");
        assertThat(breached.get("light").asString()).isEqualTo("RED");
        assertThat(breached.get("value").decimalValue()).isEqualByComparingTo("89.9");

        JsonNode goal = verdict(evaluation, "jinhua", "G.1");
        assertThat(goal.get("task").isNull()).as("the overall goals have no task number").isTrue();
    }

    @Test
    void evaluateExitsTwoWhenASheetIsRejectedAndStillJudgesTheRest() {
        Run run = evaluateJson(withRejectedSheet, RULES);

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        JsonNode evaluation = run.json();
        assertThat(evaluation.get("rejected").values()).singleElement().satisfies(rejected -> {
            assertThat(rejected.get("source").asString()).endsWith("lanxi-2023-06.json");
            assertThat(rejected.get("errors").values()).singleElement()
                    .satisfies(e -> assertThat(e.asString()).contains("facts.digital.one_network_rate_pct"));
        });
        assertThat(verdict(evaluation, "yiwu", "T09.2").get("status").asString()).isEqualTo("MET");
        // Nothing of the rejected sheet is judged, not even its valid value.
        for (String commitment : List.of("T09.2", "T05.2")) {
            JsonNode lanxi = verdict(evaluation, "lanxi", commitment);
            assertThat(lanxi.get("status").asString()).as(commitment).isEqualTo("NO_DATA");
            assertThat(lanxi.get("value").isNull()).as(commitment).isTrue();
        }
        assertThat(evaluation.get("alerts").values())
                .as("兰溪市 has no accepted sheet, so it gets a DATA alert")
                .anySatisfy(a -> {
                    assertThat(a.get("unit").asString()).isEqualTo("lanxi");
                    assertThat(a.get("level").asString()).isEqualTo("DATA");
                    assertThat(a.get("commitment").isNull()).isTrue();
                });
    }

    static Stream<Arguments> badCommandLines() {
        Path missing = scratch.resolve("no-such-folder");
        Path noRules = scratch.resolve("no-such-rules");
        return Stream.of(
                argumentSet("A folder that does not exist", List.of("evaluate", missing, "--period", PERIOD,
                        "--rules", RULES), "no-such-folder"),
                argumentSet("A period with month 13", List.of("evaluate", goodSheets, "--period", "2023-13",
                        "--rules", RULES), "2023-13"),
                argumentSet("A period written with a slash", List.of("evaluate", goodSheets, "--period", "2023/06",
                        "--rules", RULES), "2023/06"),
                argumentSet("A period without a dash", List.of("evaluate", goodSheets, "--period", "202306",
                        "--rules", RULES), "202306"),
                argumentSet("No period at all", List.of("evaluate", goodSheets, "--rules", RULES), "--period"),
                argumentSet("An unknown option", List.of("evaluate", goodSheets, "--period", PERIOD, "--formt",
                        "json", "--rules", RULES), "--formt"),
                argumentSet("An unknown output format", List.of("evaluate", goodSheets, "--period", PERIOD,
                        "--format", "xml", "--rules", RULES), "xml"),
                argumentSet("A rules directory that does not exist", List.of("evaluate", goodSheets, "--period",
                        PERIOD, "--rules", noRules), "no-such-rules"),
                argumentSet("A rules directory that does not exist, given before the subcommand",
                        List.of("--rules", noRules, "evaluate", goodSheets, "--period", PERIOD), "no-such-rules"),
                argumentSet("Validating a folder that does not exist", List.of("validate", missing, "--rules", RULES),
                        "no-such-folder"),
                argumentSet("No subcommand", List.of("--rules", RULES), "evaluate"),
                argumentSet("A month that has not come", List.of("evaluate", goodSheets, "--period", "2999-01",
                        "--rules", RULES), "no evaluation is made of a month that has not come"));
    }

    @ParameterizedTest(name = "{argumentSetName} exits 1 with a message on stderr and nothing on stdout")
    @MethodSource("badCommandLines")
    void exitsOneWithAMessageWhenNothingCanBeJudged(List<Object> args, String named) {
        Run run = ducha(args.toArray());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(named);
    }

    @Test
    void exitsOneNamingTheFileAndLineOfADrlSyntaxError(@TempDir Path dir) throws IOException {
        Path rules = RulesCopy.in(dir);
        Path alerts = rules.resolve("alerts.drl");
        List<String> lines = new ArrayList<>(Files.readAllLines(alerts, UTF_8));
        int when = lines.indexOf("when");
        lines.add(when + 1, "    $broken : Verdict( status == ) )");
        Files.write(alerts, lines, UTF_8);
        int brokenLine = when + 2;

        Run run = evaluateJson(goodSheets, rules);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        Matcher located = Pattern.compile("alerts\\.drl:(\\d+)").matcher(run.err());
        assertThat(located.find()).as("names alerts.drl and a line: %s", run.err()).isTrue();
        assertThat(Integer.parseInt(located.group(1))).as(run.err()).isEqualTo(brokenLine);
    }

    static Stream<Arguments> brokenCatalogues() {
        return Stream.of(
                argumentSet("A misspelt kind", "T03.1",
                        edit(block -> block.replace("kind: AT_LEAST", "kind: AT_LEAZT"))),
                argumentSet("A commitment without its source words", "T09.2",
                        edit(block -> block.replaceAll("(?m)^  source: .*\\R", ""))),
                argumentSet("A target that is not a number", "T05.1",
                        edit(block -> block.replaceAll("(?m)^  target: .*$", "  target: lots"))));
    }

    /** Names the lambda's type for the argument table. */
    private static UnaryOperator<String> edit(UnaryOperator<String> edit) {
        return edit;
    }

    @ParameterizedTest(name = "{argumentSetName} in the catalogue exits 1 naming the commitment")
    @MethodSource("brokenCatalogues")
    void exitsOneNamingTheCommitmentOfABrokenCatalogueEntry(String id, UnaryOperator<String> edit, @TempDir Path dir)
            throws IOException {
        Path rules = RulesCopy.in(dir);
        Path catalogue = rules.resolve("catalogue/commitments.yaml");
        String text = Files.readString(catalogue, UTF_8);
        Matcher block = Pattern.compile("(?ms)^- id: " + Pattern.quote(id) + "\\R.*?(?=^- id: |\\z)").matcher(text);
        assertThat(block.find()).as("the catalogue has %s", id).isTrue();
        String broken = edit.apply(block.group());
        assertThat(broken).as("the edit changes %s", id).isNotEqualTo(block.group());
        Files.writeString(catalogue, text.substring(0, block.start()) + broken + text.substring(block.end()), UTF_8);

        Run run = evaluateJson(goodSheets, rules);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("commitments.yaml").contains(id);
    }

    @Test
    void validateListsEveryErrorAndExitsTwo(@TempDir Path folder) throws IOException {
        ObjectNode good = sheet("yiwu", PERIOD);
        facts(good).put("digital.one_network_rate_pct", 95);
        write(folder.resolve("yiwu.json"), good);
        ObjectNode lanxi = sheet("lanxi", PERIOD);
        facts(lanxi).put("digital.one_network_rate_pct", -1);
        write(folder.resolve("lanxi.json"), lanxi);
        ObjectNode muddled = sheet("jinyi", "2023-13");
        muddled.set("fatcs", muddled.remove("facts"));
        ((ObjectNode) muddled.get("progress")).putObject("T39").put("status", "DONE");
        write(folder.resolve("muddled.json"), muddled);

        Run run = ducha("validate", folder, "--rules", RULES);

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out())
                .contains("lanxi.json", "muddled.json")
                .doesNotContain("yiwu.json")
                .contains("facts.digital.one_network_rate_pct:", "unit:", "period:", "fatcs:", "progress.T39:")
                .contains("1 sheets accepted, 2 rejected");
    }

    @Test
    void validateExitsZeroWithACountWhenEverySheetIsAccepted() {
        Run run = ducha("validate", goodSheets, "--rules", RULES);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("5 sheets accepted, 0 rejected");
    }

    @Test
    void catalogueListsEveryCommitmentOfTheContractAndCoversAllTasks() {
        Run run = ducha("catalogue", "--format", "json", "--rules", RULES);

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode catalogue = run.json();
        assertThat(catalogue.get("commitments").valueStream().map(c -> c.get("id").asString()))
                .containsExactlyInAnyOrderElementsOf(CONTRACT_IDS)
                .hasSize(84);
        assertThat(catalogue.get("coverage").get("tasks").intValue()).isEqualTo(38);
        assertThat(catalogue.get("coverage").get("covered").intValue()).isEqualTo(38);
    }

    @Test
    void tableNamesUnitsInChineseWithoutColourWhenNotAtATerminal() {
        Run run = ducha("evaluate", goodSheets, "--period", PERIOD, "--rules", RULES);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("义乌市", "东阳市", "金华开发区", "金华市")
                .doesNotContain("\u001b");
    }

    @Test
    void rulesetHashIsStableForTheSameRulesAndChangesWithTheirContent(@TempDir Path dir) throws IOException {
        String first = evaluateJson(goodSheets, RULES).json().get("ruleset").asString();
        String second = evaluateJson(goodSheets, RULES).json().get("ruleset").asString();
        Path copy = RulesCopy.in(dir);
        String copied = evaluateJson(goodSheets, copy).json().get("ruleset").asString();
        Files.writeString(copy.resolve("alerts.drl"), "\n// 注释也是规则集的一部分 / a comment changes the ruleset\n",
                UTF_8, StandardOpenOption.APPEND);
        String commented = evaluateJson(goodSheets, copy).json().get("ruleset").asString();

        assertThat(first).startsWith("sha256:").isEqualTo(second);
        assertThat(copied).as("a hash of the content, not of where it lies").isEqualTo(first);
        assertThat(commented).startsWith("sha256:").isNotEqualTo(first);
    }
}
