package cn.jinhua.ducha.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import cn.jinhua.ducha.alerting.Schedule;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ducha tick}: does once whatever the schedule has due now (for cron, or by hand). */
@Command(name = "tick", mixinStandardHelpOptions = true,
        description = "执行到期的定时任务一次 / runs the due scheduled jobs once: monthly evaluation, reminders, "
                + "escalation, deliveries.")
final class TickCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Mixin
    ScheduleOptions options;

    Schedule schedule(Store store) {
        return schedule(ducha, store, options);
    }

    static Schedule schedule(Ducha ducha, Store store, ScheduleOptions options) {
        // the rules are compiled on first need and kept: a scheduler ticks every minute
        Rulebook[] once = new Rulebook[1];
        Supplier<Rulebook> rulebook = () -> once[0] != null ? once[0] : (once[0] = ducha.rulebook());
        return new Schedule(store, rulebook, options.settings(ducha.rectificationDays),
                ducha.webhooks(store), WebhooksCommand.client(), options.jobs(ducha, store));
    }

    @Override
    public Integer call() {
        try (Store store = ducha.openStore()) {
            List<String> done = schedule(store).tick();
            done.forEach(ducha.out::println);
            if (done.isEmpty()) {
                ducha.out.println("无到期任务 / nothing was due");
            }
        }
        return 0;
    }
}
