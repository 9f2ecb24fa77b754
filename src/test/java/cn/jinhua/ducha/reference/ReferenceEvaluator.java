package cn.jinhua.ducha.reference;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.UnitKind;
import cn.jinhua.ducha.catalogue.Window;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.Progress;

/**
 * contract.md in plain Java, without Drools: judges a period from the accepted sheets of that period and the
 * month before (whose statuses escalation needs). Written from the contract alone, never from the rules, so that
 * it can serve as a differential oracle for them. Ids, targets, margins, windows and the judging settings come
 * from the {@link Catalogue} (they are data); everything that decides a status is here.
 *
 * <p>Exact decimal arithmetic: statuses are decided by comparisons of exact products, never by a rounded
 * quotient; only {@code expected}, where B + (T − B)·k/n does not terminate, is carried to 34 significant digits.
 */
public final class ReferenceEvaluator {

    private static final MathContext NON_TERMINATING = MathContext.DECIMAL128;
    private static final String PROGRESS_PREFIX = "progress.";

    private final Catalogue catalogue;
    private final BigDecimal yellowBand;
    private final BigDecimal milestoneLastQuarter;
    private final List<Unit> locals = new ArrayList<>();
    private final List<Unit> supervised = new ArrayList<>();
    private final Unit city;
    private final Unit province;

    /** @param catalogue the plan as data; must not be null */
    public ReferenceEvaluator(Catalogue catalogue) {
        this.catalogue = catalogue;
        this.yellowBand = catalogue.settings().yellowBand();
        this.milestoneLastQuarter = catalogue.settings().milestoneLastQuarter();
        Unit theCity = null;
        Unit theProvince = null;
        for (Unit u : catalogue.units()) {
            if (u.kind() == UnitKind.LOCAL) {
                locals.add(u);
                supervised.add(u);
            } else if (u.kind() == UnitKind.CITY) {
                theCity = u;
                supervised.add(u);
            } else {
                theProvince = u;
            }
        }
        this.city = theCity;
        this.province = theProvince;
    }

    /**
     * Judges {@code period}.
     *
     * @param sheets accepted sheets of any periods; those of {@code period} are judged, those of the month before
     *               give the statuses that escalate a yellow alert; at most one per unit and period
     */
    public ReferenceEvaluation evaluate(Collection<FactSheet> sheets, YearMonth period) {
        YearMonth previous = period.minusMonths(1);
        Map<String, ReferenceStatus> before = new HashMap<>();
        for (ReferenceVerdict v : judge(sheets, previous)) {
            before.put(v.unit() + " " + v.commitment(), v.status());
        }
        Map<String, FactSheet> now = sheetsOf(sheets, period);
        List<ReferenceVerdict> verdicts = judge(sheets, period);
        List<ReferenceAlert> alerts = new ArrayList<>();
        for (ReferenceVerdict v : verdicts) {
            switch (v.status()) {
                case MISSED, OFF_TRACK -> alerts.add(new ReferenceAlert(v.unit(), v.commitment(), "RED"));
                case AT_RISK -> {
                    ReferenceStatus last = before.get(v.unit() + " " + v.commitment());
                    boolean twoRunning = last != null && last.isBehind();
                    alerts.add(new ReferenceAlert(v.unit(), v.commitment(), twoRunning ? "RED" : "YELLOW"));
                }
                default -> {
                    // GREEN, GREY and NOT_APPLICABLE raise nothing; a NO_DATA is the DATA alert's business
                }
            }
        }
        for (Unit u : supervised) {
            List<Commitment> owed = owed(u, period);
            if (owed.isEmpty()) {
                continue;
            }
            FactSheet sheet = now.get(u.id());
            if (sheet == null || owed.stream().anyMatch(c -> valueOn(sheet, c) == null)) {
                alerts.add(new ReferenceAlert(u.id(), null, "DATA"));
            }
        }
        return new ReferenceEvaluation(period, verdicts, alerts);
    }

    private static Map<String, FactSheet> sheetsOf(Collection<FactSheet> sheets, YearMonth period) {
        Map<String, FactSheet> byUnit = new LinkedHashMap<>();
        for (FactSheet s : sheets) {
            if (s.period().equals(period) && byUnit.put(s.unit().id(), s) != null) {
                throw new IllegalArgumentException("two sheets for " + s.unit().id() + " " + period
                        + ": the contract rejects both, so neither can be judged");
            }
        }
        return byUnit;
    }

