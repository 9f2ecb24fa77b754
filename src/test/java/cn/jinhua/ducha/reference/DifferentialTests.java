package cn.jinhua.ducha.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.reference.CityMonths.Scenario;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules against the reference evaluator on random valid sheets: both must give the same verdicts (status,
 * light, value, target, expected, missing units) and the same alerts. A difference is either a bug in the rules
 * or in the reference; contract.md decides which, and the property is never weakened to hide the first kind.
 *
 * <p>Each case is one seed of {@link CityMonths}' seeded generator: fixed seeds, the same on every run, and one
 * fresh seed per run, named in the case (and printed) so that a failure is replayed by putting its seed in {@code REPLAY}.
 */
class DifferentialTests {

    private static final Rulebook RULES = Rulebook.load(Path.of("rules"));
    private static final Catalogue CATALOGUE = Catalogue.load(Path.of("rules"));
    private static final Evaluator PRODUCTION = new Evaluator(RULES);
    private static final ReferenceEvaluator REFERENCE = new ReferenceEvaluator(CATALOGUE);
    private static final CityMonths MONTHS = new CityMonths(CATALOGUE);
    /** Production may round a non-terminating 序时进度 value to 10 decimal places. */
    private static final BigDecimal EXPECTED_TOLERANCE = new BigDecimal("1e-9");

    /** Seeds of failures found once, kept so that they stay fixed; a fresh failure's seed goes here. */
    private static final long[] REPLAY = {};
    /** This run's fresh seed, printed in the names of its cases. */
    private static final long FRESH = new SplittableRandom().nextLong();

    static {
        System.out.println("DifferentialTests: this run's fresh seed is " + FRESH);
    }

    static Stream<Long> anyMonthSeeds() {
        return seeds(1_000, 120);
    }

    static Stream<Long> edgeMonthSeeds() {
        return seeds(2_000, 100);
    }

    static Stream<Long> fullMonthSeeds() {
        return seeds(3_000, 60);
    }

