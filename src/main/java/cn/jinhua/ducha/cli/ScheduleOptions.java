package cn.jinhua.ducha.cli;

import java.time.Duration;

import cn.jinhua.ducha.alerting.Schedule;
import picocli.CommandLine.Option;

/** The schedule's settings, shared by {@code tick} and {@code scheduler}. */
final class ScheduleOptions {

    @Option(names = "--deadline-day", defaultValue = "25",
            description = "报送截止日(次月) / day of the following month sheets are due (default: 25)")
    int deadlineDay;

    @Option(names = "--reminder-days", defaultValue = "3",
            description = "截止前几天催报 / days before the deadline to remind (default: 3)")
    int reminderDays;

    Schedule.Settings settings(int rectificationDays) {
        return new Schedule.Settings(deadlineDay, reminderDays, Duration.ofDays(rectificationDays));
    }
}