    /**
     * Every verdict the scopes and windows call for at {@code period}, from that period's sheets (and, for
     * REACH_BY's baseline, those of the month before the window's first month).
     */
    private List<ReferenceVerdict> judge(Collection<FactSheet> all, YearMonth period) {
        Map<String, FactSheet> sheets = sheetsOf(all, period);
        List<ReferenceVerdict> verdicts = new ArrayList<>();
        FactSheet provinceSheet = province == null ? null : sheets.get(province.id());
        for (Commitment c : catalogue.commitments()) {
            Optional<Months> months = months(c, period);
            if (months.isEmpty()) {
                continue;
            }
            Months m = months.get();
            Map<String, FactSheet> base = sheetsOf(all, m.first().minusMonths(1));
            switch (c.scope()) {
                case LOCAL -> locals.forEach(u -> verdicts.add(judgeOwn(c, m, u, sheets, base, provinceSheet)));
                case FTZ -> locals.forEach(u -> verdicts.add(u.ftz()
                        ? judgeOwn(c, m, u, sheets, base, provinceSheet)
                        : new ReferenceVerdict(u.id(), c.id(), ReferenceStatus.NOT_APPLICABLE, null, null, null, null,
                        null)));
                case CITY -> verdicts.add(judgeOwn(c, m, city, sheets, base, provinceSheet));
                case ALL -> supervised.forEach(u -> verdicts.add(judgeOwn(c, m, u, sheets, base, provinceSheet)));
                case CITY_TOTAL -> verdicts.add(judgeTotal(c, m, sheets, base));
            }
        }
        return verdicts;
    }

    /** A unit judged on its own sheet; B is its own base-period value when it reported one below the target. */
    private ReferenceVerdict judgeOwn(Commitment c, Months m, Unit unit, Map<String, FactSheet> sheets,
                                      Map<String, FactSheet> base, FactSheet provinceSheet) {
        FactSheet sheet = sheets.get(unit.id());
        Object value = sheet == null ? null : valueOn(sheet, c);
        BigDecimal benchmark = null;
        if (c.kind() == Kind.BENCHMARK_MARGIN) {
            benchmark = provinceSheet == null ? null : (BigDecimal) provinceSheet.facts().get(c.metric());
        }
        FactSheet baseSheet = c.kind() == Kind.REACH_BY ? base.get(unit.id()) : null;
        BigDecimal baseValue = baseSheet == null ? null : (BigDecimal) baseSheet.facts().get(c.metric());
        BigDecimal b = baseline(c, baseValue);
        Judged j = value == null ? Judged.NO_DATA : judgeValue(c, m, value, benchmark, b);
        boolean none = j.status() == ReferenceStatus.NO_DATA;
        return new ReferenceVerdict(unit.id(), c.id(), j.status(), none ? null : value,
                j.target(), j.expected(), null, none || !isPaced(c) ? null : b);
    }

    /**
     * B (contract.md, REACH_BY): the base-period value when there is one below the target, else the catalogue's
     * baseline; ANNUAL_AT_LEAST counts from zero.
     */
    private static BigDecimal baseline(Commitment c, BigDecimal baseValue) {
        if (c.kind() == Kind.ANNUAL_AT_LEAST) {
            return BigDecimal.ZERO;
        }
        if (c.kind() != Kind.REACH_BY) {
            return null;
        }
        return baseValue != null && baseValue.compareTo(c.target()) < 0 ? baseValue : c.baseline();
    }

    private static boolean isPaced(Commitment c) {
        return c.kind() == Kind.REACH_BY || c.kind() == Kind.ANNUAL_AT_LEAST;
    }

