package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Scope;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.Window;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.Progress;

/**
 * Classification, in plain Java: which (unit, commitment) pairs a period calls for (scopes and windows), what the
 * sheets say about each (the unit's own value, the city total, the province's value, the base-period value), and
 * what each unit owes and lacks. None of it is a rule of the plan; it is bookkeeping that a loop does in
 * microseconds and the rule network did in milliseconds (BENCHMARKS.md). Every status and every alert level is
 * still decided by the rules in {@code rules/}, on the facts made here. Not thread-safe; one per evaluation.
 */
final class Classification {

    private final Catalogue catalogue;
    private final Unit province;
    private final List<Unit> supervised;
    private final Map<YearMonth, Map<String, FactSheet>> sheets = new HashMap<>();

    Classification(Catalogue catalogue, List<FactSheet> accepted) {
        this.catalogue = catalogue;
        this.province = catalogue.units().stream().filter(Unit::isProvince).findFirst().orElse(null);
        this.supervised = catalogue.units().stream().filter(Unit::isSupervised).toList();
        for (FactSheet sheet : accepted) {
            sheets.computeIfAbsent(sheet.period(), p -> new HashMap<>()).put(sheet.unit().id(), sheet);
        }
    }

    /**
     * The facts the rules judge {@code period} on, unit after unit, and the docket their verdicts are written into.
     *
     * @param unitEnds for each unit in registry order, the index in {@code facts} where its facts end: no rule joins
     *                 the facts of two units, so any run of whole units can be judged in a session of its own
     * @param slotEnds for each unit in registry order, the place in the docket where its verdicts end
     */
    record Facts(Docket docket, List<Object> facts, List<Integer> unitEnds, List<Integer> slotEnds) {
    }

    /**
     * Every pair {@code period} calls for, in the order verdicts are printed (unit, then commitment): an
     * {@link Observation} for each pair of a unit that sent a sheet and for each city total, a {@link NoSheet} for
     * each unit that owes values and sent nothing, an {@link OutOfScope} for each local unit a scope leaves out,
     * and a {@link MissingValues} for each sheet that lacks owed values.
     */
    Facts classify(YearMonth period) {
        List<Commitment> judged = new ArrayList<>();
        List<Window.Span> spans = new ArrayList<>();
        for (Commitment c : catalogue.commitments()) {
            c.spanFor(period).ifPresent(span -> {
                judged.add(c);
                spans.add(span);
            });
        }
        int size = 0;
        for (Unit u : catalogue.units()) {
            for (Commitment c : judged) {
                if (c.scope().judges(u) || c.scope().excludes(u)) {
                    size++;
                }
            }
        }
        Docket docket = new Docket(size);
        List<Object> facts = new ArrayList<>(size + catalogue.units().size());
        List<Integer> unitEnds = new ArrayList<>(catalogue.units().size());
        List<Integer> slotEnds = new ArrayList<>(catalogue.units().size());
        Map<String, FactSheet> ofPeriod = sheetsOf(period);
        int slot = 0;
        for (Unit u : catalogue.units()) {
            FactSheet sheet = ofPeriod.get(u.id());
            List<Subject> unreported = new ArrayList<>();
            List<Subject> outOfScope = new ArrayList<>();
            List<Commitment> lacking = new ArrayList<>();
            boolean owes = false;
            for (int i = 0; i < judged.size(); i++) {
                Commitment c = judged.get(i);
                Scope scope = c.scope();
                if (scope.judges(u)) {
                    Subject subject = new Subject(u, c, period, spans.get(i), slot++, docket);
                    Observation observed = null;
                    if (scope == Scope.CITY_TOTAL) {
                        observed = total(subject);
                    } else if (sheet == null) {
                        unreported.add(subject);
                    } else {
                        observed = own(subject, sheet);
                    }
                    if (observed != null) {
                        facts.add(observed);
                        Projection projection = projection(observed);
                        if (projection != null) {
                            facts.add(projection);
                        }
                    }
                } else if (scope.excludes(u)) {
                    outOfScope.add(new Subject(u, c, period, null, slot++, docket));
                }
                if (u.isSupervised() && scope.owedBy(u)) {
                    owes = true;
                    if (sheet != null && value(sheet, c) == null) {
                        lacking.add(c);
                    }
                }
            }
            if (sheet == null && owes) {
                facts.add(new NoSheet(u, period, unreported));
            }
            if (!lacking.isEmpty()) {
                facts.add(new MissingValues(u, period, lacking));
            }
            if (!outOfScope.isEmpty()) {
                facts.add(new OutOfScope(u, outOfScope));
            }
            unitEnds.add(facts.size());
            slotEnds.add(slot);
        }
        return new Facts(docket, facts, unitEnds, slotEnds);
    }

