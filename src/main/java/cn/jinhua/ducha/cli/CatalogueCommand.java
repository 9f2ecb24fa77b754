package cn.jinhua.ducha.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.NotJudged;
import cn.jinhua.ducha.catalogue.WindowBasis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha catalogue}: every commitment with its task, kind, target, window (stated or inferred), scope and
 * source words; the coverage of the plan; and the parts of the seed that are not judged.
 */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
        description = "列出承诺目录、覆盖情况与不评判的内容 / lists every commitment of the plan, what it covers and what "
                + "it does not judge.")
final class CatalogueCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        Catalogue catalogue = ducha.rulebook().catalogue();
        if (output.json()) {
            ducha.out.println(JsonReport.JSON.writeValueAsString(CatalogueReport.json(catalogue)));
            return 0;
        }
        String area = null;
        Map<String, WindowBasis> inferred = new LinkedHashMap<>();
        for (Commitment c : catalogue.commitments()) {
            if (!c.area().name().equals(area)) {
                area = c.area().name();
                ducha.out.printf("%n【%s】牵头 %s%n", area, c.area().lead());
            }
            if (c.windowBasis().isInferred()) {
                inferred.putIfAbsent(c.windowBasis().name(), c.windowBasis());
            }
            ducha.out.printf("%-6s 任务%-3s %s · %s · %s · 目标 %s · %s · %s%n    原文: %s%n", c.id(),
                    c.taskNumber() == null ? "-" : c.taskNumber(), c.title(), c.kind().label() + " " + c.kind(),
                    c.scope().label(), CatalogueReport.target(c), "窗口 " + CatalogueReport.window(c), c.metric(),
                    c.source());
        }
        ducha.out.printf("%n推定时限 / inferred windows%n");
        inferred.forEach((name, basis) -> ducha.out.printf("  %s: %s%n", name, basis.reason()));
        ducha.out.printf("%n不评判的内容 / not judged%n");
        for (NotJudged n : catalogue.notJudged()) {
            ducha.out.printf("  [%s] %s：“%s”%n    %s%n", n.reason().label(), n.where(), n.words(), n.note());
        }
        ducha.out.printf("%n%s%n", catalogue.coverage().summary());
        return 0;
    }
}