    /** CITY_TOTAL: the sum over the ten local sheets and the city's, judged once for the city. */
    private ReferenceVerdict judgeTotal(Commitment c, Months m, Map<String, FactSheet> sheets,
                                        Map<String, FactSheet> base) {
        BigDecimal baseSum = null;
        for (Unit u : c.kind() == Kind.REACH_BY ? supervised : List.<Unit>of()) {
            FactSheet sheet = base.get(u.id());
            BigDecimal v = sheet == null ? null : (BigDecimal) sheet.facts().get(c.metric());
            if (v != null) {
                baseSum = baseSum == null ? v : baseSum.add(v);
            }
        }
        BigDecimal b = baseline(c, baseSum);
        BigDecimal sum = null;
        List<String> missing = new ArrayList<>();
        for (Unit u : supervised) {
            FactSheet sheet = sheets.get(u.id());
            BigDecimal v = sheet == null ? null : (BigDecimal) sheet.facts().get(c.metric());
            if (v == null) {
                missing.add(u.id());
            } else {
                sum = sum == null ? v : sum.add(v);
            }
        }
        if (sum == null) {
            return new ReferenceVerdict(city.id(), c.id(), ReferenceStatus.NO_DATA, null, null, null, missing, null);
        }
        Judged j = judgeValue(c, m, sum, null, b);
        return new ReferenceVerdict(city.id(), c.id(), j.status(), sum, j.target(), j.expected(), missing,
                isPaced(c) ? b : null);
    }

    private Judged judgeValue(Commitment c, Months m, Object value, BigDecimal benchmark, BigDecimal b) {
        return switch (c.kind()) {
            case AT_LEAST -> new Judged(((BigDecimal) value).compareTo(c.target()) >= 0
                    ? ReferenceStatus.MET : ReferenceStatus.MISSED, c.target(), null);
            case AT_MOST -> new Judged(((BigDecimal) value).compareTo(c.target()) <= 0
                    ? ReferenceStatus.MET : ReferenceStatus.MISSED, c.target(), null);
            case REACH_BY, ANNUAL_AT_LEAST -> paced(c.target(), b, c.strict(), m, (BigDecimal) value);
            case MILESTONE -> new Judged(milestone(m, (Boolean) value), null, null);
            case BENCHMARK_MARGIN -> benchmark(c, m, (BigDecimal) value, benchmark);
            case PROGRESS -> new Judged(switch (((String) value)) {
                case "DONE" -> ReferenceStatus.MET;
                case "IN_PROGRESS" -> ReferenceStatus.ON_TRACK;
                case "NOT_STARTED" -> ReferenceStatus.AT_RISK;
                case "BLOCKED" -> ReferenceStatus.OFF_TRACK;
                default -> throw new IllegalArgumentException("not a progress status: " + value);
            }, null, null);
        };
    }

    /**
     * REACH_BY and ANNUAL_AT_LEAST. With f = k/n and c = (v − B)/(T − B), gap = f − c is compared as
     * k·(T − B) − n·(v − B) against 0 and against band·n·(T − B), both sides exact (T − B > 0).
     */
    private Judged paced(BigDecimal target, BigDecimal baseline, boolean strict, Months m, BigDecimal value) {
        BigDecimal span = target.subtract(baseline);
        BigDecimal k = BigDecimal.valueOf(m.elapsed());
        BigDecimal n = BigDecimal.valueOf(m.length());
        BigDecimal expected = baseline.add(quotient(span.multiply(k), n));
        int reached = value.compareTo(target);
        if (strict ? reached > 0 : reached >= 0) {
            return new Judged(ReferenceStatus.MET, target, expected);
        }
        if (m.due()) {
            return new Judged(ReferenceStatus.MISSED, target, expected);
        }
        BigDecimal gapTimesNSpan = k.multiply(span).subtract(n.multiply(value.subtract(baseline)));
        ReferenceStatus status;
        if (gapTimesNSpan.signum() <= 0) {
            status = ReferenceStatus.ON_TRACK;
        } else if (gapTimesNSpan.compareTo(yellowBand.multiply(n).multiply(span)) <= 0) {
            status = ReferenceStatus.AT_RISK;
        } else {
            status = ReferenceStatus.OFF_TRACK;
        }
        return new Judged(status, target, expected);
    }

    private ReferenceStatus milestone(Months m, boolean done) {
        if (done) {
            return ReferenceStatus.MET;
        }
        if (m.due()) {
            return ReferenceStatus.MISSED;
        }
        // f >= 0.75 as k >= 0.75·n, exact
        boolean lastQuarter = BigDecimal.valueOf(m.elapsed())
                .compareTo(milestoneLastQuarter.multiply(BigDecimal.valueOf(m.length()))) >= 0;
        return lastQuarter ? ReferenceStatus.AT_RISK : ReferenceStatus.ON_TRACK;
    }

