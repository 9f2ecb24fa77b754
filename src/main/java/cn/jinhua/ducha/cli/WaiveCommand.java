package cn.jinhua.ducha.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.alerting.Waivers;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ducha waive}: exempts a (unit, commitment) for a range of periods; {@code waive list} lists waivers. */
@Command(name = "waive", mixinStandardHelpOptions = true,
        description = "豁免 / waives a unit's commitment for a range of periods, with a reason and an expiry.",
        subcommands = WaiveCommand.ListWaivers.class)
final class WaiveCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Option(names = "--unit", description = "单位 id / the unit")
    String unit;

    @Option(names = "--commitment", description = "承诺编号 / the commitment, e.g. T05.1")
    String commitment;

    @Option(names = "--from", paramLabel = "YYYY-MM", description = "起始月份 / first period")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM", description = "结束月份 / last period")
    String to;

    @Option(names = "--reason", description = "理由 / the reason")
    String reason;

    @Option(names = "--expires", paramLabel = "YYYY-MM-DD",
            description = "失效日期 / the day after which it no longer applies")
    LocalDate expires;

    @Override
    public Integer call() {
        if (unit == null || commitment == null || from == null || to == null || reason == null || expires == null) {
            throw new IllegalArgumentException("豁免须给出 --unit --commitment --from --to --reason --expires / "
                    + "a waiver needs --unit, --commitment, --from, --to, --reason and --expires");
        }
        try (Store store = ducha.openStore()) {
            var catalogue = ducha.rulebook().catalogue();
            if (catalogue.unit(unit).isEmpty() || catalogue.commitment(commitment).isEmpty()) {
                throw new IllegalArgumentException("未知单位或承诺 / unknown unit or commitment: %s %s"
                        .formatted(unit, commitment));
            }
            Waivers.Granted w = new Waivers(store).grant(catalogue.unit(unit).get().id(), commitment,
                    EvaluateCommand.period(from), EvaluateCommand.period(to), Ducha.text("--reason", reason), expires,
                    ducha.actor());
            ducha.out.printf("已豁免 waiver %d: %s %s %s..%s，至 %s 失效 / until %s · %s%n", w.id(), w.unit(),
                    w.commitment(), w.from(), w.to(), w.expires(), w.expires(), w.reason());
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "列出豁免 / lists the waivers.")
    static final class ListWaivers implements Callable<Integer> {

        @ParentCommand
        WaiveCommand waive;

        @Override
        public Integer call() {
            Ducha ducha = waive.ducha;
            try (Store store = ducha.openStore()) {
                LocalDate today = LocalDate.now(cn.jinhua.ducha.alerting.Supervision.ZONE);
                for (Waivers.Granted w : new Waivers(store).list()) {
                    ducha.out.printf("#%d %s %s %s..%s · 至 %s%s · %s · %s%n", w.id(), w.unit(), w.commitment(),
                            w.from(), w.to(), w.expires(), today.isAfter(w.expires()) ? "（已失效 expired）" : "",
                            w.reason(), w.grantedBy());
                }
            }
            return 0;
        }
    }
}
