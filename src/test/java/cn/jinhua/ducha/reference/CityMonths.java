package cn.jinhua.ducha.reference;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Scope;
import cn.jinhua.ducha.catalogue.Task;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.UnitKind;
import cn.jinhua.ducha.catalogue.Window;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.Progress;
import cn.jinhua.ducha.factsheet.ProgressStatus;

/**
 * Random valid months of sheets for the city: a random set of the eleven supervised units, sometimes the
 * province, each sheet sparse or complete, with values drawn to land on the contract's edges often (exactly
 * the target, a cent either side, exactly the 序时进度 value B + (T − B)·k/n, exactly the yellow band behind
 * it, 0, 100, negative growth, the province's value + margin). CITY_TOTAL values are drawn as a total first
 * and then split over the units that report it, so that the sum lands on an edge too.
 */
final class CityMonths {

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Catalogue catalogue;
    private final List<Unit> supervised = new ArrayList<>();
    private final Unit province;

    CityMonths(Catalogue catalogue) {
        this.catalogue = catalogue;
        Unit theProvince = null;
        for (Unit u : catalogue.units()) {
            if (u.kind() == UnitKind.PROVINCE) {
                theProvince = u;
            } else {
                supervised.add(u);
            }
        }
        this.province = theProvince;
    }

    /** A month to judge and the sheets given for it (of that month, and maybe of others). */
    record Scenario(YearMonth period, List<FactSheet> sheets) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("judge " + period + " from " + sheets.size() + " sheets:");
            for (FactSheet s : sheets) {
                text.append("\n  ").append(s.unit().id()).append(' ').append(s.period()).append(' ')
                        .append(new TreeMap<>(s.facts()));
                if (!s.progress().isEmpty()) {
                    text.append(" progress ").append(s.progress().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + "=" + e.getValue().status()).collect(Collectors.joining(",", "{", "}")));
                }
            }
            return text.toString();
        }
    }

    /**
     * Months judged from sheets of that month and, with {@code history} probability, the month before; now and
     * then a stray month two before or one after as well, which must change nothing.
     *
     * @param full every supervised unit and the province send a sheet that carries every value it owes
     */
    Gen<Scenario> scenarios(Gen<YearMonth> periods, double history, boolean full) {
        return periods.flatMap(p -> {
            Gen<List<FactSheet>> now = month(p, full);
            Gen<Optional<List<FactSheet>>> before = month(p.minusMonths(1), full).optional(history);
            Gen<Optional<List<FactSheet>>> stray = Gen.of(p.minusMonths(2), p.plusMonths(1))
                    .flatMap(m -> month(m, false)).optional(0.1);
            Gen<Optional<List<FactSheet>>> base = base(p);
            return random -> {
                List<FactSheet> sheets = new ArrayList<>(now.next(random));
                before.next(random).ifPresent(sheets::addAll);
                stray.next(random).ifPresent(sheets::addAll);
                base.next(random).ifPresent(sheets::addAll);
                return new Scenario(p, sheets);
            };
        });
    }

    /**
     * Half the time, sheets for the base period 2022-12 (the month before the 2023 windows), whose REACH_BY values
     * are the baselines; only where neither the month before nor a stray month is that period already.
     */
    private Gen<Optional<List<FactSheet>>> base(YearMonth p) {
        YearMonth base = YearMonth.of(2022, 12);
        if (p.minusMonths(3).isBefore(base)) {
            return Gen.just(Optional.empty());
        }
        return month(base, false).optional(0.5);
    }

    /** Every month of 2023-01..2025-12, the edges of the windows more often. */
    static Gen<YearMonth> anyMonth() {
        List<YearMonth> all = new ArrayList<>();
        for (YearMonth m = YearMonth.of(2023, 1); !m.isAfter(YearMonth.of(2025, 12)); m = m.plusMonths(1)) {
            all.add(m);
        }
        return Gen.frequencyOf(Gen.weighted(3, Gen.ofList(all)), Gen.weighted(1, edgeMonths()));
    }

    /**
     * Months where something changes: a window opens or closes, 序时进度 crosses the milestones' last quarter,
     * December's benchmark rule, the month after a deadline.
     */
    static Gen<YearMonth> edgeMonths() {
        return Gen.ofList(List.of("2023-01", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-11",
                "2023-12", "2024-01", "2024-05", "2024-06", "2024-11", "2024-12", "2025-01", "2025-12")
                .stream().map(YearMonth::parse).toList());
    }

    // ---- one month of sheets

    private Gen<List<FactSheet>> month(YearMonth p, boolean full) {
        List<Gen<Optional<Draft>>> drafts = new ArrayList<>();
        for (Unit u : supervised) {
            drafts.add(full ? draft(u, p, true).map(Optional::of) : draft(u, p, false).optional(0.8));
        }
        if (province != null) {
            drafts.add(full ? draft(province, p, true).map(Optional::of) : draft(province, p, false).optional(0.65));
        }
        List<Commitment> totalled = catalogue.commitments().stream().filter(c -> c.scope() == Scope.CITY_TOTAL).toList();
        List<Gen<Total>> totals = totalled.stream().map(c -> total(c, p)).toList();
        Gen<List<Optional<Draft>>> allDrafts = Gen.all(drafts);
        Gen<List<Total>> allTotals = Gen.all(totals);
        return random -> {
            List<Optional<Draft>> ds = allDrafts.next(random);
            List<Total> ts = allTotals.next(random);
            return assemble(p, ds.stream().flatMap(Optional::stream).toList(), totalled, ts);
        };
    }

    /** A unit's sheet before CITY_TOTAL shares and benchmark offsets are resolved. */
    private record Draft(Unit unit, boolean complete, Map<String, Object> facts, Map<String, ProgressStatus> progress) {
    }

    /** A BENCHMARK_MARGIN value given as an offset from the province's value + margin. */
    private record AboveBenchmark(BigDecimal delta) {
    }

    /**
     * A CITY_TOTAL value: the total, each supervised unit's weight in it (negative: does not report, unless its
     * sheet is complete), and who reports at all (0 as weighted, 1 nobody, 2 the city alone).
     */
    private record Total(BigDecimal sum, List<Integer> weights, int who) {
    }

    private Gen<Draft> draft(Unit u, YearMonth p, boolean full) {
        Gen<Boolean> completeness = full ? Gen.just(true)
                : Gen.frequencyOf(Gen.weightedValue(3, false), Gen.weightedValue(1, true));
        return completeness.flatMap(complete -> {
            List<Gen<Optional<Map.Entry<String, Object>>>> facts = new ArrayList<>();
            for (Commitment c : catalogue.commitments()) {
                if (c.kind() == Kind.PROGRESS || (c.scope() == Scope.CITY_TOTAL && !u.isProvince())) {
                    continue;
                }
                double presence = owes(u, c) ? (complete ? 1.0 : 0.85) : c.scope() == Scope.FTZ ? 0.3 : 0.04;
                Gen<Map.Entry<String, Object>> entry = value(c, p, u).map(v -> Map.entry(c.metric(), v));
                facts.add(presence >= 1.0 ? entry.map(Optional::of) : entry.optional(presence));
            }
            List<Gen<Optional<Map.Entry<String, ProgressStatus>>>> progress = new ArrayList<>();
            for (Task t : catalogue.tasks()) {
                double presence = u.isProvince() ? 0.03 : complete ? 1.0 : 0.85;
                Gen<Map.Entry<String, ProgressStatus>> entry = Gen.of(ProgressStatus.values())
                        .map(s -> Map.entry(t.code(), s));
                progress.add(presence >= 1.0 ? entry.map(Optional::of) : entry.optional(presence));
            }
            Gen<List<Optional<Map.Entry<String, Object>>>> allFacts = Gen.all(facts);
            Gen<List<Optional<Map.Entry<String, ProgressStatus>>>> allProgress = Gen.all(progress);
            return random -> {
                Map<String, Object> f = new LinkedHashMap<>();
                allFacts.next(random).stream().flatMap(Optional::stream).forEach(e -> f.put(e.getKey(), e.getValue()));
                Map<String, ProgressStatus> s = new LinkedHashMap<>();
                allProgress.next(random).stream().flatMap(Optional::stream)
                        .forEach(e -> s.put(e.getKey(), e.getValue()));
                return new Draft(u, complete, f, s);
            };
        });
    }

    /** Whether a unit's sheet is meant to carry the commitment's value (the generator's view, not the oracle's). */
    private static boolean owes(Unit u, Commitment c) {
        if (u.isProvince()) {
            return c.kind() == Kind.BENCHMARK_MARGIN;
        }
        return switch (c.scope()) {
            case LOCAL -> u.isLocal();
            case FTZ -> u.isLocal() && u.ftz();
            case CITY -> u.isCity();
            case ALL, CITY_TOTAL -> true;
        };
    }

    private Gen<Object> value(Commitment c, YearMonth p, Unit u) {
        if (c.kind() == Kind.MILESTONE) {
            return Gen.of(true, false);
        }
        if (c.kind() == Kind.BENCHMARK_MARGIN) {
            Gen<BigDecimal> growth = growth();
            if (u.isProvince()) {
                return growth.map(v -> v);
            }
            Gen<BigDecimal> deltas = Gen.frequencyOf(
                    Gen.weighted(4, Gen.of(BigDecimal.ZERO, CENT.negate(), CENT, new BigDecimal("-0.001"))),
                    Gen.weighted(1, Gen.decimals(BigDecimal.valueOf(-5), BigDecimal.valueOf(5), 1)));
            return Gen.frequencyOf(Gen.weighted(3, deltas.map(AboveBenchmark::new)), Gen.weighted(1, growth.map(v -> v)));
        }
        return number(c, p).map(v -> v);
    }

    private static Gen<BigDecimal> growth() {
        return Gen.frequencyOf(
                Gen.weighted(1, Gen.of(BigDecimal.ZERO, new BigDecimal("-3"), new BigDecimal("-0.01"))),
                Gen.weighted(3, Gen.decimals(BigDecimal.valueOf(-15), BigDecimal.valueOf(25), 1)),
                Gen.weighted(1, Gen.decimals(BigDecimal.valueOf(-15), BigDecimal.valueOf(25), 2)));
    }

    /** A valid number for a numeric commitment's metric, on one of its edges at {@code p} more often than not. */
    private Gen<BigDecimal> number(Commitment c, YearMonth p) {
        boolean percent = c.metric().endsWith("_pct");
        BigDecimal top = percent ? HUNDRED : c.target().multiply(new BigDecimal("1.5")).setScale(0, RoundingMode.CEILING);
        Set<BigDecimal> edges = new LinkedHashSet<>(around(c.target(), true));
        edges.add(BigDecimal.ZERO);
        if (percent) {
            edges.add(HUNDRED);
        }
        edges.addAll(paceEdges(c, p));
        List<BigDecimal> valid = edges.stream().filter(v -> v.signum() >= 0 && (!percent || v.compareTo(HUNDRED) <= 0))
                .toList();
        return Gen.frequencyOf(
                Gen.weighted(5, Gen.ofList(valid)),
                Gen.weighted(1, Gen.decimals(BigDecimal.ZERO, top, 0)),
                Gen.weighted(1, Gen.decimals(BigDecimal.ZERO, top, 2)));
    }

    /**
     * For a paced commitment judged at {@code p}: the 序时进度 value E = B + (T − B)·k/n and the value exactly the
     * yellow band behind it, E − band·(T − B), each exactly where it terminates and rounded either way at 2, 10
     * and 12 places where it does not (production rounds to 10).
     */
    private List<BigDecimal> paceEdges(Commitment c, YearMonth p) {
        if (!c.kind().isPaced()) {
            return List.of();
        }
        Optional<Window.Span> span = c.window().spanFor(p, true);
        if (span.isEmpty() || span.get().isOpen()) {
            return List.of();
        }
        YearMonth first = c.kind() == Kind.ANNUAL_AT_LEAST ? YearMonth.of(p.getYear(), 1) : span.get().first();
        YearMonth last = c.kind() == Kind.ANNUAL_AT_LEAST ? YearMonth.of(p.getYear(), 12) : span.get().last();
        int n = months(first, last) + 1;
        int k = Math.min(months(first, p) + 1, n);
        BigDecimal baseline = c.kind() == Kind.ANNUAL_AT_LEAST ? BigDecimal.ZERO : c.baseline();
        BigDecimal reach = c.target().subtract(baseline);
        BigDecimal scaled = reach.multiply(BigDecimal.valueOf(k));
        BigDecimal expected;
        boolean exact = true;
        try {
            expected = baseline.add(scaled.divide(BigDecimal.valueOf(n)));
        } catch (ArithmeticException e) {
            expected = baseline.add(scaled.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128));
            exact = false;
        }
        BigDecimal band = catalogue.settings().yellowBand();
        List<BigDecimal> edges = new ArrayList<>(around(expected, exact));
        edges.addAll(around(expected.subtract(band.multiply(reach)), exact));
        return edges;
    }

    private static List<BigDecimal> around(BigDecimal x, boolean exact) {
        List<BigDecimal> edges = new ArrayList<>();
        if (exact) {
            edges.add(x);
            edges.add(x.subtract(CENT));
            edges.add(x.add(CENT));
        }
        if (!exact || x.stripTrailingZeros().scale() > 2) {
            for (int scale : new int[] {2, 10, 12}) {
                edges.add(x.setScale(scale, RoundingMode.FLOOR));
                edges.add(x.setScale(scale, RoundingMode.CEILING));
            }
        }
        return edges;
    }

    private static int months(YearMonth from, YearMonth to) {
        return (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue();
    }

    private Gen<Total> total(Commitment c, YearMonth p) {
        Gen<Integer> weight = Gen.frequencyOf(Gen.weightedValue(2, -1), Gen.weightedValue(2, 0),
                Gen.weightedValue(4, 1), Gen.weightedValue(2, 3));
        Gen<Integer> who = Gen.frequencyOf(Gen.weightedValue(8, 0), Gen.weightedValue(1, 1), Gen.weightedValue(1, 2));
        Gen<BigDecimal> sum = number(c, p);
        Gen<List<Integer>> weights = weight.list(supervised.size());
        return random -> new Total(sum.next(random), weights.next(random), who.next(random));
    }

    // ---- from drafts to sheets

    private List<FactSheet> assemble(YearMonth p, List<Draft> drafts, List<Commitment> totalled, List<Total> totals) {
        Map<Unit, Map<String, Object>> facts = new LinkedHashMap<>();
        Draft provincial = drafts.stream().filter(d -> d.unit().isProvince()).findFirst().orElse(null);
        for (Draft d : drafts) {
            Map<String, Object> f = new LinkedHashMap<>();
            d.facts().forEach((metric, v) -> f.put(metric, v instanceof AboveBenchmark above
                    ? aboveBenchmark(metric, above.delta(), provincial) : v));
            facts.put(d.unit(), f);
        }
        for (int i = 0; i < totalled.size(); i++) {
            share(totalled.get(i).metric(), totals.get(i), drafts, facts);
        }
        List<FactSheet> sheets = new ArrayList<>();
        for (Draft d : drafts) {
            Map<String, Progress> progress = new LinkedHashMap<>();
            d.progress().forEach((task, status) -> progress.put(task, new Progress(status, null)));
            sheets.add(new FactSheet(d.unit().id() + "-" + p + ".json", d.unit(), p, "generated", facts.get(d.unit()),
                    progress));
        }
        return sheets;
    }

    private BigDecimal aboveBenchmark(String metric, BigDecimal delta, Draft provincial) {
        Object base = provincial == null ? null : provincial.facts().get(metric);
        if (!(base instanceof BigDecimal b)) {
            return delta;
        }
        BigDecimal margin = catalogue.byMetric(metric).orElseThrow().margin();
        return b.add(margin).add(delta);
    }

    /** Splits a total over the units that report it: shares rounded down to the cent, the rest to the last. */
    private void share(String metric, Total total, List<Draft> drafts, Map<Unit, Map<String, Object>> facts) {
        List<Unit> reporters = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < supervised.size(); i++) {
            Unit u = supervised.get(i);
            Draft d = drafts.stream().filter(x -> x.unit().equals(u)).findFirst().orElse(null);
            if (d == null) {
                continue;
            }
            int w = total.weights().get(i);
            boolean reports = switch (total.who()) {
                case 1 -> d.complete();
                case 2 -> d.complete() || u.isCity();
                default -> d.complete() || w >= 0;
            };
            if (reports) {
                reporters.add(u);
                weights.add(total.who() == 1 ? 0 : Math.max(w, 0));
            }
        }
        if (reporters.isEmpty()) {
            return;
        }
        if (total.who() == 1) {
            reporters.forEach(u -> facts.get(u).put(metric, BigDecimal.ZERO));
            return;
        }
        int all = weights.stream().mapToInt(Integer::intValue).sum();
        BigDecimal rest = total.sum();
        for (int i = 0; i < reporters.size() - 1; i++) {
            BigDecimal part = all == 0 ? BigDecimal.ZERO : total.sum().multiply(BigDecimal.valueOf(weights.get(i)))
                    .divide(BigDecimal.valueOf(all), 2, RoundingMode.FLOOR);
            facts.get(reporters.get(i)).put(metric, part);
            rest = rest.subtract(part);
        }
        facts.get(reporters.get(reporters.size() - 1)).put(metric, rest);
    }
}