    private Judged benchmark(Commitment c, Months m, BigDecimal value, BigDecimal provincial) {
        if (provincial == null) {
            return Judged.NO_DATA;
        }
        BigDecimal target = provincial.add(c.margin());
        if (value.compareTo(target) >= 0) {
            return new Judged(ReferenceStatus.MET, target, null);
        }
        // the contract says "in December": the month, whatever the window
        return new Judged(m.period().getMonthValue() == 12 ? ReferenceStatus.MISSED : ReferenceStatus.AT_RISK,
                target, null);
    }

    private static BigDecimal quotient(BigDecimal dividend, BigDecimal divisor) {
        try {
            return dividend.divide(divisor);
        } catch (ArithmeticException nonTerminating) {
            return dividend.divide(divisor, NON_TERMINATING);
        }
    }

    /**
     * The value of {@code c} on a sheet: the fact under its metric key, or for PROGRESS the task's reported
     * status name under {@code progress}; null when the sheet lacks it.
     */
    private static Object valueOn(FactSheet sheet, Commitment c) {
        if (c.kind() == Kind.PROGRESS) {
            Progress p = sheet.progress().get(c.metric().substring(PROGRESS_PREFIX.length()));
            return p == null ? null : p.status().name();
        }
        return sheet.facts().get(c.metric());
    }

    /**
     * What {@code unit} owes on its sheet for {@code period}: the value of every commitment judged for it then
     * (LOCAL, FTZ, CITY and ALL, NOT_APPLICABLE ones aside) and every CITY_TOTAL value judged then.
     */
    private List<Commitment> owed(Unit unit, YearMonth period) {
        List<Commitment> owed = new ArrayList<>();
        for (Commitment c : catalogue.commitments()) {
            if (months(c, period).isEmpty()) {
                continue;
            }
            boolean owes = switch (c.scope()) {
                case LOCAL -> unit.kind() == UnitKind.LOCAL;
                case FTZ -> unit.kind() == UnitKind.LOCAL && unit.ftz();
                case CITY -> unit.kind() == UnitKind.CITY;
                case ALL, CITY_TOTAL -> unit.kind() != UnitKind.PROVINCE;
            };
            if (owes) {
                owed.add(c);
            }
        }
        return owed;
    }

    /**
     * The months of the window of {@code c} that contains {@code period}, or empty when {@code c} is not judged
     * then. REACH_BY and MILESTONE go on being judged after their deadline; ANNUAL_AT_LEAST's window is the
     * calendar year of the period.
     */
    private static Optional<Months> months(Commitment c, YearMonth period) {
        boolean outlives = c.kind() == Kind.REACH_BY || c.kind() == Kind.MILESTONE;
        Optional<Window.Span> span = c.window().spanFor(period, outlives);
        if (span.isEmpty()) {
            return Optional.empty();
        }
        YearMonth first = span.get().first();
        YearMonth last = span.get().last();
        if (c.kind() == Kind.ANNUAL_AT_LEAST) {
            first = YearMonth.of(period.getYear(), 1);
            last = YearMonth.of(period.getYear(), 12);
        }
        return Optional.of(new Months(period, first, last));
    }

    /** The judged period inside its window [first, last]; {@code last} is null for an open-ended window. */
    private record Months(YearMonth period, YearMonth first, YearMonth last) {

        /** n: the months in the window. */
        int length() {
            if (last == null) {
                throw new IllegalStateException("an open-ended window has no 序时进度");
            }
            return between(first, last) + 1;
        }

        /** k: the months elapsed up to and including the period, at most n. */
        int elapsed() {
            return Math.min(between(first, period) + 1, length());
        }

        /** In or after the window's last month. */
        boolean due() {
            return last != null && !period.isBefore(last);
        }

        private static int between(YearMonth from, YearMonth to) {
            return (to.getYear() - from.getYear()) * 12 + to.getMonthValue() - from.getMonthValue();
        }
    }

    private record Judged(ReferenceStatus status, BigDecimal target, BigDecimal expected) {
        static final Judged NO_DATA = new Judged(ReferenceStatus.NO_DATA, null, null);
    }
}
