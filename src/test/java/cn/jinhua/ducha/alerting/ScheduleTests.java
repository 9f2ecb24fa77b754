package cn.jinhua.ducha.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.jinhua.ducha.brief.ScheduledBriefs;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.store.Runs;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schedule with the store's clock set to days of October 2023 in Jinhua: the monthly evaluation after the
 * 25th (and every month missed before it, in order), 催报 in the three days before it to the endpoints whose
 * filters take it, escalation and delivery from the same tick, where the schedule stands, and, on PostgreSQL, two
 * instances that share the database judging a period once.
 */
class ScheduleTests extends WithReceiver {

    /** 10:00 on 26 October in Jinhua: 2023-09's sheets were due yesterday. */
    private static final Instant AFTER_DEADLINE = Instant.parse("2023-10-26T02:00:00Z");
    /** 10:00 on 23 October in Jinhua: two days before 2023-09's sheets are due. */
    private static final Instant BEFORE_DEADLINE = Instant.parse("2023-10-23T02:00:00Z");

    ScheduleTests() {
        super(AFTER_DEADLINE);
    }

    private Schedule schedule(Store store) {
        return new Schedule(store, () -> rulebook, Schedule.Settings.DEFAULTS, webhooks(store), client);
    }

    private void endpoint(Store store, String path, Set<String> levels, Set<String> units) {
        endpoint(store, path, levels, units, Set.of());
    }

    private void endpoint(Store store, String path, Set<String> levels, Set<String> units, Set<Integer> tasks) {
        Webhooks.Endpoint endpoint = webhooks(store).add(path.substring(1), receiver.url(path),
                Webhooks.Format.STANDARD, levels, units, tasks, "tester");
        receiver.trust(path, endpoint.secret());
    }

    /** The units a path of the receiver got a 催报 for, with how many each. */
    private Map<String, Long> remindersReceived(String path) {
        return receiver.requests(path).stream()
                .filter(r -> r.json().path("type").asString().equals("sheet.reminder"))
                .collect(Collectors.groupingBy(r -> r.json().path("data").path("unit").asString(),
                        Collectors.counting()));
    }

    private static List<Runs.Run> runsOf(Store store, YearMonth period) {
        return store.runs().list().stream().filter(r -> r.period().equals(period)).toList();
    }

    /** The units the receiver got a 催报 for, with how many each. */
    private Map<String, Long> remindersReceived() {
        return receiver.requests().stream().filter(r -> r.json().path("type").asString().equals("sheet.reminder"))
                .collect(Collectors.groupingBy(r -> r.json().path("data").path("unit").asString(),
                        Collectors.counting()));
    }

