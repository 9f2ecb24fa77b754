package cn.jinhua.ducha.alerting;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Runs;
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
 * <p>
 * The evaluation catches up: every period whose deadline has passed and that the schedule has not judged yet is
 * judged, oldest first, from the later of {@link Settings#from()} and the first period of any stored sheet, so a
 * month missed while no instance ran is judged when one runs again, and a store begun in 2026 is not judged back
 * to 2023. A period counts as judged once it has a run by the schedule ({@code started_by} = {@value #ACTOR}) or
 * a run by anyone recorded after its deadline (a run by hand before it is a preview), so each period is judged
 * once across ticks, restarts and instances, and a store whose months were judged by hand is not judged again.
 */
public final class Schedule {

    /**
     * @param deadlineDay        the day of the following month by which a period's sheets are due (25)
     * @param reminderDaysBefore how many days before that day reminders go out (3)
     * @param rectification      how long a red alert may stay open before it is escalated (15 days)
     * @param from               the first period the schedule judges by itself ({@link #FIRST_PERIOD}): none before,
     *                           however far back sheets go
     */
    public record Settings(int deadlineDay, int reminderDaysBefore, Duration rectification, YearMonth from) {

        /**
         * 2023-01, the plan's first month. The base period 2022-12 owes nothing (contract.md: "nothing is owed for a
         * period before every window"), so judging it would record a run that says nothing.
         */
        public static final YearMonth FIRST_PERIOD = YearMonth.of(2023, 1);

        public static final Settings DEFAULTS = new Settings(25, 3, Duration.ofDays(15));

        /** Settings that judge from {@link #FIRST_PERIOD}. */
        public Settings(int deadlineDay, int reminderDaysBefore, Duration rectification) {
            this(deadlineDay, reminderDaysBefore, rectification, FIRST_PERIOD);
        }

        public Settings {
            if (deadlineDay < 1 || deadlineDay > 31) {
                throw new IllegalArgumentException("报送截止日 %d 不是 1 到 31 之间的日期 / deadline day %d is not a day 1..31"
                        .formatted(deadlineDay, deadlineDay));
            }
            if (reminderDaysBefore < 0) {
                throw new IllegalArgumentException("催报天数 %d 不能为负 / reminder days %d must not be negative"
                        .formatted(reminderDaysBefore, reminderDaysBefore));
            }
            Objects.requireNonNull(from, "from");
        }

        /** The day {@code period}'s sheets are due: the deadline day of the following month, or its last day. */
        public LocalDate deadlineOf(YearMonth period) {
            YearMonth month = period.plusMonths(1);
            return month.atDay(Math.min(deadlineDay, month.lengthOfMonth()));
        }

        /** The newest period whose deadline has passed on {@code today}. */
        YearMonth latestDue(LocalDate today) {
            YearMonth period = reportedIn(YearMonth.from(today));
            return today.isAfter(deadlineOf(period)) ? period : period.minusMonths(1);
        }
    }

    /**
     * Where the schedule stands. The periods come from the store (what every instance judged); the ticks and
     * failures are this process's own.
     *
     * @param lastTick     the store's time when this process's last tick ended; null before the first
     * @param lastFailure  why the last tick failed; null when it did not
     * @param ticks        the ticks this process ran
     * @param failures     the ticks of this process in which a job failed
     * @param lastJudged   the newest period judged (by the schedule, or by hand after its deadline); null before any
     * @param nextDue      the next period for the schedule to judge: the oldest one behind, or the next to fall due
     * @param nextDeadline {@code nextDue}'s reporting deadline; it is judged on the day after, in Jinhua
     * @param behind       the periods past their deadline that the schedule has not judged yet
     */
    public record State(Instant lastTick, String lastFailure, long ticks, long failures, YearMonth lastJudged,
                        YearMonth nextDue, LocalDate nextDeadline, int behind) {
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
    /** Who the schedule's runs and escalations are by. */
    public static final String ACTOR = "schedule";

    private final Store store;
    private final Supplier<Rulebook> rulebook;
    private final Settings settings;
    private final Webhooks webhooks;
    private final HttpClient client;
    private final LockingTaskExecutor locks;
    private final List<Job> jobs;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant lastTick;
    private volatile String lastFailure;

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

    /**
     * Does whatever is due now, each job under its lock; answers what was done, one line each. A job that fails
     * does not keep the others from running; the first failure is thrown after all have run (the others suppressed
     * in it) and counted in {@link #state()}.
     */
    public List<String> tick() {
        List<String> done = new ArrayList<>();
        List<RuntimeException> failed = new ArrayList<>();
        run("ducha-monthly-evaluation", () -> judgeDuePeriods(done), failed);
        run("ducha-reminders", () -> remind(done), failed);
        run("ducha-escalation", () -> escalate(done), failed);
        for (Job job : jobs) {
            run(job.name(), () -> job.run(today(), done), failed);
        }
        try {
            deliver(done); // Webhooks takes its own lock: the command line and serve send too
        } catch (RuntimeException e) {
            failed.add(e);
        }
        ticks.incrementAndGet();
        lastTick = store.now();
        if (failed.isEmpty()) {
            lastFailure = null;
            return done;
        }
        failures.incrementAndGet();
        RuntimeException first = failed.get(0);
        failed.stream().skip(1).forEach(first::addSuppressed);
        lastFailure = String.valueOf(first.getMessage());
        throw first;
    }

    private void run(String name, Runnable job, List<RuntimeException> failed) {
        try {
            locks.executeWithLock(job, new LockConfiguration(Instant.now(), name, LOCK_AT_MOST, Duration.ZERO));
        } catch (RuntimeException e) {
            failed.add(e);
        }
    }

    /** The store's time when this process's last tick ended; null before the first. */
    public Instant lastTick() {
        return lastTick;
    }

    /** The ticks this process ran. */
    public long ticks() {
        return ticks.get();
    }

    /** The ticks of this process in which a job failed. */
    public long failures() {
        return failures.get();
    }

    /** Where the schedule stands now, by the store's clock. */
    public State state() {
        LocalDate today = today();
        SortedSet<YearMonth> judged = judged();
        YearMonth due = settings.latestDue(today);
        List<YearMonth> behind = first().map(first -> periods(first, due).filter(p -> !judged.contains(p)).toList())
                .orElse(List.of());
        YearMonth next = !behind.isEmpty() ? behind.get(0)
                : Collections.max(List.of(due.plusMonths(1), settings.from()));
        return new State(lastTick, lastFailure, ticks.get(), failures.get(), judged.isEmpty() ? null : judged.last(),
                next, settings.deadlineOf(next), behind.size());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(store.now(), Supervision.ZONE);
    }

    /** Every period whose deadline has passed and that the schedule has not judged, oldest first. */
    private void judgeDuePeriods(List<String> done) {
        Optional<YearMonth> first = first();
        if (first.isEmpty()) {
            return;
        }
        Set<YearMonth> judged = judged();
        Supervision supervision = new Supervision(store, settings.rectification());
        for (YearMonth period : periods(first.get(), settings.latestDue(today())).toList()) {
            if (!judged.contains(period)) {
                var recorded = supervision.evaluate(rulebook.get(), period, ACTOR);
                done.add("评判 %s，运行 %d / judged %s as run %d".formatted(period, recorded.run(), period,
                        recorded.run()));
            }
        }
    }

    /**
     * The periods judged: by the schedule, or by anyone after the period's deadline. A run by hand before the
     * deadline is a preview, made before every sheet was in, and does not count.
     */
    private SortedSet<YearMonth> judged() {
        return store.runs().list().stream()
                .filter(run -> run.startedBy().equals(ACTOR) || LocalDate.ofInstant(run.recordedAt(), Supervision.ZONE)
                        .isAfter(settings.deadlineOf(run.period())))
                .map(Runs.Run::period).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The first period the schedule judges: none before its setting or before the first stored sheet. */
    private Optional<YearMonth> first() {
        return store.submissions().firstPeriod().map(p -> p.isBefore(settings.from()) ? settings.from() : p);
    }

    private static Stream<YearMonth> periods(YearMonth first, YearMonth last) {
        return Stream.iterate(first, p -> !p.isAfter(last), p -> p.plusMonths(1));
    }

    /** 催报: in the days before the deadline, each unit still without a sheet is reminded once. */
    private void remind(List<String> done) {
        LocalDate today = today();
        YearMonth period = reportedIn(YearMonth.from(today));
        LocalDate deadline = settings.deadlineOf(period);
        if (today.isBefore(deadline.minusDays(settings.reminderDaysBefore())) || today.isAfter(deadline)) {
            return;
        }
        var sent = store.submissions().latest(List.of(period)).stream().map(r -> r.unit()).toList();
        Catalogue catalogue = rulebook.get().catalogue();
        for (Unit unit : catalogue.units()) {
            if (!unit.isSupervised() || sent.contains(unit.id())) {
                continue;
            }
            // the overall goals, the five general works and the safeguards belong to no task
            Set<Integer> tasks = catalogue.owedBy(unit, period).stream().filter(c -> c.task() != null)
                    .map(c -> c.task().number()).collect(Collectors.toCollection(TreeSet::new));
            store.inTransaction(() -> {
                boolean reminded = store.jdbc().sql("select count(*) from reminder where period = ? and unit = ?")
                        .params(period.toString(), unit.id()).query(Integer.class).single() > 0;
                if (!reminded) {
                    store.jdbc().sql("insert into reminder (period, unit, sent_at) values (?, ?, ?)")
                            .params(period.toString(), unit.id(), OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC))
                            .update();
                    webhooks.enqueueReminder(unit.id(), unit.name(), period.toString(), deadline, tasks);
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
