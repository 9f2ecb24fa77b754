package cn.jinhua.ducha.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Scenarios as data: each folder under {@code src/test/resources/scenarios} holds {@code sheets/} and a
 * {@code scenario.yaml} naming, in a sentence, what the plan expects, and the verdicts, alerts and rejections
 * that must follow.
 */
class ScenarioTests {

    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    record Expected(String unit, String commitment, String status, String level) {
        String alert() {
            return unit + " " + (commitment == null ? "-" : commitment) + " " + level;
        }
    }

    record Scenario(String name, String period, List<Expected> verdicts, List<Expected> alerts,
                    List<Expected> notAlerts, List<String> rejected) {
    }

    static Stream<Named<Path>> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> Named.of(read(dir).name(), dir));
        }
    }

    private static Scenario read(Path dir) {
        return YAML.readValue(dir.resolve("scenario.yaml").toFile(), Scenario.class);
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
