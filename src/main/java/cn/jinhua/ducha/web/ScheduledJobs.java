package cn.jinhua.ducha.web;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import cn.jinhua.ducha.alerting.Schedule;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.Webhooks;
import cn.jinhua.ducha.brief.ScheduledBriefs;
import cn.jinhua.ducha.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code serve} runs the schedule itself, as {@code ducha scheduler} does: every {@code ducha.schedule.every} (60 s)
 * after the last tick ended, the monthly evaluation of every period past its deadline and not yet judged, 催报,
 * escalation of overdue alerts and, with {@code ducha.schedule.briefs}, the 例会 brief. Each job holds a ShedLock
 * lock in the database, so servers sharing one PostgreSQL (and a CLI scheduler beside them) do each once. The
 * time is the store's clock. On by default; off with {@code ducha.schedule.enabled=false}
 * ({@code DUCHA_SCHEDULE_ENABLED=false}). Webhooks are sent by {@link WebhookSender}, more often.
 */
@Component
@ConditionalOnBooleanProperty(name = ScheduledJobs.ENABLED, matchIfMissing = true)
class ScheduledJobs {

    static final String ENABLED = "ducha.schedule.enabled";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    private final Schedule schedule;

    ScheduledJobs(Store store, RulesInForce rules, Webhooks webhooks, Supervision supervision,
                  @Value("${ducha.schedule.deadline-day:25}") int deadlineDay,
                  @Value("${ducha.schedule.reminder-days:3}") int reminderDays,
                  @Value("${ducha.rectification-days:15}") int rectificationDays,
                  @Value("${ducha.schedule.from:2023-01}") String from,
                  @Value("${ducha.schedule.briefs:}") String briefs) {
        Schedule.Settings settings = new Schedule.Settings(deadlineDay, reminderDays,
                Duration.ofDays(rectificationDays), period(from));
        List<Schedule.Job> jobs = briefs.isBlank() ? List.of() : List.of(new ScheduledBriefs(store, supervision,
                () -> rules.current().catalogue(), Path.of(briefs), ScheduledBriefs.DAYS));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.schedule = new Schedule(store, rules::current, settings, webhooks, client, jobs);
    }

    private static YearMonth period(String from) {
        try {
            return YearMonth.parse(from.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ducha.schedule.from: “%s” 不是 YYYY-MM 格式的月份 / is not a month as YYYY-MM"
                    .formatted(from), e);
        }
    }

    Schedule schedule() {
        return schedule;
    }

    @Scheduled(fixedDelayString = "${ducha.schedule.every:60s}", initialDelayString = "${ducha.schedule.every:60s}")
    void tick() {
        try {
            schedule.tick().forEach(LOG::info);
        } catch (RuntimeException e) {
            // counted in the schedule's state (health, ducha_schedule_failures_total); the next tick tries again
            LOG.warn("定时任务失败 / a scheduled job failed", e);
        }
    }
}
