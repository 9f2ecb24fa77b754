package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.factsheet.ProgressStatus;

/**
 * Plain Chinese sentences a supervisor can act on: who, which month, the value, the target, and for pace kinds
 * what 序时进度 asks and how far short the value falls.
 */
public final class Explanations {

    private final Catalogue catalogue;

    public Explanations(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Why {@code v} has its status. */
    public String explain(Verdict v) {
        Commitment c = v.commitment();
        String who = v.unit().name() + " " + v.period() + " ";
        String light = "，" + v.status().label() + (v.light() == null ? "" : "（" + v.light().label() + "）");
        return switch (v.status()) {
            case NOT_APPLICABLE -> who + c.label() + "：不在" + c.scope().label() + "范围内，不适用";
            case NO_DATA -> who + noData(v) + light;
            default -> who + judged(v) + missingUnits(v) + light;
        };
    }

    private String noData(Verdict v) {
        Commitment c = v.commitment();
        return switch (c.kind()) {
            case BENCHMARK_MARGIN -> v.noBenchmark()
                    ? "已报" + c.label() + "，但全省平均值未报送，无法比较" : "未报送" + c.label();
            case PROGRESS -> "未报送" + task(c) + "的进展";
            default -> v.missingUnits() != null ? "各单位均未报送" + c.label() : "未报送" + c.label();
        };
    }

    private String judged(Verdict v) {
        Commitment c = v.commitment();
        String value = c.label() + " " + amount(v.value(), c);
        return switch (c.kind()) {
            case AT_LEAST -> value + (v.status() == Status.MET ? " ≥ " : " 低于 ") + amount(c.target(), c);
            case AT_MOST -> value + (v.status() == Status.MET ? " ≤ " : " 超过 ") + amount(c.target(), c);
            case REACH_BY, ANNUAL_AT_LEAST -> paced(v, value);
            case MILESTONE -> milestone(v);
            case BENCHMARK_MARGIN -> value + "，全省平均 " + amount(v.benchmark(), c) + " + " + number(c.margin())
                    + " 个百分点 = " + amount(v.target(), c) + (v.status() == Status.MET ? "，已高出要求" : "，未达要求");
            case PROGRESS -> task(c) + "进展：" + ProgressStatus.valueOf((String) v.value()).label()
                    + (v.span().last() == null ? "" : "（" + deadline(v) + " " + v.span().last() + "）");
        };
    }

    private String paced(Verdict v, String value) {
        Commitment c = v.commitment();
        String target = amount(c.target(), c);
        String reach = c.strict() ? "超过" : "达到";
        if (v.status() == Status.MET) {
            return value + "，已" + reach + "目标 " + target + inferred(v) + baseline(v);
        }
        if (v.status() == Status.MISSED) {
            return value + "，" + deadline(v) + " " + v.span().last() + " 已到，仍未" + reach + "目标 " + target
                    + baseline(v);
        }
        int k = v.span().elapsed(v.period());
        int n = v.span().length();
        BigDecimal b = v.baseline() == null ? BigDecimal.ZERO : v.baseline().value();
        String formula = b.signum() == 0
                ? target + " × " + k + "/" + n
                : amount(b, c) + " + (" + number(c.target()) + " − " + number(b) + ") × " + k + "/" + n;
        String expected = "序时进度应达 " + amount(rounded(v.expected()), c) + "（" + formula + "，" + deadline(v)
                + " " + v.span().last() + "）";
        if (v.status() == Status.ON_TRACK) {
            return value + "，不低于" + expected + baseline(v);
        }
        BigDecimal shortBy = v.expected().subtract((BigDecimal) v.value());
        return value + "，低于" + expected + "，差 " + amount(rounded(shortBy), c) + baseline(v);
    }

    /**
     * Where B came from (contract.md, REACH_BY), for REACH_BY verdicts; empty for ANNUAL_AT_LEAST, which counts
     * from zero every year.
     */
    private String baseline(Verdict v) {
        Baseline b = v.baseline();
        Commitment c = v.commitment();
        if (b == null || c.kind() != Kind.REACH_BY) {
            return "";
        }
        String value = amount(b.value(), c);
        return switch (b.origin()) {
            case OWN_BASE_SHEET -> "；基期值 " + value + "，取自本单位 " + b.basePeriod() + " 报表";
            case UNITS_SUM -> "；基期值 " + value + "，为 " + unitNames(b.units()) + " " + b.basePeriod() + " 报表之和";
            case CATALOGUE -> b.reported() != null
                    ? "；基期 " + b.basePeriod() + " 报送 " + amount(b.reported(), c) + "，不低于目标，不作基期，按目录基期值 "
                    + value
                    : "；基期 " + b.basePeriod() + " 未报送该值，按目录基期值 " + value;
        };
    }

    /** （推定时限 2023-12） where the deadline is inferred, for verdicts whose sentence names no deadline otherwise. */
    private static String inferred(Verdict v) {
        return v.commitment().windowBasis().isInferred() && v.span() != null && v.span().last() != null
                ? "（推定时限 " + v.span().last() + "）" : "";
    }

    /** 时限, or 推定时限 where the seed states no deadline and the catalogue infers it from the plan's schedule. */
    private static String deadline(Verdict v) {
        return v.commitment().windowBasis().isInferred() ? "推定时限" : "时限";
    }

    private String milestone(Verdict v) {
        Commitment c = v.commitment();
        int k = v.span().elapsed(v.period());
        int n = v.span().length();
        return c.label() + switch (v.status()) {
            case MET -> "：已完成" + inferred(v);
            case MISSED -> "：" + deadline(v) + " " + v.span().last() + " 已到，仍未完成";
            case AT_RISK -> "：尚未完成，" + deadline(v) + " " + v.span().last() + "，已进入最后一季度（" + k + "/" + n + "）";
            default -> "：尚未完成，" + deadline(v) + " " + v.span().last() + "（已过 " + k + "/" + n + "）";
        };
    }

    private String missingUnits(Verdict v) {
        if (v.missingUnits() == null || v.missingUnits().isEmpty()) {
            return "";
        }
        return "（" + unitNames(v.missingUnits()) + " 未报送，按已报合计判定）";
    }

    /** The alert's message: what is wrong, who answers for it. */
    public String message(Alert a) {
        String lead = a.commitment() == null ? "" : "。牵头单位：" + a.commitment().lead();
        return switch (a.level()) {
            case DATA -> a.missing().isEmpty()
                    ? "【数据预警】%s %s 应报送报表而未报送".formatted(a.unit().name(), a.period())
                    : "【数据预警】%s %s 报表缺少 %d 项应报数据：%s".formatted(a.unit().name(), a.period(),
                    a.missing().size(), a.missing().stream().map(c -> c.id() + " " + describe(c))
                            .collect(Collectors.joining("、")));
            case YELLOW -> "【黄色预警】" + explain(a.verdict()) + lead;
            case RED -> a.escalated()
                    ? "【红色预警·连续两月滞后】" + explain(a.verdict()) + "；上月已滞后，本月仍未赶上" + lead
                    : "【红色预警】" + explain(a.verdict()) + lead;
        };
    }

    /**
     * The forecast's message in Chinese: 按近三个月进度（2023-06 52 项 → 2023-09 72 项），预计年底（2023-12）达 92 项，
     * 低于目标 100 项，差 8 项, with the light now and the lead unit.
     */
    public String message(Forecast f) {
        Projection p = f.projection();
        Commitment c = f.commitment();
        Verdict v = f.verdict();
        String history = p.from() + " " + amount(p.fromValue(), c) + " → " + p.period() + " " + amount(p.value(), c);
        String pace = (p.pace().signum() < 0 ? "减少 " : "增加 ") + amount(rounded(p.pace().toDecimal().abs()), c);
        String end = (p.end().getMonthValue() == 12 ? "年底" : "期末") + "（"
                + (c.windowBasis().isInferred() ? "推定时限 " : "") + p.end() + "）";
        return "【" + Forecast.LABEL + "】" + f.unit().name() + " " + f.period() + " " + c.label() + "：按近三个月进度（"
                + history + "，月均" + pace + "），预计" + end + "达 " + amount(rounded(p.projected()), c) + "，"
                + (c.strict() ? "未超过" : "低于") + "目标 " + amount(c.target(), c) + "，差 "
                + amount(rounded(p.shortfall()), c) + "；目前" + v.status().label() + "（" + v.light().label()
                + "）。牵头单位：" + c.lead();
    }

    /** The forecast's message in English, for the second line: what the Chinese says, in fewer words. */
    public String messageEn(Forecast f) {
        Projection p = f.projection();
        Commitment c = f.commitment();
        String pct = "%".equals(c.measure()) ? "%" : "";
        return "[forecast] " + f.unit().id() + " " + f.period() + " " + c.id() + ": at the last three months' pace ("
                + p.from() + " " + number(p.fromValue()) + pct + " → " + p.period() + " " + number(p.value()) + pct
                + "), " + number(rounded(p.projected())) + pct + " by " + p.end() + ", "
                + number(rounded(p.shortfall())) + pct + " short of the target " + number(c.target()) + pct + " ("
                + f.verdict().status().name() + " now)";
    }

    private String unitNames(List<String> ids) {
        return ids.stream().map(id -> catalogue.unit(id).map(Unit::name).orElse(id)).collect(Collectors.joining("、"));
    }

    /** What a commitment measures, in a few words: its label, or for progress the task it reports on. */
    private static String describe(Commitment c) {
        if (!c.isProgress()) {
            return c.label();
        }
        return c.isGeneralWork() ? "面上工作" + c.progressCode() + "进展" : "任务" + c.taskNumber() + "进展";
    }

    /** 任务5「深化“全域通办”」, or for a general work 面上工作M1「以新时代机关效能革命转作风强保障」. */
    private static String task(Commitment c) {
        return c.isGeneralWork() ? "面上工作" + c.progressCode() + "「" + c.source() + "」"
                : "任务" + c.taskNumber() + "「" + c.task().title() + "」";
    }

    private static String amount(Object value, Commitment c) {
        if (!(value instanceof BigDecimal d)) {
            return String.valueOf(value);
        }
        String m = c.measure();
        if (m == null) {
            return number(d);
        }
        return m.equals("%") ? number(d) + "%" : number(d) + " " + m;
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
