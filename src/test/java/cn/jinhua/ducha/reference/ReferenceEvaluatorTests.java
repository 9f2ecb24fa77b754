package cn.jinhua.ducha.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference evaluator against the contract's public cases, so that a wrong oracle is caught before it is
 * believed: every verdict (status, light, value, target, expected, missing units) and every alert.
 */
class ReferenceEvaluatorTests {

    private static final Path CASES = Path.of("src/test/resources/conformance");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Catalogue CATALOGUE = Catalogue.load(Path.of("rules"));
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-6");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.walk(CASES)) {
            return files.filter(p -> p.getFileName().toString().matches("expected-\\d{4}-\\d{2}\\.json"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithThePublicCase(Path expectedFile) throws IOException {
        String name = expectedFile.getFileName().toString();
        YearMonth period = YearMonth.parse(name.substring("expected-".length(), name.length() - ".json".length()));
        JsonNode want = JSON.readTree(expectedFile.toFile());
        SheetBatch batch = new SheetReader(CATALOGUE).readFolder(expectedFile.resolveSibling("sheets"));

        ReferenceEvaluation got = new ReferenceEvaluator(CATALOGUE).evaluate(batch.accepted(), period);

        Map<String, ReferenceVerdict> verdicts = got.verdicts().stream()
                .collect(Collectors.toMap(v -> v.unit() + " " + v.commitment(), v -> v, (a, b) -> {
                    throw new AssertionError("two verdicts for " + a.unit() + " " + a.commitment());
                }, TreeMap::new));
        List<String> differences = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (JsonNode w : want.get("verdicts")) {
            String key = w.get("unit").asString() + " " + w.get("commitment").asString();
            wanted.add(key);
            ReferenceVerdict v = verdicts.get(key);
            if (v == null) {
                differences.add(key + ": no verdict");
                continue;
            }
            check(differences, key, "status", w.get("status").asString(), v.status().name());
            check(differences, key, "light", w.get("light").isNull() ? null : w.get("light").asString(), v.light());
            checkNumber(differences, key, "target", w.get("target"), v.target());
            checkNumber(differences, key, "expected", w.get("expected"), v.expected());
            checkValue(differences, key, w.get("value"), v.value());
            JsonNode missing = w.get("missingUnits");
            List<String> wantedMissing = missing == null || missing.isNull() ? null
                    : missing.valueStream().map(JsonNode::asString).toList();
            check(differences, key, "missingUnits", wantedMissing, v.missingUnits());
        }
        verdicts.keySet().stream().filter(k -> !wanted.contains(k)).forEach(k -> differences.add(k + ": not called for"));
        assertThat(differences).as("verdicts of %s", expectedFile).isEmpty();

        Set<String> alerts = new HashSet<>();
        want.get("alerts").forEach(a -> alerts.add(a.get("unit").asString() + " "
                + (a.get("commitment").isNull() ? "-" : a.get("commitment").asString()) + " " + a.get("level").asString()));
        assertThat(got.alerts()).extracting(a -> a.unit() + " " + (a.commitment() == null ? "-" : a.commitment())
                + " " + a.level()).as("alerts of %s", expectedFile).containsExactlyInAnyOrderElementsOf(alerts);
    }

    private static void check(List<String> differences, String key, String field, Object wanted, Object got) {
        if (wanted == null ? got != null : !wanted.equals(got)) {
            differences.add("%s: %s %s, the case says %s".formatted(key, field, got, wanted));
        }
    }

    private static void checkNumber(List<String> differences, String key, String field, JsonNode wanted,
                                    BigDecimal got) {
        boolean same = wanted.isNull() ? got == null
                : got != null && wanted.decimalValue().subtract(got).abs().compareTo(TOLERANCE) <= 0;
        if (!same) {
            differences.add("%s: %s %s, the case says %s".formatted(key, field, got, wanted));
        }
    }

    private static void checkValue(List<String> differences, String key, JsonNode wanted, Object got) {
        boolean same;
        if (wanted.isNull()) {
            same = got == null;
        } else if (wanted.isNumber()) {
            same = got instanceof BigDecimal d && d.compareTo(wanted.decimalValue()) == 0;
        } else if (wanted.isBoolean()) {
            same = Boolean.valueOf(wanted.booleanValue()).equals(got);
        } else {
            same = wanted.asString().equals(got);
        }
        if (!same) {
            differences.add("%s: value %s, the case says %s".formatted(key, got, wanted));
        }
    }
}
