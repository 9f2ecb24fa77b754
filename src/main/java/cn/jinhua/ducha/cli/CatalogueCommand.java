package cn.jinhua.ducha.cli;

import java.util.concurrent.Callable;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.evaluation.Explanations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ducha catalogue}: every commitment with its task, kind, target, window, scope and source words. */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
        description = "列出承诺目录 / lists every commitment of the plan, and which tasks have one.")
final class CatalogueCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        Catalogue catalogue = ducha.rulebook().catalogue();
        long covered = catalogue.tasks().stream().filter(t -> !catalogue.commitmentsOf(t).isEmpty()).count();
        if (output.json()) {
            ducha.out.println(JsonReport.JSON.writeValueAsString(JsonReport.catalogue(catalogue, covered)));
            return 0;
        }
        String area = null;
        for (Commitment c : catalogue.commitments()) {
            if (!c.area().name().equals(area)) {
                area = c.area().name();
                ducha.out.printf("%n【%s】牵头 %s%n", area, c.area().lead());
            }
            String target = switch (c.kind()) {
                case MILESTONE -> "完成";
                case PROGRESS -> "报送进展";
                case BENCHMARK_MARGIN -> "全省平均 + " + Explanations.number(c.margin()) + " 个百分点";
                default -> (c.strict() ? "超过 " : "") + Explanations.number(c.target())
                        + (c.measure() == null ? "" : " " + c.measure());
            };
            ducha.out.printf("%-6s 任务%-3s %s · %s · %s · 目标 %s · %s · %s%n    原文: %s%n", c.id(),
                    c.taskNumber() == null ? "-" : c.taskNumber(), c.title(), c.kind().label() + " " + c.kind(),
                    c.scope().label(), target, "窗口 " + c.window().label(), c.metric(), c.source());
        }
        ducha.out.printf("%n覆盖 coverage: %d 项任务中 %d 项有承诺 / %d of %d tasks have commitments%n",
                catalogue.tasks().size(), covered, covered, catalogue.tasks().size());
        return 0;
    }
}
