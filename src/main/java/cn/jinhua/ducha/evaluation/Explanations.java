package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.factsheet.ProgressStatus;

/**
 * Plain sentences a supervisor can act on: who, which month, the value, the target, and for pace kinds what
 * 序时进度 asks and how far short the value falls. Chinese first (the contract's {@code explanation} and
 * {@code message}); the same sentence in English from the same message keys ({@link Wording}). The methods without
 * a locale give the Chinese.
 */
public final class Explanations {

    private final Catalogue catalogue;

    public Explanations(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Why {@code v} has its status, in Chinese. */
    public String explain(Verdict v) {
        return explain(v, Wording.CHINESE);
    }

    /** Why {@code v} has its status, in the locale's language (English, else Chinese). */
    public String explain(Verdict v, Locale locale) {
        return explain(v, Wording.of(locale));
    }

    private String explain(Verdict v, Wording w) {
        Commitment c = v.commitment();
        String unit = unit(v.unit(), w);
        String period = v.period().toString();
        if (v.status() == Status.NOT_APPLICABLE) {
            return w.format("explanation.notApplicable", unit, period, label(c, w),
                    w.name("scope." + c.scope().name(), c.scope().label(), c.scope().name()));
        }
        String body = v.status() == Status.NO_DATA ? noData(v, w) : judged(v, w);
        String missing = v.status() == Status.NO_DATA ? "" : missingUnits(v, w);
        return w.format("explanation.verdict", unit, period, body, missing,
                w.format("explanation.status", status(v.status(), w), light(v.light(), w)));
    }

    private String noData(Verdict v, Wording w) {
        Commitment c = v.commitment();
        return switch (c.kind()) {
            case BENCHMARK_MARGIN -> w.format(v.noBenchmark() ? "explanation.noData.noBenchmark" : "explanation.noData",
                    label(c, w));
            case PROGRESS -> w.format("explanation.noData.progress", task(c, w));
            default -> w.format(v.missingUnits() != null ? "explanation.noData.cityTotal" : "explanation.noData",
                    label(c, w));
        };
    }

    private String judged(Verdict v, Wording w) {
        Commitment c = v.commitment();
        boolean met = v.status() == Status.MET;
        String value = w.format("explanation.value", label(c, w), amount(v.value(), c, w));
        String target = amount(c.target(), c, w);
        return switch (c.kind()) {
            case AT_LEAST -> w.format(met ? "explanation.atLeast.met" : "explanation.atLeast.missed", value, target);
            case AT_MOST -> w.format(met ? "explanation.atMost.met" : "explanation.atMost.missed", value, target);
            case REACH_BY, ANNUAL_AT_LEAST -> paced(v, value, w);
            case MILESTONE -> milestone(v, w);
            case BENCHMARK_MARGIN -> w.format(met ? "explanation.benchmark.met" : "explanation.benchmark.short", value,
                    amount(v.benchmark(), c, w), number(c.margin()), amount(v.target(), c, w));
            case PROGRESS -> {
                ProgressStatus p = ProgressStatus.valueOf((String) v.value());
                String reported = w.name("progress." + p.name(), p.label(), p.name());
                yield v.span().last() == null
                        ? w.format("explanation.progress", task(c, w), reported)
                        : w.format("explanation.progress.deadline", task(c, w), reported, deadline(v, w),
                        String.valueOf(v.span().last()));
            }
        };
    }

    private String paced(Verdict v, String value, Wording w) {
        Commitment c = v.commitment();
        String target = amount(c.target(), c, w);
        String strict = c.strict() ? ".strict" : "";
        if (v.status() == Status.MET) {
            return w.format("explanation.paced.met" + strict, value, target, inferred(v, w), baseline(v, w));
        }
        String last = String.valueOf(v.span().last());
        if (v.status() == Status.MISSED) {
            return w.format("explanation.paced.missed" + strict, value, deadline(v, w), last, target,
                    baseline(v, w));
        }
        String k = String.valueOf(v.span().elapsed(v.period()));
        String n = String.valueOf(v.span().length());
        BigDecimal b = v.baseline() == null ? BigDecimal.ZERO : v.baseline().value();
        String formula = b.signum() == 0
                ? w.format("explanation.formula", target, k, n)
                : w.format("explanation.formula.baseline", amount(b, c, w), number(c.target()), number(b), k, n);
        String expected = w.format("explanation.expected", amount(rounded(v.expected()), c, w), formula,
                deadline(v, w), last);
        if (v.status() == Status.ON_TRACK) {
            return w.format("explanation.paced.onTrack", value, expected, baseline(v, w));
        }
        BigDecimal shortBy = v.expected().subtract((BigDecimal) v.value());
        return w.format("explanation.paced.behind", value, expected, amount(rounded(shortBy), c, w),
                baseline(v, w));
    }

    /**
     * Where B came from (contract.md, REACH_BY), for REACH_BY verdicts; empty for ANNUAL_AT_LEAST, which counts
     * from zero every year.
     */
    private String baseline(Verdict v, Wording w) {
        Baseline b = v.baseline();
        Commitment c = v.commitment();
        if (b == null || c.kind() != Kind.REACH_BY) {
            return "";
        }
        String value = amount(b.value(), c, w);
        String base = b.basePeriod().toString();
        return switch (b.origin()) {
            case OWN_BASE_SHEET -> w.format("explanation.baseline.own", value, base);
            case UNITS_SUM -> w.format("explanation.baseline.sum", value, unitNames(b.units(), w), base);
            case CATALOGUE -> b.reported() != null
                    ? w.format("explanation.baseline.notUsed", base, amount(b.reported(), c, w), value)
                    : w.format("explanation.baseline.catalogue", base, value);
        };
    }

    /** （推定时限 2023-12） where the deadline is inferred, for verdicts whose sentence names no deadline otherwise. */
    private static String inferred(Verdict v, Wording w) {
        return v.commitment().windowBasis().isInferred() && v.span() != null && v.span().last() != null
                ? w.format("explanation.inferred", String.valueOf(v.span().last())) : "";
    }

    /** 时限, or 推定时限 where the seed states no deadline and the catalogue infers it from the plan's schedule. */
    private static String deadline(Verdict v, Wording w) {
        return w.format(v.commitment().windowBasis().isInferred() ? "explanation.deadline.inferred"
                : "explanation.deadline");
    }

    private String milestone(Verdict v, Wording w) {
        Commitment c = v.commitment();
        String label = label(c, w);
        String k = String.valueOf(v.span().elapsed(v.period()));
        String n = String.valueOf(v.span().length());
        String last = String.valueOf(v.span().last());
        return switch (v.status()) {
            case MET -> w.format("explanation.milestone.met", label, inferred(v, w));
            case MISSED -> w.format("explanation.milestone.missed", label, deadline(v, w), last);
            case AT_RISK -> w.format("explanation.milestone.lastQuarter", label, deadline(v, w), last, k, n);
            default -> w.format("explanation.milestone.open", label, deadline(v, w), last, k, n);
        };
    }

    private String missingUnits(Verdict v, Wording w) {
        if (v.missingUnits() == null || v.missingUnits().isEmpty()) {
            return "";
        }
        return w.format("explanation.missingUnits", unitNames(v.missingUnits(), w));
    }

    /** The alert's message in Chinese: what is wrong, who answers for it. */
    public String message(Alert a) {
        return message(a, Wording.CHINESE);
    }

    /** The alert's message in the locale's language (English, else Chinese). */
    public String message(Alert a, Locale locale) {
        return message(a, Wording.of(locale));
    }

    private String message(Alert a, Wording w) {
        String lead = a.commitment() == null ? "" : w.format("alert.lead", lead(a.commitment(), w));
        String unit = unit(a.unit(), w);
        String period = a.period().toString();
        return switch (a.level()) {
            case DATA -> a.missing().isEmpty()
                    ? w.format("alert.data.noSheet", unit, period)
                    : w.format("alert.data.missing", unit, period, String.valueOf(a.missing().size()),
                    a.missing().stream().map(c -> w.format("alert.data.item", c.id(), describe(c, w)))
                            .collect(Collectors.joining(w.format("list.separator"))));
            case YELLOW -> w.format("alert.yellow", explain(a.verdict(), w), lead);
            case RED -> w.format(a.escalated() ? "alert.red.escalated" : "alert.red", explain(a.verdict(), w), lead);
        };
    }

    /**
     * The forecast's message in Chinese: 按近三个月进度（2023-06 52 项 → 2023-09 72 项），预计年底（2023-12）达 92 项，
     * 低于目标 100 项，差 8 项, with the light now and the lead unit.
     */
    public String message(Forecast f) {
        return message(f, Wording.CHINESE);
    }

    /** The forecast's message in the locale's language (English, else Chinese). */
    public String message(Forecast f, Locale locale) {
        return message(f, Wording.of(locale));
    }

    private String message(Forecast f, Wording w) {
        Projection p = f.projection();
        Commitment c = f.commitment();
        Verdict v = f.verdict();
        String history = w.format("forecast.history", p.from().toString(), amount(p.fromValue(), c, w),
                p.period().toString(), amount(p.value(), c, w));
        String pace = w.format(p.pace().signum() < 0 ? "forecast.pace.down" : "forecast.pace.up",
                amount(rounded(p.pace().toDecimal().abs()), c, w));
        String endMonth = c.windowBasis().isInferred()
                ? w.format("forecast.end.inferred", p.end().toString()) : p.end().toString();
        String end = w.format(p.end().getMonthValue() == 12 ? "forecast.end.year" : "forecast.end.window", endMonth);
        return w.format(c.strict() ? "forecast.message.strict" : "forecast.message", unit(f.unit(), w),
                f.period().toString(), label(c, w), history, pace, end, amount(rounded(p.projected()), c, w),
                amount(c.target(), c, w), amount(rounded(p.shortfall()), c, w), status(v.status(), w),
                light(v.light(), w), lead(c, w));
    }

    private String unitNames(List<String> ids, Wording w) {
        return ids.stream()
                .map(id -> catalogue.unit(id).map(u -> unit(u, w)).orElse(id))
                .collect(Collectors.joining(w.format("list.separator")));
    }

    private static String unit(Unit u, Wording w) {
        return w.name("unit." + u.id(), u.name(), u.id());
    }

    /** What the commitment's metric measures; in English without a name, the metric key. */
    private static String label(Commitment c, Wording w) {
        return w.name("commitment." + c.id(), c.label(), c.metric());
    }

    private static String lead(Commitment c, Wording w) {
        return w.name("lead." + c.lead(), c.lead(), c.lead());
    }

    private static String status(Status s, Wording w) {
        return w.name("status." + s.name(), s.label(), s.name());
    }

    private static String light(Light l, Wording w) {
        return w.name("light." + l.name(), l.label(), l.name());
    }

    /** What a commitment measures, in a few words: its label, or for progress the task it reports on. */
    private static String describe(Commitment c, Wording w) {
        if (!c.isProgress()) {
            return label(c, w);
        }
        return c.isGeneralWork() ? w.format("alert.data.generalWorkProgress", c.progressCode())
                : w.format("alert.data.taskProgress", String.valueOf(c.taskNumber()));
    }

    /** 任务5「深化“全域通办”」, or for a general work 面上工作M1「以新时代机关效能革命转作风强保障」. */
    private static String task(Commitment c, Wording w) {
        return c.isGeneralWork()
                ? w.format("explanation.generalWork", c.progressCode(),
                w.name("work." + c.progressCode(), c.source(), c.metric()))
                : w.format("explanation.task", String.valueOf(c.taskNumber()),
                w.name("task." + c.taskNumber(), c.task().title(), c.metric()));
    }

    /** An amount with its measure: 93.5%, 76 天 (76 days); a value that is not a number as it is. */
    private static String amount(Object value, Commitment c, Wording w) {
        if (!(value instanceof BigDecimal d)) {
            return String.valueOf(value);
        }
        String m = c.measure();
        if (m == null) {
            return number(d);
        }
        if (m.equals("%")) {
            return w.format("amount.percent", number(d));
        }
        String measure = w.name("measure." + m, m, "");
        // a measure English counts in other units (亿元 in billions) moves the decimal point, exactly
        String shift = w.englishName("shift." + m);
        BigDecimal shown = shift == null ? d : d.movePointRight(Integer.parseInt(shift));
        return measure.isEmpty() ? number(shown) : w.format("amount.measure", number(shown), measure);
    }

    /** A decimal exactly, as people write it: no exponent, no trailing zeros. */
    public static String number(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /**
     * A computed decimal (an expectation such as 5,900,000 × 10/12, a shortfall) rounded for reading, never for
     * judging: two decimal places, or two significant digits below 0.01.
     */
    private static BigDecimal rounded(BigDecimal d) {
        if (d.scale() <= 2) {
            return d;
        }
        BigDecimal two = d.setScale(2, RoundingMode.HALF_EVEN);
        return two.signum() != 0 ? two : d.round(new MathContext(2, RoundingMode.HALF_EVEN));
    }
}