    /** {@code count} fixed seeds from {@code first}, the replayed ones, and this run's fresh one. */
    private static Stream<Long> seeds(long first, int count) {
        return Stream.of(LongStream.range(first, first + count).boxed(), LongStream.of(REPLAY).boxed(),
                Stream.of(FRESH)).flatMap(s -> s);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("anyMonthSeeds")
    void agreesWithTheReferenceInAnyMonth(long seed) {
        assertSameJudgement(seed, MONTHS.scenarios(CityMonths.anyMonth(), 0.6, false));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("edgeMonthSeeds")
    void agreesWithTheReferenceWhereWindowsOpenAndClose(long seed) {
        assertSameJudgement(seed, MONTHS.scenarios(CityMonths.edgeMonths(), 0.8, false));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fullMonthSeeds")
    void agreesWithTheReferenceWhenEveryUnitReportsInFull(long seed) {
        assertSameJudgement(seed, MONTHS.scenarios(CityMonths.anyMonth(), 0.8, true));
    }

    private static void assertSameJudgement(long seed, Gen<Scenario> scenarios) {
        Scenario scenario = scenarios.next(new SplittableRandom(seed));
        Evaluation production = PRODUCTION.evaluate(new SheetBatch(scenario.sheets(), List.of()), scenario.period());
        ReferenceEvaluation reference = REFERENCE.evaluate(scenario.sheets(), scenario.period());
        assertThat(differences(production, reference))
                .as("the rules against the reference, seed %d (replay: put it in REPLAY), %s", seed, scenario)
                .isEmpty();
    }

    /** Every way the two judgements differ, one line each; empty when they agree. */
    static List<String> differences(Evaluation production, ReferenceEvaluation reference) {
        List<String> differences = new ArrayList<>();
        Map<String, Verdict> rules = new LinkedHashMap<>();
        for (Verdict v : production.verdicts()) {
            String key = v.unit().id() + " " + v.commitment().id();
            if (rules.put(key, v) != null) {
                differences.add(key + ": the rules give two verdicts");
            }
        }
        Map<String, ReferenceVerdict> oracle = new LinkedHashMap<>();
        reference.verdicts().forEach(v -> oracle.put(v.unit() + " " + v.commitment(), v));
        for (Map.Entry<String, ReferenceVerdict> e : oracle.entrySet()) {
            String key = e.getKey();
            ReferenceVerdict want = e.getValue();
            Verdict got = rules.get(key);
            if (got == null) {
                differences.add("%s: the rules give no verdict, the reference %s".formatted(key, want.status()));
                continue;
            }
            String gotLight = got.light() == null ? null : got.light().name();
            if (!got.status().name().equals(want.status().name()) || !Objects.equals(gotLight, want.light())) {
                differences.add("%s: the rules say %s/%s, the reference %s/%s (value %s, target %s, expected %s)"
                        .formatted(key, got.status(), gotLight, want.status(), want.light(), show(want.value()),
                                show(want.target()), show(want.expected())));
                continue;
            }
            if (!sameValue(got.value(), want.value())) {
                differences.add("%s: value %s, the reference %s".formatted(key, show(got.value()), show(want.value())));
            }
            if (!sameNumber(got.target(), want.target(), BigDecimal.ZERO)) {
                differences.add("%s: target %s, the reference %s".formatted(key, show(got.target()), show(want.target())));
            }
            if (!sameNumber(got.expected(), want.expected(), EXPECTED_TOLERANCE)) {
                differences.add("%s: expected %s, the reference %s"
                        .formatted(key, show(got.expected()), show(want.expected())));
            }
            BigDecimal gotBaseline = got.baseline() == null ? null : got.baseline().value();
            if (!sameNumber(gotBaseline, want.baseline(), BigDecimal.ZERO)) {
                differences.add("%s: baseline %s, the reference %s"
                        .formatted(key, show(gotBaseline), show(want.baseline())));
            }
            Set<String> gotMissing = got.missingUnits() == null ? null : new TreeSet<>(got.missingUnits());
            Set<String> wantMissing = want.missingUnits() == null ? null : new TreeSet<>(want.missingUnits());
            if (!Objects.equals(gotMissing, wantMissing)) {
                differences.add("%s: missing units %s, the reference %s".formatted(key, gotMissing, wantMissing));
            }
        }
        rules.keySet().stream().filter(k -> !oracle.containsKey(k))
                .forEach(k -> differences.add("%s: the rules give %s, the reference no verdict"
                        .formatted(k, rules.get(k).status())));

        Set<String> raised = new HashSet<>();
        for (Alert a : production.alerts()) {
            String key = a.unit().id() + " " + (a.commitment() == null ? "-" : a.commitment().id()) + " " + a.level();
            if (!raised.add(key)) {
                differences.add(key + ": the rules raise this alert twice");
            }
        }
        Set<String> wanted = new HashSet<>();
        reference.alerts().forEach(a -> wanted.add(a.unit() + " " + (a.commitment() == null ? "-" : a.commitment())
                + " " + a.level()));
        new TreeSet<>(wanted).stream().filter(k -> !raised.contains(k))
                .forEach(k -> differences.add("alert " + k + ": the reference raises it, the rules do not"));
        new TreeSet<>(raised).stream().filter(k -> !wanted.contains(k))
                .forEach(k -> differences.add("alert " + k + ": the rules raise it, the reference does not"));
        return differences;
    }

    private static boolean sameNumber(BigDecimal got, BigDecimal want, BigDecimal tolerance) {
        if (got == null || want == null) {
            return got == want;
        }
        return got.subtract(want).abs().compareTo(tolerance) <= 0;
    }

    private static boolean sameValue(Object got, Object want) {
        if (got instanceof BigDecimal g && want instanceof BigDecimal w) {
            return g.compareTo(w) == 0;
        }
        if (got == null || want == null) {
            return got == want;
        }
        // a progress status may come as the enum or its name
        return got.toString().equals(want.toString());
    }

    private static String show(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }
}
