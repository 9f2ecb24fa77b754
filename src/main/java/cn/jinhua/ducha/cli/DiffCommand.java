package cn.jinhua.ducha.cli;

import java.util.concurrent.Callable;

import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ducha diff RUN_A RUN_B}: the verdicts whose status changed, and whether facts, rules or both did. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "比较两次运行 / lists the verdicts whose status changed between two runs, and why.")
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "较早的运行 / the earlier run")
    long before;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "较晚的运行 / the later run")
    long after;

    @Override
    public Integer call() {
        try (Store store = ducha.openStore()) {
            Judgements.Diff diff = new Judgements(store).diff(before, after);
            ducha.out.printf("运行 %d → %d：规则%s / run %d → %d: rules %s%n", before, after,
                    diff.rulesChanged() ? "已变化" : "未变", before, after, diff.rulesChanged() ? "changed" : "unchanged");
            ducha.out.printf("%d 条结论状态变化 / %d verdicts changed status%n", diff.changes().size(),
                    diff.changes().size());
            for (Judgements.Change c : diff.changes()) {
                String why = c.factsChanged() && c.rulesChanged() ? "事实与规则均变化 facts and rules changed"
                        : c.factsChanged() ? "事实变化 facts changed"
                        : c.rulesChanged() ? "规则变化 rules changed" : "事实与规则均未变 neither changed";
                ducha.out.printf("  %-9s %-6s %s → %s  （%s）%n", c.unit(), c.commitment(), c.before(), c.after(), why);
            }
        }
        return 0;
    }
}
