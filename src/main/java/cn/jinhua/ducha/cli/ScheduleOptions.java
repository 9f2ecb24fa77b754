package cn.jinhua.ducha.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import cn.jinhua.ducha.alerting.Schedule;
import cn.jinhua.ducha.brief.ScheduledBriefs;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Option;

/** The schedule's settings, shared by {@code tick} and {@code scheduler}. */
final class ScheduleOptions {

    @Option(names = "--deadline-day", defaultValue = "25",
            description = "报送截止日(次月) / day of the following month sheets are due (default: 25)")
    int deadlineDay;

    @Option(names = "--reminder-days", defaultValue = "3",
            description = "截止前几天催报 / days before the deadline to remind (default: 3)")
    int reminderDays;

    @Option(names = "--from", paramLabel = "YYYY-MM", defaultValue = "2023-01",
            description = "定时评判的起始月份(且不早于库中最早的报表) / the first period the schedule judges, and none "
                    + "before the first stored sheet (default: 2023-01)")
    String from;

    @Option(names = "--briefs", paramLabel = "DIR",
            description = "例会通报输出目录：每月 --brief-days 日生成最新评判月份的 Word 与 Excel 通报 / write the meeting "
                    + "brief of the newest judged period into DIR on the --brief-days (default: off)")
    Path briefs;

    @Option(names = "--brief-days", paramLabel = "D,D", split = ",", defaultValue = "1,15",
            description = "生成例会通报的日期 / the days of the month to write the brief on (default: 1,15)")
    Set<Integer> briefDays;

    /** The brief as a job of the schedule, when --briefs names a folder; none otherwise. */
    List<Schedule.Job> jobs(Ducha ducha, Store store) {
        if (briefs == null) {
            return List.of();
        }
        for (int day : briefDays) {
            if (day < 1 || day > 31) {
                throw new IllegalArgumentException("--brief-days: %d 不是 1 到 31 之间的日期 / is not a day 1..31"
                        .formatted(day));
            }
        }
        Catalogue[] once = new Catalogue[1];
        return List.of(new ScheduledBriefs(store, ducha.supervision(store),
                () -> once[0] != null ? once[0] : (once[0] = Catalogue.load(ducha.rules())), briefs, briefDays));
    }

    Schedule.Settings settings(int rectificationDays) {
        return new Schedule.Settings(deadlineDay, reminderDays, Duration.ofDays(rectificationDays),
                EvaluateCommand.period("--from", from));
    }
}
