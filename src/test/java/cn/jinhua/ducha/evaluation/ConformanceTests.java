package cn.jinhua.ducha.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import cn.jinhua.ducha.factsheet.Rejection;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's public cases (copied from ../shared/spec/cases): every verdict's status, light, target and
 * expectation, every alert and every rejected sheet, as ../shared/tools/conformance compares them.
 */
class ConformanceTests {

    private static final Path CASES = Path.of("src/test/resources/conformance");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Path> cases() throws IOException {
        return Files.walk(CASES).filter(p -> p.getFileName().toString().matches("expected-\\d{4}-\\d{2}\\.json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithThePublicCase(Path expectedFile) throws IOException {
        String name = expectedFile.getFileName().toString();
        YearMonth period = YearMonth.parse(name.substring("expected-".length(), name.length() - ".json".length()));
        JsonNode want = JSON.readTree(expectedFile.toFile());
        SheetBatch batch = new SheetReader(Judge.rulebook().catalogue()).readFolder(expectedFile.resolveSibling("sheets"));
        Evaluation got = new Evaluator(Judge.rulebook()).evaluate(batch, period);

        Set<String> wanted = new HashSet<>();
        for (JsonNode w : want.get("verdicts")) {
            String unit = w.get("unit").asString();
            String commitment = w.get("commitment").asString();
            wanted.add(unit + " " + commitment);
            Verdict v = Judge.verdict(got, unit, commitment);
            assertThat(v).as("verdict %s %s", unit, commitment).isNotNull();
            assertThat(v.status().name()).as("status of %s %s", unit, commitment).isEqualTo(w.get("status").asString());
            assertThat(v.light() == null ? null : v.light().name()).as("light of %s %s", unit, commitment)
                    .isEqualTo(w.get("light").isNull() ? null : w.get("light").asString());
            for (String field : new String[] {"target", "expected"}) {
                if (!w.get(field).isNull()) {
                    BigDecimal actual = field.equals("target") ? v.target() : v.expected();
                    assertThat(actual).as("%s of %s %s", field, unit, commitment)
                            .isCloseTo(w.get(field).decimalValue(), org.assertj.core.data.Offset.offset(new BigDecimal("1e-6")));
                }
            }
            JsonNode baseline = w.get("baseline");
            if (baseline != null && !baseline.isNull()) {
                assertThat(v.baseline()).as("baseline of %s %s", unit, commitment).isNotNull();
                assertThat(v.baseline().value()).as("baseline of %s %s", unit, commitment)
                        .isEqualByComparingTo(baseline.decimalValue());
            }
        }
        assertThat(got.verdicts()).extracting(v -> v.unit().id() + " " + v.commitment().id())
                .containsExactlyInAnyOrderElementsOf(wanted);

        Set<String> alerts = new HashSet<>();
        want.get("alerts").forEach(a -> alerts.add(a.get("unit").asString() + " "
                + (a.get("commitment").isNull() ? "-" : a.get("commitment").asString()) + " " + a.get("level").asString()));
        assertThat(Judge.alerts(got)).containsExactlyInAnyOrderElementsOf(alerts);

        Set<String> rejected = new HashSet<>();
        want.get("rejected").forEach(r -> rejected.add(r.get("source").asString()));
        assertThat(got.rejected()).extracting(Rejection::source).map(s -> Path.of(s).getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(rejected);
    }
}
