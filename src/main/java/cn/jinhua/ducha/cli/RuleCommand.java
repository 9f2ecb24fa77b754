package cn.jinhua.ducha.cli;

import java.util.concurrent.Callable;

import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.rulebook.Rulebook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha rule ID}: where a commitment is judged, in one command: its catalogue entry, the seed's words, and the
 * rule that judges it exactly as compiled (a kind's template expanded for this commitment).
 */
@Command(name = "rule", mixinStandardHelpOptions = true,
        description = "显示某项承诺的目录条目、原文与评判它的规则 / shows a commitment's catalogue entry, the seed's words "
                + "and the compiled rule that judges it.")
final class RuleCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Parameters(paramLabel = "ID", description = "承诺编号，如 T05.1、M1.P / the commitment's id, e.g. T05.1, M1.P")
    String id;

    @Override
    public Integer call() {
        Rulebook rulebook = ducha.rulebook();
        Commitment c = rulebook.catalogue().commitment(id).orElseThrow(() -> new IllegalArgumentException(
                "未知承诺 \"%s\"(如 T05.1、M1.P，见 ducha catalogue) / unknown commitment \"%s\" (e.g. T05.1, M1.P; see "
                        .formatted(id, id) + "ducha catalogue)"));
        ducha.out.printf("%s%n", c.ruleName());
        ducha.out.printf("任务 task:      %s%n", c.task() == null ? c.area().name()
                : "%d %s".formatted(c.taskNumber(), c.task().title()));
        ducha.out.printf("牵头 lead:      %s%n", c.lead());
        ducha.out.printf("类型 kind:      %s %s%n", c.kind().label(), c.kind());
        ducha.out.printf("范围 scope:     %s %s%n", c.scope().label(), c.scope());
        ducha.out.printf("目标 target:    %s%n", CatalogueReport.target(c));
        if (c.kind().isPaced()) {
            ducha.out.printf("基线 baseline:  目录基线 %s，基期报表的值低于目标时以之为准 / the catalogue's %s, unless a "
                    + "base-period sheet gives a value below the target%n", c.baseline().toPlainString(),
                    c.baseline().toPlainString());
        }
        ducha.out.printf("窗口 window:    %s (%s) · %s%n", c.window().label(), c.window(), c.windowBasis().isInferred()
                ? "推定时限 INFERRED: " + c.windowBasis().reason() : "原文写明 STATED / stated by the seed");
        ducha.out.printf("指标 metric:    %s%n", c.metric());
        ducha.out.printf("原文 seed:      “%s”%n", c.source());
        ducha.out.printf("%n规则 rule, as compiled:%n%s%n", rulebook.ruleText(c.ruleName()).orElseThrow(() ->
                new IllegalStateException("规则 \"%s\" 不在编译后的规则中 / no compiled rule named \"%s\""
                        .formatted(c.ruleName(), c.ruleName()))));
        return 0;
    }
}
