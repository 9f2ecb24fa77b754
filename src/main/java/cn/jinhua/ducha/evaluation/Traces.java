package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a verdict's or an alert's trace from what it carries: the rule that fired and the facts its match held
 * (captured by the consequence, not by a listener on every insert), each fact described with its fields and, for
 * an observation, the classification step and sheet readings it was made from.
 */
final class Traces {

    /** The name given, in traces, to the classification done in Java ({@link Classification}). */
    static final String CLASSIFIED = "分类 (Java): 报表读数 / classification (Java): the sheets' readings";

    /** The name given, in traces, to the projection done in Java ({@link Projection}). */
    static final String PROJECTED = "预测 (Java): 近三个月进度外推 / projection (Java): the last three months' pace "
            + "carried on";

    private Traces() {
    }

    static Trace of(String rule, List<Object> matched) {
        List<Trace.Fact> facts = new ArrayList<>();
        for (Object o : matched) {
            if (o != null) {
                facts.add(describe(o));
            }
        }
        return new Trace(rule, facts);
    }

    private static Trace.Fact describe(Object o) {
        Map<String, Object> fields = new LinkedHashMap<>();
        String type = o.getClass().getSimpleName();
        Trace derivedBy = null;
        if (o instanceof Judging j) {
            fields.put("period", j.period().toString());
            fields.put("yellowBand", j.yellowBand());
            fields.put("milestoneLastQuarter", j.milestoneLastQuarter());
        } else if (o instanceof Observation obs) {
            fields.put("unit", obs.getUnit().id());
            fields.put("commitment", obs.getCommitmentId());
            fields.put("period", obs.subject().period().toString());
            fields.put("value", plain(obs.value()));
            fields.put("present", obs.isPresent());
            if (obs.benchmark() != null) {
                fields.put("benchmark", plain(obs.benchmark()));
            }
            if (obs.missingUnits() != null) {
                fields.put("missingUnits", obs.missingUnits());
            }
            if (obs.baseline() != null) {
                fields.put("baseline", plain(obs.baseline().value()));
                fields.put("baselineOrigin", obs.baseline().origin().name());
                fields.put("basePeriod", obs.baseline().basePeriod().toString());
            }
            List<Trace.Fact> readings = new ArrayList<>();
            obs.readings().forEach(r -> readings.add(describe(r)));
            derivedBy = new Trace(CLASSIFIED, readings);
        } else if (o instanceof Projection p) {
            fields.put("unit", p.getUnitId());
            fields.put("commitment", p.getCommitmentId());
            fields.put("method", Projection.METHOD);
            fields.put("from", p.from().toString());
            fields.put("fromValue", plain(p.fromValue()));
            fields.put("period", p.period().toString());
            fields.put("value", plain(p.value()));
            fields.put("end", p.end().toString());
            fields.put("projected", plain(p.projected()));
            fields.put("target", plain(p.target()));
            List<Trace.Fact> readings = new ArrayList<>();
            p.readings().forEach(r -> readings.add(describe(r)));
            derivedBy = new Trace(PROJECTED, readings);
        } else if (o instanceof Reading r) {
            fields.put("unit", r.unit());
            fields.put("period", r.period().toString());
            fields.put("metric", r.metric());
            fields.put("value", plain(r.value()));
            fields.put("source", r.source());
        } else if (o instanceof Verdict v) {
            fields.put("unit", v.unit().id());
            fields.put("commitment", v.commitment().id());
            fields.put("status", v.status().name());
            derivedBy = of(v.rule(), v.matched());
        } else if (o instanceof PriorVerdict p) {
            fields.put("unit", p.unit());
            fields.put("commitment", p.commitment());
            fields.put("status", p.status().name());
            derivedBy = of(p.rule(), p.matched());
        } else if (o instanceof NoSheet n) {
            fields.put("unit", n.unit().id());
            fields.put("period", n.period().toString());
        } else if (o instanceof MissingValues m) {
            fields.put("unit", m.unit().id());
            fields.put("period", m.period().toString());
            fields.put("missing", m.missing().stream().map(c -> c.id()).toList());
        } else if (o instanceof OutOfScope s) {
            fields.put("unit", s.unit().id());
            fields.put("scope", s.subjects().isEmpty() ? null : s.subjects().get(0).commitment().scope().name());
        } else {
            fields.put("value", o.toString());
        }
        return new Trace.Fact(type, fields, derivedBy);
    }

    private static Object plain(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value;
    }
}
