package cn.jinhua.ducha.evaluation;

import java.util.List;
import java.util.Map;

/**
 * Why a fact exists, as the engine recorded it while firing (not reconstructed afterwards): the rule that inserted
 * it and the facts that rule matched, each with its own trace where a rule derived it.
 */
public record Trace(String rule, List<Fact> matched) {

    public Trace {
        matched = List.copyOf(matched);
    }

    /**
     * One matched fact: its type, its fields as plain values, and the trace of the rule that derived it (null for
     * facts inserted from the sheets, the catalogue or the period).
     */
    public record Fact(String type, Map<String, Object> fields, Trace derivedBy) {
    }
}
