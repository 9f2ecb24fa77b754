package cn.jinhua.ducha.cli;

import java.util.concurrent.Callable;

import cn.jinhua.ducha.alerting.Schedule;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ScheduleOptions options;

    @Override
    public Integer call() throws InterruptedException {
        try (Store store = ducha.openStore()) {
            Schedule schedule = TickCommand.schedule(ducha, store, options);
            ducha.out.printf("定时任务已启动，每 %d 秒一次 / scheduler started, every %d s%n", every, every);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    schedule.tick().forEach(ducha.out::println);
                } catch (RuntimeException e) {
                    // the other jobs of the tick have run; the next tick tries again, as serve's schedule does
                    ducha.err.printf("定时任务失败 / a scheduled job failed: %s%n", e.getMessage());
                }
                Thread.sleep(every * 1000L);
            }
        }
        return 0;
    }
}