    /**
     * The observation of {@code verdict}'s pair in the month before, judged only to tell whether an AT_RISK pair
     * was behind then too (连续两月滞后); null when there is nothing to judge then (not in a window, or no value),
     * which the rules would judge NO_DATA, not behind.
     */
    Observation prior(Verdict verdict) {
        YearMonth previous = verdict.period().minusMonths(1);
        Commitment c = verdict.commitment();
        Window.Span span = c.spanFor(previous).orElse(null);
        if (span == null) {
            return null;
        }
        Subject subject = new Subject(verdict.unit(), c, previous, span, -1, null);
        Observation o;
        if (c.scope() == Scope.CITY_TOTAL) {
            o = total(subject);
        } else {
            FactSheet sheet = sheetsOf(previous).get(verdict.unit().id());
            o = sheet == null ? null : own(subject, sheet);
        }
        return o != null && o.isPresent() ? o : null;
    }

    /**
     * Where a paced observation's value is heading at the pace of its last {@link Projection#MONTHS} months (提前预警),
     * for rules/forecasts.drl to judge; null when there is nothing to project: another kind, no value, a window
     * without an end or at its end, fewer than three months of the window so far, or no value three months ago.
     * The value three months ago is read as the period's own is (the unit's sheet, or the city total of what the
     * units reported then); in the base period it is B, the verdict's own baseline.
     */
    private Projection projection(Observation o) {
        Subject subject = o.subject();
        Commitment c = subject.commitment();
        if (!c.kind().isPaced() || !o.isPresent() || subject.span() == null) {
            return null;
        }
        YearMonth from = subject.period().minusMonths(Projection.MONTHS);
        YearMonth base = subject.span().first().minusMonths(1);
        if (from.isBefore(base)) {
            return null;
        }
        if (from.equals(base)) {
            return Projection.of(subject, o.number(), from, o.baseline().value(), List.of()).orElse(null);
        }
        List<Reading> readings = new ArrayList<>();
        BigDecimal then = BigDecimal.ZERO;
        Map<String, FactSheet> ofFrom = sheetsOf(from);
        for (Unit u : c.scope() == Scope.CITY_TOTAL ? supervised : List.of(subject.unit())) {
            FactSheet sheet = ofFrom.get(u.id());
            Object value = sheet == null ? null : value(sheet, c);
            if (value != null) {
                then = then.add((BigDecimal) value);
                readings.add(new Reading(u.id(), from, c.metric(), value, sheet.source()));
            }
        }
        if (readings.isEmpty()) {
            return null;
        }
        return Projection.of(subject, o.number(), from, then, readings).orElse(null);
    }

    /** The unit's own value (for BENCHMARK_MARGIN with the province's beside it). */
    private Observation own(Subject subject, FactSheet sheet) {
        Commitment c = subject.commitment();
        Object value = value(sheet, c);
        if (value == null) {
            return new Observation(subject, null, null, null, null, false, List.of());
        }
        Reading reading = new Reading(subject.unit().id(), sheet.period(), c.metric(), value, sheet.source());
        if (c.kind() == Kind.BENCHMARK_MARGIN) {
            FactSheet provincial = province == null ? null : sheetsOf(subject.period()).get(province.id());
            Object benchmark = provincial == null ? null : value(provincial, c);
            if (benchmark == null) {
                return new Observation(subject, value, null, null, null, false, List.of(reading));
            }
            return new Observation(subject, value, (BigDecimal) benchmark, null, null, true,
                    List.of(reading, new Reading(province.id(), provincial.period(), c.metric(), benchmark,
                            provincial.source())));
        }
        if (!c.kind().isPaced()) {
            return new Observation(subject, value, null, null, null, true, List.of(reading));
        }
        List<Reading> readings = new ArrayList<>(2);
        readings.add(reading);
        Baseline baseline = ownBaseline(subject, readings);
        return new Observation(subject, value, null, null, baseline, true, readings);
    }

