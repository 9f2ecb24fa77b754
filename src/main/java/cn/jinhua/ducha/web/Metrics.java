package cn.jinhua.ducha.web;

import java.time.YearMonth;

import cn.jinhua.ducha.alerting.Schedule;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.alerting.Webhooks;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the store at each scrape, so that they count what every process did (the scheduler, other
 * servers): alerts still open, webhook deliveries pending, delivered or given up (dead letters), and where the
 * schedule stands (the newest period it judged, the next, how many are behind). Counters of what this server did
 * (evaluations, verdicts by light, alerts raised, sheets stored and rejected, the schedule's ticks and failures)
 * are kept where it happens.
 */
@Component
class Metrics implements MeterBinder {

    private final Supervision supervision;
    private final Webhooks webhooks;
    private final ObjectProvider<ScheduledJobs> schedule;

    Metrics(Supervision supervision, Webhooks webhooks, ObjectProvider<ScheduledJobs> schedule) {
        this.supervision = supervision;
        this.webhooks = webhooks;
        this.schedule = schedule;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ducha.alerts.open", supervision, s -> s.list(t -> t.state().isActive()).size())
                .description("预警未关闭数 / alerts open, acknowledged or escalated").register(registry);
        Gauge.builder("ducha.deliveries.pending", webhooks, w -> w.counts().pending())
                .description("待推送 / webhook deliveries neither delivered nor given up").register(registry);
        Gauge.builder("ducha.deliveries.delivered", webhooks, w -> w.counts().delivered())
                .description("已推送 / webhook deliveries delivered").register(registry);
        Gauge.builder("ducha.deliveries.dead", webhooks, w -> w.counts().dead())
                .description("已放弃 / webhook deliveries given up as dead letters after "
                        + Webhooks.MAX_ATTEMPTS + " attempts").register(registry);
        schedule.ifAvailable(jobs -> bindSchedule(jobs.schedule(), registry));
    }

    /** The schedule's gauges; a period is a number, YYYYMM (202310), and NaN where there is none yet. */
    private static void bindSchedule(Schedule schedule, MeterRegistry registry) {
        Gauge.builder("ducha.schedule.last.tick", schedule,
                        s -> s.lastTick() == null ? Double.NaN : s.lastTick().getEpochSecond())
                .baseUnit("seconds").description("本服务上次执行定时任务的时间 / when this server's last tick ended")
                .register(registry);
        Gauge.builder("ducha.schedule.last.judged.period", schedule, s -> number(s.state().lastJudged()))
                .description("定时评判的最新月份 / the newest period the schedule judged, as YYYYMM").register(registry);
        Gauge.builder("ducha.schedule.next.due.period", schedule, s -> number(s.state().nextDue()))
                .description("下一个待评判月份 / the next period for the schedule to judge, as YYYYMM")
                .register(registry);
        Gauge.builder("ducha.schedule.next.due", schedule, s -> s.state().nextDeadline().plusDays(1)
                        .atStartOfDay(Supervision.ZONE).toEpochSecond())
                .baseUnit("seconds").description("下一个月份到期评判的时间(截止日次日零时) / when the next period falls due: "
                        + "the start of the day after its deadline in Jinhua").register(registry);
        Gauge.builder("ducha.schedule.periods.behind", schedule, s -> s.state().behind())
                .description("已过截止日而未评判的月份数 / periods past their deadline not yet judged").register(registry);
        FunctionCounter.builder("ducha.schedule.ticks", schedule, Schedule::ticks)
                .description("本服务执行定时任务的次数 / the ticks this server ran").register(registry);
        FunctionCounter.builder("ducha.schedule.failures", schedule, Schedule::failures)
                .description("本服务定时任务失败的次数 / the ticks of this server in which a job failed")
                .register(registry);
    }

    private static double number(YearMonth period) {
        return period == null ? Double.NaN : period.getYear() * 100 + period.getMonthValue();
    }
}
