package cn.jinhua.ducha.cli;

import java.math.BigDecimal;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.factsheet.Rejection;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The contract's JSON (contract.md, "What an evaluation prints"), with a few added fields and none changed. */
final class JsonReport {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonReport() {
    }

    static ObjectNode evaluation(Evaluation evaluation, Explanations explanations) {
        ObjectNode root = JSON.createObjectNode();
        root.put("period", evaluation.period().toString());
        root.put("ruleset", evaluation.ruleset());
        ArrayNode verdicts = root.putArray("verdicts");
        for (Verdict v : evaluation.verdicts()) {
            ObjectNode node = verdicts.addObject();
            node.put("unit", v.unit().id());
            node.put("commitment", v.commitment().id());
            node.put("task", v.commitment().taskNumber());
            node.put("status", v.status().name());
            node.put("light", v.light() == null ? null : v.light().name());
            putValue(node, "value", v.value());
            node.put("target", v.target());
            node.put("expected", v.expected());
            node.put("rule", v.rule());
            node.put("explanation", explanations.explain(v));
            if (v.missingUnits() != null) {
                v.missingUnits().forEach(node.putArray("missingUnits")::add);
            }
            evaluation.waiver(v).ifPresent(w -> {
                node.put("waived", true);
                node.put("waiver", w.reason());
            });
        }
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : evaluation.alerts()) {
            ObjectNode node = alerts.addObject();
            node.put("unit", a.unit().id());
            node.put("commitment", a.commitment() == null ? null : a.commitment().id());
            node.put("level", a.level().name());
            node.put("message", explanations.message(a));
            if (a.escalated()) {
                node.put("escalated", true);
            }
            if (!a.missing().isEmpty()) {
                ArrayNode missing = node.putArray("missing");
                a.missing().forEach(c -> missing.add(c.id()));
            }
            node.put("rule", a.rule());
        }
        rejected(root, evaluation.rejected());
        return root;
    }

    static void rejected(ObjectNode root, Iterable<Rejection> rejections) {
        ArrayNode rejected = root.putArray("rejected");
        for (Rejection r : rejections) {
            ObjectNode node = rejected.addObject();
            node.put("source", r.source());
            r.errors().forEach(node.putArray("errors")::add);
        }
    }

    static ObjectNode catalogue(Catalogue catalogue, long covered) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("commitments");
        for (Commitment c : catalogue.commitments()) {
            ObjectNode node = list.addObject();
            node.put("id", c.id());
            node.put("task", c.taskNumber());
            node.put("taskTitle", c.task() == null ? null : c.task().title());
            node.put("area", c.area().name());
            node.put("lead", c.lead());
            node.put("title", c.title());
            node.put("metric", c.metric());
            node.put("kind", c.kind().name());
            node.put("scope", c.scope().name());
            node.put("target", c.target());
            node.put("margin", c.margin());
            node.put("strict", c.strict());
            node.put("unit", c.measure());
            node.put("window", c.window().toString());
            node.put("source", c.source());
        }
        ObjectNode coverage = root.putObject("coverage");
        coverage.put("tasks", catalogue.tasks().size());
        coverage.put("covered", covered);
        return root;
    }

    private static void putValue(ObjectNode node, String field, Object value) {
        if (value instanceof BigDecimal d) {
            node.put(field, d);
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }
}
