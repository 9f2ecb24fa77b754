package cn.jinhua.ducha.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import cn.jinhua.ducha.alerting.Schedule;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ducha tick}: does once whatever the schedule has due now (for cron, or by hand). */
@Command(name = "tick", mixinStandardHelpOptions = true,
        description = "执行到期的定时任务一次 / runs the due scheduled jobs once: monthly evaluation, reminders, "
                + "escalation, deliveries.")
final class TickCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Option(names = "--deadline-day", defaultValue = "25",
            description = "报送截止日(次月) / day of the following month sheets are due (default: 25)")
    int deadlineDay;

    @Option(names = "--reminder-days", defaultValue = "3",
            description = "截止前几天催报 / days before the deadline to remind (default: 3)")
    int reminderDays;

    Schedule schedule(Store store) {
        // the rules are compiled on first need and kept: a scheduler ticks every minute
        Rulebook[] once = new Rulebook[1];
        Supplier<Rulebook> rulebook = () -> once[0] != null ? once[0] : (once[0] = ducha.rulebook());
        return new Schedule(store, rulebook,
                new Schedule.Settings(deadlineDay, reminderDays, Duration.ofDays(ducha.rectificationDays)),
                WebhooksCommand.client());
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
