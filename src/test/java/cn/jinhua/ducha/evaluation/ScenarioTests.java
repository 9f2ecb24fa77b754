package cn.jinhua.ducha.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import cn.jinhua.ducha.factsheet.Rejection;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Scenarios as data: each folder under {@code src/test/resources/scenarios} holds {@code sheets/} and a
 * {@code scenario.yaml} naming, in a sentence, what the plan expects, and the verdicts, alerts and rejections
 * that must follow. A scenario file with a key this test does not know (a misspelt {@code verdict:}), or with nothing
 * to check, fails: it would otherwise pass while checking nothing.
 */
class ScenarioTests {

    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    record Expected(String unit, String commitment, String status, String level) {
        String alert() {
            return unit + " " + (commitment == null ? "-" : commitment) + " " + level;
        }
    }

    record Scenario(String name, String period, List<Expected> verdicts, List<Expected> alerts,
                    List<Expected> notAlerts, List<String> rejected) {

        /** Refuses a scenario without a name and period, with nothing to check, or with a half-written expectation. */
        Scenario {
            require(name != null && !name.isBlank(), "a name (the sentence the test is shown by)");
            require(period != null, "a period");
            require(!(orEmpty(verdicts).isEmpty() && orEmpty(alerts).isEmpty() && orEmpty(notAlerts).isEmpty()
                    && orEmpty(rejected).isEmpty()), "at least one expectation (verdicts, alerts, notAlerts, rejected)");
            orEmpty(verdicts).forEach(v -> require(v.unit() != null && v.commitment() != null && v.status() != null
                    && v.level() == null, "verdicts with a unit, a commitment and a status only: " + v));
            Stream.concat(orEmpty(alerts).stream(), orEmpty(notAlerts).stream()).forEach(a -> require(
                    a.unit() != null && a.level() != null && a.status() == null,
                    "alerts with a unit, a level and a commitment (or none, for DATA) only: " + a));
        }

        private static void require(boolean holds, String what) {
            if (!holds) {
                throw new IllegalArgumentException("a scenario needs " + what);
            }
        }
    }

    static Stream<Named<Path>> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> Named.of(read(dir).name(), dir));
        }
    }

    /** The scenario of {@code dir}; a file that says something this test does not understand fails, naming it. */
    static Scenario read(Path dir) {
        Path file = dir.resolve("scenario.yaml");
        try {
            return YAML.readValue(file.toFile(), Scenario.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    @Test
    void refusesAScenarioWithAKeyItDoesNotKnow(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("scenario.yaml"), """
                name: "a misspelt list of verdicts checks nothing"
                period: "2023-09"
                verdict:
                  - {unit: yiwu, commitment: T09.2, status: MET}
                """);

        assertThatThrownBy(() -> read(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scenario.yaml").hasMessageContaining("verdict");
    }

    @Test
    void refusesAnExpectationWithAKeyItDoesNotKnow(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("scenario.yaml"), """
                name: "a misspelt status checks nothing"
                period: "2023-09"
                verdicts:
                  - {unit: yiwu, commitment: T09.2, stauts: MET}
                """);

        assertThatThrownBy(() -> read(dir)).isInstanceOf(IllegalStateException.class).hasMessageContaining("stauts");
    }

    @Test
    void refusesAScenarioWithNoExpectation(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("scenario.yaml"), """
                name: "a scenario that expects nothing"
                period: "2023-09"
                verdicts: []
                """);

        assertThatThrownBy(() -> read(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one expectation");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void judgesAsThePlanExpects(Path dir) {
        Scenario scenario = read(dir);
        Path sheets = dir.resolve("sheets");
        SheetBatch batch = new SheetReader(Judge.rulebook().catalogue()).readFolder(sheets);
        Evaluation evaluation = new Evaluator(Judge.rulebook()).evaluate(batch, YearMonth.parse(scenario.period()));

        for (Expected v : orEmpty(scenario.verdicts())) {
            assertThat(Judge.status(evaluation, v.unit(), v.commitment())).as("%s %s", v.unit(), v.commitment())
                    .hasToString(v.status());
        }
        List<String> alerts = Judge.alerts(evaluation);
        orEmpty(scenario.alerts()).forEach(a -> assertThat(alerts).contains(a.alert()));
        orEmpty(scenario.notAlerts()).forEach(a -> assertThat(alerts).doesNotContain(a.alert()));
        assertThat(evaluation.rejected()).extracting(Rejection::source)
                .map(s -> sheets.relativize(Path.of(s)).toString().replace('\\', '/'))
                .containsExactlyInAnyOrderElementsOf(orEmpty(scenario.rejected()));
        assertThat(evaluation.rejected()).allSatisfy(r -> assertThat(r.errors()).isNotEmpty());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
