package cn.jinhua.ducha.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.junit.jupiter.api.Test;

/**
 * Rule coverage, as {@code opa test --coverage} reports it: every rule in rules/ (each commitment's, the NO_DATA and
 * NOT_APPLICABLE rules, every alert rule, the forecast rule) decides at least one verdict or alert in the conformance cases or the
 * scenarios. A rule that nothing exercises is a rule nothing checks.
 */
class RuleCoverageTests {

    private static final Path CONFORMANCE = Path.of("src/test/resources/conformance");
    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");

    @Test
    void everyRuleDecidesSomethingInTheCasesOrTheScenarios() throws IOException {
        Rulebook rulebook = Judge.rulebook();
        Evaluator evaluator = new Evaluator(rulebook);
        SheetReader reader = new SheetReader(rulebook.catalogue());
        Set<String> fired = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CONFORMANCE)) {
            for (Path expected : files.filter(p -> p.getFileName().toString().matches("expected-\\d{4}-\\d{2}\\.json"))
                    .sorted().toList()) {
                String name = expected.getFileName().toString();
                YearMonth period = YearMonth.parse(name.substring("expected-".length(), name.length() - 5));
                record(evaluator.evaluate(reader.readFolder(expected.resolveSibling("sheets")), period), fired);
            }
        }
        try (Stream<Path> folders = Files.list(SCENARIOS)) {
            for (Path folder : folders.sorted().toList()) {
                String period = Files.readAllLines(folder.resolve("scenario.yaml")).stream()
                        .filter(l -> l.startsWith("period:")).findFirst().orElseThrow()
                        .replaceAll("period:\\s*\"?([0-9-]+)\"?.*", "$1");
                SheetBatch batch = reader.readFolder(folder.resolve("sheets"));
                record(evaluator.evaluate(batch, YearMonth.parse(period)), fired);
            }
        }
        Set<String> rules = new TreeSet<>();
        rulebook.kieBase().getKiePackage(Rulebook.PACKAGE).getRules().forEach(r -> rules.add(r.getName()));
        assertThat(rules).hasSizeGreaterThan(rulebook.catalogue().commitments().size());
        assertThat(fired).as("rules that decided something").containsAll(rules);
    }

    private static void record(Evaluation evaluation, Set<String> fired) {
        evaluation.verdicts().forEach(v -> fired.add(v.rule()));
        evaluation.alerts().forEach(a -> fired.add(a.rule()));
        evaluation.forecasts().forEach(f -> fired.add(f.rule()));
    }
}