    /**
     * The city total: the sum of what the supervised units reported, with those that did not; absent when none
     * reported at all.
     */
    private Observation total(Subject subject) {
        Commitment c = subject.commitment();
        Map<String, FactSheet> ofPeriod = sheetsOf(subject.period());
        BigDecimal sum = BigDecimal.ZERO;
        List<String> missing = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        for (Unit u : supervised) {
            FactSheet sheet = ofPeriod.get(u.id());
            Object value = sheet == null ? null : value(sheet, c);
            if (value == null) {
                missing.add(u.id());
            } else {
                sum = sum.add((BigDecimal) value);
                readings.add(new Reading(u.id(), sheet.period(), c.metric(), value, sheet.source()));
            }
        }
        if (readings.isEmpty()) {
            return new Observation(subject, null, null, missing, null, false, readings);
        }
        Baseline baseline = c.kind().isPaced() ? totalBaseline(subject, readings) : null;
        return new Observation(subject, sum, null, missing, baseline, true, readings);
    }

    /**
     * B for the unit's own value: its value in the base-period sheet when reported and below the target, else the
     * catalogue's. ANNUAL_AT_LEAST counts from zero every year (the catalogue's baseline, 0).
     */
    private Baseline ownBaseline(Subject subject, List<Reading> readings) {
        Commitment c = subject.commitment();
        YearMonth base = subject.span().first().minusMonths(1);
        if (c.kind() != Kind.REACH_BY) {
            return Baseline.catalogue(c.baseline(), base, null);
        }
        FactSheet sheet = sheetsOf(base).get(subject.unit().id());
        BigDecimal value = sheet == null ? null : (BigDecimal) value(sheet, c);
        if (value == null) {
            return Baseline.catalogue(c.baseline(), base, null);
        }
        readings.add(new Reading(subject.unit().id(), sheet.period(), c.metric(), value, sheet.source()));
        if (value.compareTo(c.target()) >= 0) {
            return Baseline.catalogue(c.baseline(), base, value);
        }
        return new Baseline(value, Baseline.Origin.OWN_BASE_SHEET, base, null, List.of(subject.unit().id()));
    }

    /** B for a city total: the sum of the units' base-period values when any reported one and it is below target. */
    private Baseline totalBaseline(Subject subject, List<Reading> readings) {
        Commitment c = subject.commitment();
        YearMonth base = subject.span().first().minusMonths(1);
        if (c.kind() != Kind.REACH_BY) {
            return Baseline.catalogue(c.baseline(), base, null);
        }
        Map<String, FactSheet> ofBase = sheetsOf(base);
        BigDecimal sum = BigDecimal.ZERO;
        List<String> units = new ArrayList<>();
        for (Unit u : supervised) {
            FactSheet sheet = ofBase.get(u.id());
            Object value = sheet == null ? null : value(sheet, c);
            if (value != null) {
                sum = sum.add((BigDecimal) value);
                units.add(u.id());
                readings.add(new Reading(u.id(), sheet.period(), c.metric(), value, sheet.source()));
            }
        }
        if (units.isEmpty()) {
            return Baseline.catalogue(c.baseline(), base, null);
        }
        if (sum.compareTo(c.target()) >= 0) {
            return Baseline.catalogue(c.baseline(), base, sum);
        }
        return new Baseline(sum, Baseline.Origin.UNITS_SUM, base, null, units);
    }

    private Map<String, FactSheet> sheetsOf(YearMonth period) {
        return sheets.getOrDefault(period, Map.of());
    }

    /** The value of {@code c}'s metric on {@code sheet}: a fact, or for progress the status name; null if absent. */
    private static Object value(FactSheet sheet, Commitment c) {
        if (c.kind() != Kind.PROGRESS) {
            return sheet.facts().get(c.metric());
        }
        Progress progress = sheet.progress().get(c.progressCode());
        return progress == null ? null : progress.status().name();
    }
}