    private static long remindersQueued(Store store) {
        return webhooks(store).deliveries().stream().filter(d -> d.type().equals("sheet.reminder")).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void judgesThePeriodOnceItsDeadlineHasPassedInJinhua(TestDatabases.Database database) {
        // 23:00 on the 25th in Jinhua: the sheets may still come
        clock.set(Instant.parse("2023-10-25T15:00:00Z"));
        try (Store store = open(database)) {
            Sheets.pujiang(store, rulebook, 66);
            Schedule schedule = schedule(store);

            schedule.tick();
            assertThat(runsOf(store, SEPTEMBER)).as("on the deadline day").isEmpty();

            // 01:00 on the 26th in Jinhua, though still the 25th in UTC
            clock.set(Instant.parse("2023-10-25T17:00:00Z"));
            List<String> done = schedule.tick();
            assertThat(runsOf(store, SEPTEMBER)).singleElement().satisfies(run -> {
                assertThat(run.startedBy()).isEqualTo("schedule");
                assertThat(done).anySatisfy(line -> assertThat(line).contains("2023-09").contains(
                        Long.toString(run.id())));
            });
            Supervision supervision = new Supervision(store, Duration.ofDays(15));
            assertThat(supervision.list(t -> t.unit().equals("pujiang") && "T05.1".equals(t.commitment())))
                    .singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(AlertState.OPEN));

            clock.advance(Duration.ofHours(1));
            schedule.tick();
            clock.advance(Duration.ofDays(3));
            schedule.tick();
            assertThat(runsOf(store, SEPTEMBER)).as("judged once").hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void catchesUpEveryPeriodItMissedOldestFirstAndJudgesEachOnce(TestDatabases.Database database) {
        // 10:00 on 1 December 2023 in Jinhua: no instance ran since July; July to October are past their deadline
        clock.set(Instant.parse("2023-12-01T02:00:00Z"));
        try (Store store = open(database)) {
            Sheets.sample(store, rulebook, "2023-07", "pujiang");
            Sheets.pujiang(store, rulebook, 66);
            Schedule schedule = schedule(store);
            assertThat(schedule.state()).satisfies(state -> {
                assertThat(state.behind()).isEqualTo(4);
                assertThat(state.nextDue()).isEqualTo(YearMonth.of(2023, 7));
                assertThat(state.lastJudged()).isNull();
                assertThat(state.lastTick()).isNull();
            });

            List<String> done = schedule.tick();

            // newest first: the run ids say the order they were judged in
            assertThat(store.runs().list()).extracting(Runs.Run::period).containsExactly(YearMonth.of(2023, 10),
                    SEPTEMBER, YearMonth.of(2023, 8), YearMonth.of(2023, 7));
            assertThat(store.runs().list()).allSatisfy(run -> assertThat(run.startedBy()).isEqualTo("schedule"));
            assertThat(done).filteredOn(line -> line.startsWith("评判")).hasSize(4);
            assertThat(schedule.state()).satisfies(state -> {
                assertThat(state.behind()).isZero();
                assertThat(state.lastJudged()).isEqualTo(YearMonth.of(2023, 10));
                assertThat(state.nextDue()).isEqualTo(YearMonth.of(2023, 11));
                assertThat(state.nextDeadline()).isEqualTo(LocalDate.of(2023, 12, 25));
                assertThat(state.lastTick()).isEqualTo(clock.instant());
                assertThat(state.ticks()).isEqualTo(1);
                assertThat(state.failures()).isZero();
            });

            schedule.tick();
            clock.advance(Duration.ofDays(20));
            schedule.tick();
            assertThat(store.runs().list()).as("each judged once").hasSize(4);

            // 10:00 on 26 December in Jinhua: November's deadline has passed
            clock.set(Instant.parse("2023-12-26T02:00:00Z"));
            schedule.tick();
            assertThat(store.runs().list()).hasSize(5).first()
                    .satisfies(run -> assertThat(run.period()).isEqualTo(YearMonth.of(2023, 11)));
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @Test
    void judgesFromThePlansFirstMonthNotTheBasePeriod() {
        // 10:00 on 1 March 2023 in Jinhua: January's deadline has passed, February's has not
        clock.set(Instant.parse("2023-03-01T02:00:00Z"));
        try (Store store = open(TestDatabases::h2)) {
            Sheets.sample(store, rulebook, "2022-12", "pujiang");

            schedule(store).tick();

            assertThat(store.runs().list()).extracting(Runs.Run::period).containsExactly(YearMonth.of(2023, 1));
        }
    }

    @Test
    void judgesNothingBeforeTheFirstPeriodItIsSetToStartFrom() {
        clock.set(Instant.parse("2023-12-01T02:00:00Z"));
        try (Store store = open(TestDatabases::h2)) {
            Sheets.sample(store, rulebook, "2023-07", "pujiang");
            Schedule schedule = new Schedule(store, () -> rulebook, new Schedule.Settings(25, 3, Duration.ofDays(15),
                    SEPTEMBER), webhooks(store), client);

            schedule.tick();

            assertThat(store.runs().list()).extracting(Runs.Run::period)
                    .containsExactly(YearMonth.of(2023, 10), SEPTEMBER);
        }
    }

    @Test
    void judgesNothingWhileNoSheetWasEverStored() {
        clock.set(Instant.parse("2023-12-01T02:00:00Z"));
        try (Store store = open(TestDatabases::h2)) {
            Schedule schedule = schedule(store);

            schedule.tick();

            assertThat(store.runs().list()).isEmpty();
            assertThat(schedule.state().behind()).isZero();
            assertThat(schedule.state().nextDue()).isEqualTo(YearMonth.of(2023, 11));
        }
    }

    @Test
    void runsTheOtherJobsWhenOneFailsAndCountsTheFailure() {
        // a preview by hand on 20 October, before the deadline: its red alert is due by 4 November
        clock.set(Instant.parse("2023-10-20T02:00:00Z"));
        try (Store store = open(TestDatabases::h2)) {
            endpoint(store, "/red-pujiang", Set.of("RED"), Set.of("pujiang"));
            Sheets.pujiang(store, rulebook, 66);
            new Supervision(store, Duration.ofDays(15)).evaluate(rulebook, SEPTEMBER, "王督查");
            AtomicBoolean broken = new AtomicBoolean(true);
            Schedule schedule = new Schedule(store, () -> {
                if (broken.get()) {
                    throw new IllegalStateException("规则无法编译 / the rules do not compile");
                }
                return rulebook;
            }, Schedule.Settings.DEFAULTS, webhooks(store), client);
            clock.set(Instant.parse("2023-11-11T02:00:00Z"));

            assertThatThrownBy(schedule::tick).hasMessageContaining("the rules do not compile");

            assertThat(runsOf(store, SEPTEMBER)).as("only the run by hand").hasSize(1);
            assertThat(receiver.requests("/red-pujiang")).as("escalated and delivered all the same")
                    .extracting(r -> r.json().path("type").asString()).containsExactly("alert.opened", "alert.escalated");
            assertThat(schedule.state()).satisfies(state -> {
                assertThat(state.failures()).isEqualTo(1);
                assertThat(state.lastFailure()).contains("the rules do not compile");
                assertThat(state.behind()).isEqualTo(1);
            });

            broken.set(false);
            schedule.tick();
            assertThat(runsOf(store, SEPTEMBER)).hasSize(2);
            assertThat(schedule.state()).satisfies(state -> {
                assertThat(state.failures()).isEqualTo(1);
                assertThat(state.ticks()).isEqualTo(2);
                assertThat(state.lastFailure()).isNull();
                assertThat(state.behind()).isZero();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void judgesThePeriodAfterItsDeadlineEvenWhenItWasJudgedByHandBefore(TestDatabases.Database database) {
        clock.set(Instant.parse("2023-10-20T02:00:00Z"));
        try (Store store = open(database)) {
            Sheets.pujiang(store, rulebook, 66);
            new Supervision(store, Duration.ofDays(15)).evaluate(rulebook, SEPTEMBER, "王督查");
            clock.set(Instant.parse("2023-10-24T02:00:00Z"));
            Sheets.sample(store, rulebook, "2023-09", "yiwu");

            clock.set(AFTER_DEADLINE);
            schedule(store).tick();

            assertThat(runsOf(store, SEPTEMBER)).as("the monthly evaluation after the deadline")
                    .anySatisfy(run -> assertThat(run.startedBy()).isEqualTo("schedule"));
        }
    }

    @Test
    void countsARunByHandAfterTheDeadlineAsTheMonthJudged() {
        // 10:00 on 1 December 2023 in Jinhua
        clock.set(Instant.parse("2023-12-01T02:00:00Z"));
        try (Store store = open(TestDatabases::h2)) {
            Sheets.pujiang(store, rulebook, 66);
            Supervision supervision = new Supervision(store, Duration.ofDays(15));
            supervision.evaluate(rulebook, SEPTEMBER, "王督查");
            Schedule schedule = schedule(store);
            assertThat(schedule.state().behind()).as("October only").isEqualTo(1);

            schedule.tick();

            assertThat(store.runs().list()).extracting(Runs.Run::period, Runs.Run::startedBy)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(YearMonth.of(2023, 10), "schedule"),
                            org.assertj.core.groups.Tuple.tuple(SEPTEMBER, "王督查"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void remindsEachUnitWithoutASheetOnceInTheDaysBeforeTheDeadline(TestDatabases.Database database) {
        // 10:00 on 21 October in Jinhua: four days before the deadline, too early for 催报
        clock.set(Instant.parse("2023-10-21T02:00:00Z"));
        try (Store store = open(database)) {
            endpoint(store, "/all", Set.of(), Set.of());
            Sheets.pujiang(store, rulebook, 66);
            Schedule schedule = schedule(store);

            schedule.tick();
            assertThat(remindersQueued(store)).isZero();

            clock.set(BEFORE_DEADLINE);
            List<String> done = schedule.tick();
            List<String> owing = rulebook.catalogue().units().stream().filter(Unit::isSupervised).map(Unit::id)
                    .filter(id -> !id.equals("pujiang")).toList();
            assertThat(owing).contains("yiwu", "jinhua");
            assertThat(remindersReceived()).as("one 催报 per unit without a 2023-09 sheet, delivered by the tick")
                    .containsOnlyKeys(owing).allSatisfy((unit, count) -> assertThat(count).isEqualTo(1));
            assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.verified()).isTrue());
            assertThat(receiver.requests()).filteredOn(r -> r.json().path("type").asString().equals("sheet.reminder"))
                    .allSatisfy(r -> {
                        assertThat(r.json().path("data").path("period").asString()).isEqualTo("2023-09");
                        assertThat(r.json().path("data").path("deadline").asString()).isEqualTo("2023-10-25");
                        assertThat(r.json().path("data").path("message").asString()).startsWith("【催报】");
                    });
            assertThat(done).anySatisfy(line -> assertThat(line).contains("催报").contains("义乌市"));

            clock.advance(Duration.ofHours(5));
            schedule.tick();
            clock.advance(Duration.ofDays(1));
            schedule.tick();
            assertThat(remindersQueued(store)).as("no second 催报").isEqualTo(owing.size());
            assertThat(remindersReceived()).allSatisfy((unit, count) -> assertThat(count).isEqualTo(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void remindsOnlyEndpointsWhoseLevelFilterTakesTheDataAlertOfAMissingSheet(TestDatabases.Database database) {
        clock.set(BEFORE_DEADLINE);
        try (Store store = open(database)) {
            endpoint(store, "/all", Set.of(), Set.of());
            endpoint(store, "/red", Set.of("RED", "YELLOW"), Set.of());
            endpoint(store, "/data", Set.of("DATA"), Set.of());
            endpoint(store, "/data-yiwu", Set.of("RED", "DATA"), Set.of("yiwu"));
            Sheets.pujiang(store, rulebook, 66);

            schedule(store).tick();

            assertThat(remindersReceived("/all")).containsKey("yiwu").hasSizeGreaterThan(1);
            assertThat(remindersReceived("/red")).as("red and yellow alerts only").isEmpty();
            assertThat(remindersReceived("/data")).isEqualTo(remindersReceived("/all"));
            assertThat(remindersReceived("/data-yiwu")).containsOnlyKeys("yiwu");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void remindsEndpointsWithATaskFilterOfTheUnitsThatOweAValueOfTheirTasks(TestDatabases.Database database) {
        // 10:00 on 23 February 2028 in Jinhua: the five-year windows are over; T05.1 (LOCAL, from 2023) is still
        // judged for the local units, nothing of task 8 (its progress, 2023 to 2027) is owed any more
        clock.set(Instant.parse("2028-02-23T02:00:00Z"));
        try (Store store = open(database)) {
            endpoint(store, "/all", Set.of(), Set.of());
            endpoint(store, "/t05", Set.of(), Set.of(), Set.of(5));
            endpoint(store, "/t08", Set.of(), Set.of(), Set.of(8));

            schedule(store).tick();

            List<String> supervised = rulebook.catalogue().units().stream().filter(Unit::isSupervised)
                    .map(Unit::id).toList();
            List<String> local = rulebook.catalogue().units().stream().filter(Unit::isLocal).map(Unit::id).toList();
            assertThat(remindersReceived("/all")).containsOnlyKeys(supervised);
            assertThat(remindersReceived("/t05")).as("the local units owe T05.1; the city does not")
                    .containsOnlyKeys(local).doesNotContainKey("jinhua");
            assertThat(remindersReceived("/t08")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void escalatesAndDeliversFromTheTick(TestDatabases.Database database) {
        try (Store store = open(database)) {
            endpoint(store, "/red-pujiang", Set.of("RED"), Set.of("pujiang"));
            Sheets.pujiang(store, rulebook, 66);
            Schedule schedule = schedule(store);

            schedule.tick();
            Supervision supervision = new Supervision(store, Duration.ofDays(15));
            TrackedAlert red = supervision.list(t -> t.unit().equals("pujiang") && "T05.1".equals(t.commitment()))
                    .get(0);
            assertThat(receiver.requests("/red-pujiang")).singleElement().satisfies(r -> {
                assertThat(r.json().path("type").asString()).isEqualTo("alert.opened");
                assertThat(r.json().path("data").path("id").asLong()).isEqualTo(red.id());
            });

            clock.advance(Duration.ofDays(10));
            schedule.tick();
            assertThat(supervision.find(red.id()).orElseThrow().state()).isEqualTo(AlertState.OPEN);
            assertThat(receiver.requests("/red-pujiang")).hasSize(1);

            clock.advance(Duration.ofDays(6));
            List<String> done = schedule.tick();
            TrackedAlert escalated = supervision.find(red.id()).orElseThrow();
            assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
            assertThat(escalated.latest().actor()).isEqualTo("schedule");
            assertThat(done).anySatisfy(line -> assertThat(line).contains("督办升级").contains(Long.toString(red.id())));
            assertThat(receiver.requests("/red-pujiang")).hasSize(2).last().satisfies(r -> {
                assertThat(r.verified()).isTrue();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().path("type").asString()).isEqualTo("alert.escalated");
                assertThat(r.json().path("data").path("state").asString()).isEqualTo("ESCALATED");
            });
            assertThat(webhooks(store).deliveries()).allSatisfy(d -> assertThat(d.delivered()).isTrue());
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void keepsToItsConfiguredDeadlineDayReminderDaysAndRectification(TestDatabases.Database database) {
        // deadline the 20th, 催报 from five days before, seven days to put a red alert right
        Schedule.Settings settings = new Schedule.Settings(20, 5, Duration.ofDays(7));
        clock.set(Instant.parse("2023-10-14T02:00:00Z"));
        try (Store store = open(database)) {
            endpoint(store, "/all", Set.of(), Set.of());
            Sheets.pujiang(store, rulebook, 66);
            Schedule schedule = new Schedule(store, () -> rulebook, settings, webhooks(store), client);

            schedule.tick();
            assertThat(remindersQueued(store)).as("six days before the 20th").isZero();
            clock.set(Instant.parse("2023-10-15T02:00:00Z"));
            schedule.tick();
            assertThat(remindersReceived()).as("five days before the 20th").containsKey("yiwu")
                    .doesNotContainKey("pujiang");

            clock.set(Instant.parse("2023-10-20T02:00:00Z"));
            schedule.tick();
            assertThat(runsOf(store, SEPTEMBER)).as("on the deadline day").isEmpty();
            Instant judged = clock.advance(Duration.ofDays(1));
            schedule.tick();
            assertThat(runsOf(store, SEPTEMBER)).hasSize(1);

            Supervision supervision = new Supervision(store, settings.rectification());
            TrackedAlert red = supervision.list(t -> t.unit().equals("pujiang") && "T05.1".equals(t.commitment()))
                    .get(0);
            assertThat(red.deadline()).isEqualTo(judged.plus(Duration.ofDays(7)));
            clock.advance(Duration.ofDays(8));
            schedule.tick();
            assertThat(supervision.find(red.id()).orElseThrow().state()).isEqualTo(AlertState.ESCALATED);
        }
    }

    @Test
    void twoInstancesSharingOnePostgresJudgeTheDuePeriodOnce() throws Exception {
        assumeTrue(TestDatabases.PG_ADMIN != null && !TestDatabases.PG_ADMIN.isBlank(), "DUCHA_TEST_PG is not set");
        String url = TestDatabases.postgres(dir);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Store first = Store.open(url, null, null, clock); Store second = Store.open(url, null, null, clock)) {
            endpoint(first, "/red-pujiang", Set.of("RED"), Set.of("pujiang"));
            Sheets.pujiang(first, rulebook, 66);
            Sheets.sample(first, rulebook, "2023-09", "yiwu");
            CyclicBarrier together = new CyclicBarrier(2);
            Function<Schedule, Future<List<String>>> tick = schedule -> threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return schedule.tick();
            });

            Future<List<String>> a = tick.apply(schedule(first));
            Future<List<String>> b = tick.apply(schedule(second));
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);

            assertThat(runsOf(first, SEPTEMBER)).as("runs of 2023-09").hasSize(1);
            assertThat(first.runs().list()).hasSize(1);
            assertThat(receiver.requests()).as("the new alert announced once").singleElement().satisfies(r -> {
                assertThat(r.json().path("type").asString()).isEqualTo("alert.opened");
                assertThat(r.status()).isEqualTo(200);
            });
            assertThat(webhooks(second).deliveries()).singleElement().satisfies(d -> {
                assertThat(d.delivered()).isTrue();
                assertThat(d.attempts()).isEqualTo(1);
            });
            assertThat(first.verify().intact()).isTrue();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void writesTheBriefOfTheNewestJudgedPeriodOnTheFirstAndTheFifteenthOnce() throws java.io.IOException {
        try (Store store = open(TestDatabases::h2)) {
            Sheets.pujiang(store, rulebook, 66);
            java.nio.file.Path folder = dir.resolve("briefs");
            Function<Store, Schedule> instance = s -> new Schedule(s, () -> rulebook, Schedule.Settings.DEFAULTS,
                    webhooks(s), client, List.of(new ScheduledBriefs(s, new Supervision(s, Duration.ofDays(15)),
                            rulebook::catalogue, folder, ScheduledBriefs.DAYS)));
            Schedule schedule = instance.apply(store);

            schedule.tick(); // the 26th: September is judged, no brief is due
            assertThat(runsOf(store, SEPTEMBER)).hasSize(1);
            assertThat(folder).doesNotExist();

            // 01:00 on 1 November in Jinhua, still 31 October in UTC
            clock.set(Instant.parse("2023-10-31T17:00:00Z"));
            List<String> done = schedule.tick();
            java.nio.file.Path word = folder.resolve("brief-2023-09-2023-11-01.docx");
            assertThat(word).exists();
            assertThat(folder.resolve("brief-2023-09-2023-11-01.xlsx")).exists();
            assertThat(done).filteredOn(line -> line.startsWith("例会通报")).hasSize(2);
            try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(java.nio.file.Files.newInputStream(word))) {
                assertThat(doc.getParagraphs().get(1).getText()).isEqualTo("2023 年第 9 期");
            }

            clock.advance(Duration.ofHours(2));
            assertThat(schedule.tick()).as("once a day").noneMatch(line -> line.startsWith("例会通报"));
            assertThat(instance.apply(store).tick()).as("another instance sharing the folder")
                    .noneMatch(line -> line.startsWith("例会通报"));
            clock.advance(Duration.ofDays(1));
            assertThat(schedule.tick()).as("the 2nd").noneMatch(line -> line.startsWith("例会通报"));
            clock.set(Instant.parse("2023-11-15T02:00:00Z"));
            schedule.tick();
            try (var files = java.nio.file.Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly(
                        "brief-2023-09-2023-11-01.docx", "brief-2023-09-2023-11-01.xlsx",
                        "brief-2023-09-2023-11-15.docx", "brief-2023-09-2023-11-15.xlsx");
            }
        }
    }
}
