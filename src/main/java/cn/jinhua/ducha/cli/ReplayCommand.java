package cn.jinhua.ducha.cli;

import java.util.concurrent.Callable;

import cn.jinhua.ducha.store.Judgements;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ducha replay RUN}: re-judges the run's own revisions with its own rules; exit 1 if any verdict differs. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "重放运行 / re-judges a run's stored sheets with its stored rules and reports every difference.")
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Parameters(paramLabel = "RUN", description = "运行编号 / the run's id")
    long run;

    @Override
    public Integer call() {
        try (Store store = ducha.openStore()) {
            Judgements.Replay replay = new Judgements(store).replay(run);
            if (replay.agrees()) {
                ducha.out.printf("重放运行 %d：%d 条结论与预警全部一致 / replayed run %d: all %d verdicts and the alerts agree%n",
                        run, replay.verdicts(), run, replay.verdicts());
                return 0;
            }
            ducha.out.printf("重放运行 %d：%d 处不同 / replayed run %d: %d differences%n", run,
                    replay.differences().size(), run, replay.differences().size());
            replay.differences().forEach(d -> ducha.out.printf("  %s %s %s: 存储 stored %s → 重放 now %s%n",
                    d.unit(), d.commitment(), d.field(), d.stored(), d.now()));
            return Ducha.FAILED;
        }
    }
}
