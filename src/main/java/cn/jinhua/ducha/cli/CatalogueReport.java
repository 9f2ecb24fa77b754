package cn.jinhua.ducha.cli;

import java.math.BigDecimal;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Coverage;
import cn.jinhua.ducha.catalogue.NotJudged;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalogue as {@code catalogue --format json} prints it: every commitment with the seed's words and the basis of
 * its window, the coverage of the plan, and what the catalogue does not judge; and the words the table and
 * {@code rule} use for a commitment's target and window.
 */
final class CatalogueReport {

    private CatalogueReport() {
    }

    static ObjectNode json(Catalogue catalogue) {
        ObjectNode root = JsonReport.JSON.createObjectNode();
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
            node.put("windowBasis", c.windowBasis().basis().name());
            node.put("windowBasisReason", c.windowBasis().reason());
            node.put("source", c.source());
            node.put("rule", c.ruleName());
        }
        Coverage coverage = catalogue.coverage();
        ObjectNode counts = root.putObject("coverage");
        counts.put("tasks", coverage.tasks());
        counts.put("covered", coverage.covered());
        counts.put("numeric", coverage.numeric().size());
        counts.put("progressOnly", coverage.progressOnly().size());
        coverage.numeric().forEach(counts.putArray("numericTasks")::add);
        coverage.progressOnly().forEach(counts.putArray("progressOnlyTasks")::add);
        counts.put("generalWorks", coverage.generalWorks());
        counts.put("notJudged", coverage.notJudged());
        counts.put("summary", coverage.summary());
        ArrayNode notJudged = root.putArray("notJudged");
        for (NotJudged n : catalogue.notJudged()) {
            ObjectNode node = notJudged.addObject();
            node.put("words", n.words());
            node.put("task", n.taskNumber());
            node.put("section", n.section());
            node.put("reason", n.reason().name());
            node.put("reasonLabel", n.reason().label());
            node.put("note", n.note());
        }
        return root;
    }

    /** The target as people read it: 完成, 报送进展, 全省平均 + 3 个百分点, 超过 140 亿元, 162 项. */
    static String target(Commitment c) {
        return switch (c.kind()) {
            case MILESTONE -> "完成";
            case PROGRESS -> "报送进展";
            case BENCHMARK_MARGIN -> "全省平均 + " + plain(c.margin()) + " 个百分点";
            default -> (c.strict() ? "超过 " : "") + plain(c.target()) + (c.measure() == null ? "" : " " + c.measure());
        };
    }

    /** The window with its basis: 2023年 (推定时限), or 2023年 for a stated one. */
    static String window(Commitment c) {
        return c.window().label() + (c.windowBasis().isInferred() ? " (" + c.windowBasis().label() + ")" : "");
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
