package cn.jinhua.ducha.cli;

import java.util.concurrent.Callable;

import cn.jinhua.ducha.alerting.Schedule;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha scheduler}: runs the schedule every minute until stopped. Several instances may share one
 * PostgreSQL: each job takes a ShedLock lock and runs once.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "定时任务常驻进程 / runs the scheduled jobs every --every seconds until stopped.")
final class SchedulerCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Option(names = "--every", defaultValue = "60", description = "间隔秒数 / seconds between ticks (default: 60)")
    int every;

    @Option(names = "--deadline-day", defaultValue = "25",
            description = "报送截止日(次月) / day of the following month sheets are due (default: 25)")
    int deadlineDay;

    @Option(names = "--reminder-days", defaultValue = "3",
            description = "截止前几天催报 / days before the deadline to remind (default: 3)")
    int reminderDays;

    @Override
    public Integer call() throws InterruptedException {
        try (Store store = ducha.openStore()) {
            TickCommand tick = new TickCommand();
            tick.ducha = ducha;
            tick.deadlineDay = deadlineDay;
            tick.reminderDays = reminderDays;
            Schedule schedule = tick.schedule(store);
            ducha.out.printf("定时任务已启动，每 %d 秒一次 / scheduler started, every %d s%n", every, every);
            while (!Thread.currentThread().isInterrupted()) {
                schedule.tick().forEach(ducha.out::println);
                Thread.sleep(every * 1000L);
            }
        }
        return 0;
    }
}
