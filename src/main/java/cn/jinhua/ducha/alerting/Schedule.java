package cn.jinhua.ducha.alerting;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What runs by itself: the monthly evaluation once a period's reporting deadline (the 25th of the following month
 * by default) has passed, 催报 reminders a few days before it to units that have not sent their sheet, escalation
 * of overdue alerts, and webhook deliveries. Each job holds a ShedLock lock in the database, so several instances
 * sharing one PostgreSQL run it once. The time is the store's clock, passed in: tests move it, nothing waits.
 */
public final class Schedule {

    /**
     * @param deadlineDay        the day of the following month by which a period's sheets are due (25)
     * @param reminderDaysBefore how many days before that day reminders go out (3)
     * @param rectification      how long a red alert may stay open before it is escalated (15 days)
     */
    public record Settings(int deadlineDay, int reminderDaysBefore, Duration rectification) {

        public static final Settings DEFAULTS = new Settings(25, 3, Duration.ofDays(15));
    }

    /**
     * A job of another feature that the schedule runs on each tick under a ShedLock lock of its own name, after its
     * own jobs (the 例会 brief): it decides from {@code today}, the store's day in Jinhua, whether anything is due.
     */
    public interface Job {

        /** The lock's name, unique among the jobs. */
        String name();

        /** Does what is due on {@code today}, adding a line for people to {@code done} for each thing done. */
        void run(LocalDate today, List<String> done);
    }

    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);
    private static final String ACTOR = "schedule";

    private final Store store;
    private final Supplier<Rulebook> rulebook;
    private final Settings settings;
    private final Webhooks webhooks;
    private final HttpClient client;
    private final LockingTaskExecutor locks;
    private final List<Job> jobs;

    public Schedule(Store store, Supplier<Rulebook> rulebook, Settings settings, Webhooks webhooks,
                    HttpClient client) {
        this(store, rulebook, settings, webhooks, client, List.of());
    }

    /** A schedule that also runs {@code jobs}, each under its own lock. */
    public Schedule(Store store, Supplier<Rulebook> rulebook, Settings settings, Webhooks webhooks,
                    HttpClient client, List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
        this.store = store;
        this.rulebook = rulebook;
        this.settings = settings;
        this.webhooks = webhooks;
        this.client = client;
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider
                .Configuration.builder().withJdbcTemplate(new JdbcTemplate(store.dataSource())).usingDbTime().build()));
    }

    /** The period whose sheets are due by the deadline day of {@code month}. */
    static YearMonth reportedIn(YearMonth month) {
        return month.minusMonths(1);
    }

    /** Does whatever is due now, each job under its lock; answers what was done, one line each. */
    public List<String> tick() {
        List<String> done = new ArrayList<>();
        run("ducha-monthly-evaluation", () -> evaluateDuePeriod(done));
        run("ducha-reminders", () -> remind(done));
        run("ducha-escalation", () -> escalate(done));
        for (Job job : jobs) {
            run(job.name(), () -> job.run(today(), done));
        }
        deliver(done); // Webhooks takes its own lock: the command line and serve send too
        return done;
    }

    private void run(String name, Runnable job) {
        locks.executeWithLock(job, new LockConfiguration(Instant.now(), name, LOCK_AT_MOST, Duration.ZERO));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(store.now(), Supervision.ZONE);
    }

    /** The last period whose deadline has passed, judged once by the schedule. */
    private void evaluateDuePeriod(List<String> done) {
        LocalDate today = today();
        YearMonth month = YearMonth.from(today);
        YearMonth due = today.getDayOfMonth() > settings.deadlineDay() ? reportedIn(month) : reportedIn(month.minusMonths(1));
        // a run by hand before the deadline (a preview) does not count: the schedule judges once itself
        boolean judged = store.runs().list().stream()
                .anyMatch(r -> r.period().equals(due) && r.startedBy().equals(ACTOR));
        if (!judged) {
            var recorded = new Supervision(store, settings.rectification()).evaluate(rulebook.get(), due, ACTOR);
            done.add("评判 %s，运行 %d / judged %s as run %d".formatted(due, recorded.run(), due, recorded.run()));
        }
    }

    /** 催报: in the days before the deadline, each unit still without a sheet is reminded once. */
    private void remind(List<String> done) {
        LocalDate today = today();
        YearMonth period = reportedIn(YearMonth.from(today));
        LocalDate deadline = YearMonth.from(today).atDay(Math.min(settings.deadlineDay(), today.lengthOfMonth()));
        if (today.isBefore(deadline.minusDays(settings.reminderDaysBefore())) || today.isAfter(deadline)) {
            return;
        }
        var sent = store.submissions().latest(List.of(period)).stream().map(r -> r.unit()).toList();
        for (Unit unit : rulebook.get().catalogue().units()) {
            if (!unit.isSupervised() || sent.contains(unit.id())) {
                continue;
            }
            store.inTransaction(() -> {
                boolean reminded = store.jdbc().sql("select count(*) from reminder where period = ? and unit = ?")
                        .params(period.toString(), unit.id()).query(Integer.class).single() > 0;
                if (!reminded) {
                    store.jdbc().sql("insert into reminder (period, unit, sent_at) values (?, ?, ?)")
                            .params(period.toString(), unit.id(), OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC))
                            .update();
                    webhooks.enqueueReminder(unit.id(), unit.name(), period.toString(), deadline);
                    done.add("催报 %s %s / reminded %s for %s".formatted(unit.name(), period, unit.id(), period));
                }
                return null;
            });
        }
    }

    private void escalate(List<String> done) {
        for (TrackedAlert t : new Supervision(store, settings.rectification()).escalateOverdue(ACTOR)) {
            done.add("督办升级 预警 %d %s %s / escalated alert %d".formatted(t.id(), t.unit(), t.commitment(), t.id()));
        }
    }

    private void deliver(List<String> done) {
        for (Webhooks.Delivery d : webhooks.deliver(store.now(), client)) {
            done.add("推送 %s 第 %d 次 %s / delivery %s attempt %d: %s".formatted(d.id(), d.attempts(),
                    d.delivered() ? "成功" : "失败", d.id(), d.attempts(),
                    d.lastStatus() != null ? "HTTP " + d.lastStatus() : d.lastError()));
        }
    }
}
