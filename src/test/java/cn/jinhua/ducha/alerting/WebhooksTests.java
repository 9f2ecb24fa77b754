package cn.jinhua.ducha.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import cn.jinhua.ducha.store.AuditChain;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.StoreException;
import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Webhook delivery to a real receiver on loopback, on H2 and PostgreSQL: filters, Standard Webhooks signatures,
 * retries with backoff across an outage with the clock moved rather than waited for, and the robots' Chinese
 * markdown.
 */
class WebhooksTests extends WithReceiver {

    private static final Instant START = Instant.parse("2023-10-26T02:00:00Z");

    WebhooksTests() {
        super(START);
    }

    /** An endpoint whose messages the receiver takes at {@code path}, verifying them with its secret. */
    private Webhooks.Endpoint endpoint(Webhooks webhooks, String path, Webhooks.Format format, Set<String> levels,
                                       Set<String> units, Set<Integer> tasks) {
        Webhooks.Endpoint endpoint = webhooks.add(path.substring(1), receiver.url(path), format, levels, units, tasks,
                "tester");
        receiver.trust(path, endpoint.secret());
        return endpoint;
    }

    /** Pujiang alone sends its 2023-09 sheet (T05.1 far behind) and the period is judged. */
    private Supervision judgePujiangAlone(Store store) {
        Sheets.pujiang(store, rulebook, 66);
        Supervision supervision = new Supervision(store, Duration.ofDays(15));
        supervision.evaluate(rulebook, SEPTEMBER, "督查室");
        return supervision;
    }

    private static List<Long> ids(Supervision supervision, Predicate<TrackedAlert> filter) {
        return supervision.list(filter).stream().map(TrackedAlert::id).toList();
    }

    /** The alert ids the receiver got at {@code path}, from the Standard Webhooks bodies. */
    private List<Long> alertsReceived(String path) {
        return receiver.requests(path).stream().map(r -> r.json().path("data").path("id").asLong()).toList();
    }

    private static Integer task(TrackedAlert alert) {
        return alert.commitment() != null && alert.commitment().startsWith("T")
                ? Integer.valueOf(alert.commitment().substring(1, 3)) : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void deliversSignedAlertChangesOnlyToEndpointsWhoseLevelAndUnitFiltersMatch(TestDatabases.Database database) {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            endpoint(webhooks, "/all", Webhooks.Format.STANDARD, Set.of(), Set.of(), Set.of());
            endpoint(webhooks, "/red-pujiang", Webhooks.Format.STANDARD, Set.of("RED"), Set.of("pujiang"), Set.of());
            endpoint(webhooks, "/yellow", Webhooks.Format.STANDARD, Set.of("YELLOW"), Set.of(), Set.of());
            endpoint(webhooks, "/red-yiwu", Webhooks.Format.STANDARD, Set.of("RED"), Set.of("yiwu"), Set.of());
            Supervision supervision = judgePujiangAlone(store);
            TrackedAlert red = supervision.list(t -> t.unit().equals("pujiang") && "T05.1".equals(t.commitment()))
                    .get(0);

            List<Webhooks.Delivery> attempts = webhooks.deliver(clock.instant(), client);

            assertThat(alertsReceived("/all")).containsExactlyInAnyOrderElementsOf(ids(supervision, t -> true));
            assertThat(alertsReceived("/red-pujiang")).containsExactly(red.id());
            assertThat(alertsReceived("/yellow"))
                    .containsExactlyInAnyOrderElementsOf(ids(supervision, t -> t.level().equals("YELLOW")))
                    .isNotEmpty();
            assertThat(receiver.requests("/red-yiwu")).as("yiwu sent no sheet: a data alert, not a red one").isEmpty();

            assertThat(receiver.requests()).allSatisfy(r -> {
                assertThat(r.verified()).as("signature of %s", r.id()).isTrue();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().path("type").asString()).isEqualTo("alert.opened");
                assertThat(r.json().propertyNames()).as("Standard Webhooks: type, timestamp, data")
                        .containsExactly("type", "timestamp", "data");
                assertThat(Instant.parse(r.json().path("timestamp").asString())).isEqualTo(START);
                assertThat(Long.parseLong(r.timestamp())).isEqualTo(START.getEpochSecond());
            });
            assertThat(receiver.requests("/red-pujiang")).singleElement().satisfies(r -> {
                JsonNode data = r.json().path("data");
                assertThat(data.path("unit").asString()).isEqualTo("pujiang");
                assertThat(data.path("commitment").asString()).isEqualTo("T05.1");
                assertThat(data.path("level").asString()).isEqualTo("RED");
                assertThat(data.path("state").asString()).isEqualTo("OPEN");
                assertThat(data.path("event").asString()).isEqualTo("OPENED");
                assertThat(data.path("period").asString()).isEqualTo("2023-09");
                assertThat(Instant.parse(data.path("deadline").asString())).isEqualTo(red.deadline());
                assertThat(data.path("responsible").valueStream().map(JsonNode::asString).toList())
                        .containsExactly("浦江县", "市政管办(放管服办)");
                assertThat(data.path("message").asString()).isEqualTo(red.message());
            });

            List<Webhooks.Delivery> history = webhooks.deliveries();
            assertThat(receiver.requests()).extracting(Receiver.Request::id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(history.stream().map(Webhooks.Delivery::id).toList());
            assertThat(attempts).hasSameSizeAs(history);
            assertThat(history).allSatisfy(d -> {
                assertThat(d.delivered()).isTrue();
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastStatus()).isEqualTo(200);
                assertThat(d.lastAttemptAt()).isEqualTo(START);
            });
            assertThat(webhooks.deliver(clock.advance(Duration.ofDays(1)), client)).as("nothing left to send").isEmpty();
            assertThat(receiver.requests()).hasSameSizeAs(history);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void deliversToAnEndpointFilteredByTaskOnlyTheAlertsOfThatTask(TestDatabases.Database database) {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            endpoint(webhooks, "/task-5", Webhooks.Format.STANDARD, Set.of(), Set.of(), Set.of(5));
            endpoint(webhooks, "/task-6-pujiang", Webhooks.Format.STANDARD, Set.of(), Set.of("pujiang"), Set.of(6));
            endpoint(webhooks, "/tasks-7-28", Webhooks.Format.STANDARD, Set.of("RED"), Set.of(), Set.of(7, 28));
            // the run also raises data alerts and alerts of the overall goals, which belong to no task
            Supervision supervision = judgePujiangAlone(store);

            webhooks.deliver(clock.instant(), client);

            assertThat(alertsReceived("/task-5")).containsExactlyInAnyOrderElementsOf(
                    ids(supervision, t -> Integer.valueOf(5).equals(task(t)))).isNotEmpty();
            assertThat(alertsReceived("/task-6-pujiang")).containsExactlyInAnyOrderElementsOf(
                    ids(supervision, t -> t.unit().equals("pujiang") && Integer.valueOf(6).equals(task(t))))
                    .isNotEmpty();
            assertThat(alertsReceived("/tasks-7-28")).containsExactlyInAnyOrderElementsOf(ids(supervision,
                    t -> t.level().equals("RED") && Set.of(7, 28).contains(task(t)))).isNotEmpty();
            assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.verified()).isTrue());
        }
    }

    @Test
    void signsAsTheStandardWebhooksReferenceDoes() {
        // the published test vector of the Standard Webhooks reference libraries
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        String body = "{\"test\": 2432232314}";
        String expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

        assertThat(Signature.sign(secret, id, 1614265330, body)).isEqualTo(expected);
        assertThat(Signature.verify(secret, id, 1614265330, body, "v1,bm9wZQ== " + expected)).isTrue();
        assertThat(Signature.verify(secret, id, 1614265330, body + " ", expected)).as("body altered").isFalse();
        assertThat(Signature.verify(secret, id, 1614265331, body, expected)).as("timestamp altered").isFalse();
        assertThat(Signature.verify(secret, "msg_other", 1614265330, body, expected)).as("id altered").isFalse();
        assertThat(Signature.verify(Signature.newSecret(), id, 1614265330, body, expected)).as("other secret")
                .isFalse();
        assertThat(Signature.newSecret()).startsWith("whsec_").isNotEqualTo(Signature.newSecret());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void retriesAcrossAnHourLongOutageAndDeliversEveryMessageOnceUnderItsFirstId(TestDatabases.Database database)
            throws IOException {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            Webhooks.Endpoint pujiang = endpoint(webhooks, "/pujiang", Webhooks.Format.STANDARD, Set.of(),
                    Set.of("pujiang"), Set.of());
            judgePujiangAlone(store);
            webhooks.enqueueTest(pujiang.id(), "tester");
            List<String> queued = webhooks.deliveries().stream().map(Webhooks.Delivery::id).toList();
            assertThat(queued).hasSizeGreaterThanOrEqualTo(3);

            receiver.stop();
            Instant first = clock.instant();
            assertThat(webhooks.deliver(first, client)).hasSize(queued.size()).allSatisfy(d -> {
                assertThat(d.delivered()).isFalse();
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastStatus()).isNull();
                assertThat(d.lastError()).isNotBlank();
            });

            // the receiver stays away for well over an hour: down, then up but answering 503
            List<Instant> schedule = new ArrayList<>(List.of(first));
            Instant last = first;
            for (int attempt = 1; last.isBefore(first.plus(Duration.ofHours(2))); attempt++) {
                Duration wait = Webhooks.BACKOFF.get(Math.min(attempt, Webhooks.BACKOFF.size()) - 1);
                Instant due = last.plus(wait);
                clock.set(due.minusSeconds(1));
                assertThat(webhooks.deliver(due.minusSeconds(1), client)).as("attempt %d before it is due", attempt + 1)
                        .isEmpty();
                if (attempt == 3) {
                    receiver.restart();
                    receiver.answer(503);
                }
                clock.set(due);
                int number = attempt + 1;
                assertThat(webhooks.deliver(due, client)).as("attempt %d when due", number)
                        .hasSize(queued.size()).allSatisfy(d -> {
                            assertThat(d.delivered()).isFalse();
                            assertThat(d.attempts()).isEqualTo(number);
                            assertThat(d.lastAttemptAt()).isEqualTo(due);
                        });
                schedule.add(due);
                last = due;
            }
            assertThat(receiver.requests()).as("the receiver saw the 503 attempts").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(503));
            assertThat(webhooks.deliveries()).allSatisfy(d -> {
                assertThat(d.delivered()).isFalse();
                assertThat(d.lastStatus()).isEqualTo(503);
            });

            receiver.answer(200);
            Instant back = last.plus(Webhooks.BACKOFF.get(Webhooks.BACKOFF.size() - 1));
            clock.set(back);
            assertThat(webhooks.deliver(back, client)).hasSize(queued.size())
                    .allSatisfy(d -> assertThat(d.delivered()).isTrue());
            schedule.add(back);
            assertThat(webhooks.deliver(clock.advance(Duration.ofDays(1)), client)).isEmpty();

            Map<String, List<Receiver.Request>> byId = receiver.requests().stream()
                    .collect(Collectors.groupingBy(Receiver.Request::id));
            assertThat(byId.keySet()).as("no id but the ones first queued").containsExactlyInAnyOrderElementsOf(queued);
            byId.forEach((id, requests) -> {
                assertThat(requests).as("2xx answers for %s", id).filteredOn(Receiver.Request::succeeded).hasSize(1);
                assertThat(requests.get(requests.size() - 1).succeeded()).isTrue();
                assertThat(requests).extracting(Receiver.Request::body).as("the same message each time").containsOnly(
                        requests.get(0).body());
                assertThat(requests).allSatisfy(r -> assertThat(r.verified()).isTrue());
                assertThat(requests).extracting(Receiver.Request::timestamp).as("a fresh timestamp each attempt")
                        .doesNotHaveDuplicates();
            });
            assertThat(webhooks.deliveries()).hasSize(queued.size()).allSatisfy(d -> {
                assertThat(d.delivered()).isTrue();
                assertThat(d.attempts()).isEqualTo(schedule.size());
                assertThat(d.lastStatus()).isEqualTo(200);
                assertThat(d.lastError()).isNull();
                assertThat(d.lastAttemptAt()).isEqualTo(back);
            });
            for (String id : queued) {
                assertThat(store.jdbc().sql("select at from delivery_attempt where delivery_id = ? order by attempt")
                        .param(id).query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list())
                        .as("the attempts of %s, each when it was due", id).containsExactlyElementsOf(schedule);
            }
        }
    }

    @Test
    void twoSendersSharingOnePostgresDeliverEachMessageOnce() throws Exception {
        // the scheduler of one instance and `ducha webhooks deliver` of another, on the same outbox
        assumeTrue(TestDatabases.PG_ADMIN != null && !TestDatabases.PG_ADMIN.isBlank(), "DUCHA_TEST_PG is not set");
        String url = TestDatabases.postgres(dir);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Store first = Store.open(url, null, null, clock); Store second = Store.open(url, null, null, clock)) {
            endpoint(webhooks(first), "/pujiang", Webhooks.Format.STANDARD, Set.of(), Set.of("pujiang"), Set.of());
            judgePujiangAlone(first);
            List<String> queued = webhooks(first).deliveries().stream().map(Webhooks.Delivery::id).toList();
            List<RuntimeException> failures = new CopyOnWriteArrayList<>();
            Function<Store, Callable<Void>> sender = store -> () -> {
                try {
                    webhooks(store).deliver(clock.instant(), client);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                return null;
            };

            // the first sender is held in the middle of its pass (its request unanswered) while the second runs
            // a whole pass: overlap proven by the latch, not hoped for by a delay
            Receiver.Hold held = receiver.hold();
            Future<Void> a = threads.submit(sender.apply(first));
            assertThat(held.arrived().await(30, TimeUnit.SECONDS)).as("the first sender is mid-pass").isTrue();
            Future<Void> b = threads.submit(sender.apply(second));
            b.get(60, TimeUnit.SECONDS);
            assertThat(a.isDone()).as("the second pass ended while the first was still held").isFalse();
            held.release();
            a.get(60, TimeUnit.SECONDS);

            assertThat(receiver.requests()).extracting(Receiver.Request::id).as("messages received")
                    .containsExactlyInAnyOrderElementsOf(queued);
            assertThat(failures).as("senders that failed").isEmpty();
            assertThat(webhooks(first).deliveries()).allSatisfy(d -> {
                assertThat(d.delivered()).isTrue();
                assertThat(d.attempts()).isEqualTo(1);
            });
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void dingTalkAndWeComRobotsGetAChineseMarkdownText(TestDatabases.Database database) {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            endpoint(webhooks, "/dingtalk", Webhooks.Format.DINGTALK, Set.of("RED"), Set.of("pujiang"), Set.of());
            endpoint(webhooks, "/wecom", Webhooks.Format.WECOM, Set.of("RED"), Set.of("pujiang"), Set.of());
            judgePujiangAlone(store);

            webhooks.deliver(clock.instant(), client);

            assertThat(receiver.requests("/dingtalk")).singleElement().satisfies(r -> {
                assertThat(r.verified()).isTrue();
                JsonNode body = r.json();
                assertThat(body.path("msgtype").asString()).isEqualTo("markdown");
                assertThat(body.path("markdown").path("title").asString()).contains("督查预警");
                assertChineseAlert(body.path("markdown").path("text").asString());
            });
            assertThat(receiver.requests("/wecom")).singleElement().satisfies(r -> {
                assertThat(r.verified()).isTrue();
                JsonNode body = r.json();
                assertThat(body.path("msgtype").asString()).isEqualTo("markdown");
                assertChineseAlert(body.path("markdown").path("content").asString());
            });
        }
    }

    private static void assertChineseAlert(String markdown) {
        assertThat(markdown).startsWith("### 督查预警")
                .contains("【红色预警】浦江县 2023-09 跨省通办事项优化 66 项")
                .contains("责任单位").contains("浦江县、市政管办(放管服办)")
                .contains("整改期限").contains("2023-11-10")
                .contains(AlertState.OPEN.label());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void sendsAQueuedTestMessageToItsEndpointOnly(TestDatabases.Database database) {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            Webhooks.Endpoint tested = endpoint(webhooks, "/tested", Webhooks.Format.STANDARD, Set.of(), Set.of(),
                    Set.of());
            endpoint(webhooks, "/other", Webhooks.Format.STANDARD, Set.of(), Set.of(), Set.of());

            String id = webhooks.enqueueTest(tested.id(), "王督查");
            assertThat(webhooks.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.id()).isEqualTo(id);
                assertThat(d.type()).isEqualTo("webhook.test");
                assertThat(d.attempts()).isZero();
                assertThat(d.delivered()).isFalse();
            });
            webhooks.deliver(clock.instant(), client);

            assertThat(receiver.requests("/other")).isEmpty();
            assertThat(receiver.requests("/tested")).singleElement().satisfies(r -> {
                assertThat(r.id()).isEqualTo(id);
                assertThat(r.verified()).isTrue();
                assertThat(r.json().path("type").asString()).isEqualTo("webhook.test");
                assertThat(r.json().path("data").path("text").asString()).contains("推送测试").contains("王督查");
            });
            assertThatThrownBy(() -> webhooks.enqueueTest(tested.id() + 100, "王督查"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void listsEndpointsWithTheirFiltersAndKeepsThemInTheAuditChain(TestDatabases.Database database) {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            Webhooks.Endpoint added = webhooks.add("浦江县营商办", receiver.url("/pujiang"), Webhooks.Format.DINGTALK,
                    Set.of("RED", "YELLOW"), Set.of("pujiang"), Set.of(5, 6), "tester");

            assertThatThrownBy(() -> webhooks.add("ftp", "ftp://127.0.0.1/hook", Webhooks.Format.STANDARD, Set.of(),
                    Set.of(), Set.of(), "tester")).isInstanceOf(IllegalArgumentException.class);

            assertThat(webhooks.list()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(added.id());
                assertThat(e.url()).isEqualTo(receiver.url("/pujiang"));
                assertThat(e.secret()).isEqualTo(added.secret()).startsWith("whsec_");
                assertThat(e.format()).isEqualTo(Webhooks.Format.DINGTALK);
                assertThat(e.levels()).containsExactlyInAnyOrder("RED", "YELLOW");
                assertThat(e.units()).containsExactly("pujiang");
                assertThat(e.tasks()).containsExactlyInAnyOrder(5, 6);
            });
            assertThat(store.jdbc().sql("select ref from audit_entry where kind = ?")
                    .param(AuditChain.Kind.WEBHOOK.name()).query(String.class).list())
                    .containsExactly(Long.toString(added.id()));
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void standardBodiesAreTheStandardWebhooksEnvelopeWithThePayloadInData(TestDatabases.Database database)
            throws InterruptedException {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            Webhooks.Endpoint standard = endpoint(webhooks, "/standard", Webhooks.Format.STANDARD, Set.of(), Set.of(),
                    Set.of());
            clock.set(Instant.parse("2023-10-26T02:00:00.250Z"));
            webhooks.enqueueTest(standard.id(), "王督查");
            clock.advance(Duration.ofMinutes(1));

            webhooks.deliver(clock.instant(), client);

            JsonNode body = receiver.next(Duration.ofSeconds(30)).json();
            assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
            assertThat(body.path("type").asString()).isEqualTo("webhook.test");
            assertThat(body.path("timestamp").asString()).as("ISO-8601, when the message was written")
                    .isEqualTo("2023-10-26T02:00:00.250Z");
            assertThat(body.path("data").isObject()).isTrue();
            assertThat(body.path("data").path("text").asString()).contains("王督查");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void twoInstancesTickingAtOnceOnOneDatabaseSendEachMessageOnce(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (Store first = Store.open(url, null, null, clock); Store second = Store.open(url, null, null, clock)) {
            endpoint(webhooks(first), "/pujiang", Webhooks.Format.STANDARD, Set.of(), Set.of("pujiang"), Set.of());
            judgePujiangAlone(first);
            List<String> queued = webhooks(first).deliveries().stream().map(Webhooks.Delivery::id).toList();
            assertThat(queued).hasSizeGreaterThanOrEqualTo(2);
            Receiver.Hold hold = receiver.hold();

            Future<List<Webhooks.Delivery>> one = threads.submit(() -> webhooks(first).deliver(clock.instant(), client));
            // the first instance is inside its pass, its first request held at the receiver: the second ticks now
            assertThat(hold.arrived().await(60, TimeUnit.SECONDS)).as("the first instance is sending").isTrue();
            List<Webhooks.Delivery> other = webhooks(second).deliver(clock.instant(), client);
            hold.release();
            List<Webhooks.Delivery> sent = one.get(60, TimeUnit.SECONDS);

            assertThat(other).as("what the second instance sent while the first was sending").isEmpty();
            assertThat(sent).extracting(Webhooks.Delivery::id).containsExactlyInAnyOrderElementsOf(queued);
            assertThat(webhooks(second).deliver(clock.instant(), client)).as("nothing left after the pass").isEmpty();
            assertThat(receiver.requests()).extracting(Receiver.Request::id).as("messages received")
                    .containsExactlyInAnyOrderElementsOf(queued);
            assertThat(webhooks(second).deliveries()).allSatisfy(d -> {
                assertThat(d.delivered()).isTrue();
                assertThat(d.attempts()).isEqualTo(1);
            });
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void givesUpAfterThirtyFailedAttemptsAboutADayAndKeepsTheDeadLetter(TestDatabases.Database database) {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            Webhooks.Endpoint down = endpoint(webhooks, "/down", Webhooks.Format.STANDARD, Set.of(), Set.of(),
                    Set.of());
            receiver.answer(503);
            String id = webhooks.enqueueTest(down.id(), "tester");
            Instant first = clock.instant();

            giveUp(webhooks, 0);
            Instant last = clock.instant();
            assertThat(Duration.between(first, last)).as("from the first attempt to the last")
                    .isBetween(Duration.ofHours(23), Duration.ofHours(24));

            receiver.answer(200);
            assertThat(webhooks.deliver(clock.advance(Duration.ofDays(30)), client)).as("a dead letter is not sent")
                    .isEmpty();
            assertThat(receiver.requests()).hasSize(Webhooks.MAX_ATTEMPTS)
                    .allSatisfy(r -> assertThat(r.id()).isEqualTo(id));
            assertThat(webhooks.deadLetters(10)).singleElement().satisfies(d -> {
                assertThat(d.id()).isEqualTo(id);
                assertThat(d.dead()).isTrue();
                assertThat(d.pending()).isFalse();
                assertThat(d.attempts()).isEqualTo(Webhooks.MAX_ATTEMPTS);
                assertThat(d.lastAttemptAt()).isEqualTo(last);
            });
            assertThat(webhooks.counts()).isEqualTo(new Webhooks.Counts(0, 0, 1));
            assertThat(store.verify().intact()).as("the audit chain").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void aDeadLetterSentAgainHasANewRoundOfAttemptsTheSameIdAndIsInTheAuditChain(TestDatabases.Database database) {
        try (Store store = open(database)) {
            Webhooks webhooks = webhooks(store);
            Webhooks.Endpoint down = endpoint(webhooks, "/down", Webhooks.Format.STANDARD, Set.of(), Set.of(),
                    Set.of());
            receiver.answer(503);
            String id = webhooks.enqueueTest(down.id(), "tester");
            giveUp(webhooks, 0);
            assertThatThrownBy(() -> webhooks.requeue("msg_none", "admin")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("there is no delivery msg_none");

            // the receiver is still down: a new round of attempts, waits from the first again, dead after 30 more
            Webhooks.Delivery again = webhooks.requeue(id, "admin");
            assertThat(again.dead()).isFalse();
            assertThat(again.pending()).isTrue();
            assertThat(again.attempts()).isEqualTo(Webhooks.MAX_ATTEMPTS);
            assertThat(webhooks.counts()).isEqualTo(new Webhooks.Counts(1, 0, 0));
            assertThat(webhooks.pending(clock.instant())).extracting(Webhooks.Due::id).as("due at once")
                    .containsExactly(id);
            assertThatThrownBy(() -> webhooks.requeue(id, "admin")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("still being tried");
            giveUp(webhooks, Webhooks.MAX_ATTEMPTS);

            // back up: sent again, delivered, with the id it always had
            receiver.answer(200);
            webhooks.requeue(id, "admin");
            assertThat(webhooks.deliver(clock.instant(), client)).singleElement().satisfies(d -> {
                assertThat(d.delivered()).isTrue();
                assertThat(d.attempts()).isEqualTo(2 * Webhooks.MAX_ATTEMPTS + 1);
            });
            assertThat(receiver.requests()).hasSize(2 * Webhooks.MAX_ATTEMPTS + 1)
                    .allSatisfy(r -> assertThat(r.id()).isEqualTo(id));
            assertThat(webhooks.counts()).isEqualTo(new Webhooks.Counts(0, 1, 0));
            assertThatThrownBy(() -> webhooks.requeue(id, "admin")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("is delivered, not a dead letter");

            List<Long> requeues = store.jdbc().sql("select id from delivery_requeue where delivery_id = ? order by id")
                    .param(id).query(Long.class).list();
            assertThat(requeues).hasSize(2);
            assertThat(store.jdbc().sql("select requeued_by from delivery_requeue").query(String.class).list())
                    .containsOnly("admin");
            assertThat(store.jdbc().sql("select ref from audit_entry where kind = ? order by seq")
                    .param(AuditChain.Kind.DELIVERY_REQUEUE.name()).query(String.class).list())
                    .containsExactly(requeues.get(0).toString(), requeues.get(1).toString());
            assertThat(store.verify().intact()).as("the audit chain").isTrue();
            assertThatThrownBy(() -> store.jdbc().sql("update delivery_requeue set requeued_by = 'someone else'")
                    .update()).as("who asked cannot be rewritten").isInstanceOf(RuntimeException.class);
        }
    }

    /**
     * Fails every attempt of one round (the receiver answering 503) until the delivery is a dead letter, moving the
     * clock by each wait in between; {@code before}: the attempts made before the round.
     */
    private void giveUp(Webhooks webhooks, int before) {
        for (int attempt = 1; attempt <= Webhooks.MAX_ATTEMPTS; attempt++) {
            int number = attempt;
            assertThat(webhooks.deliver(clock.instant(), client)).as("attempt %d of the round", attempt)
                    .singleElement().satisfies(d -> {
                        assertThat(d.attempts()).isEqualTo(before + number);
                        assertThat(d.lastStatus()).isEqualTo(503);
                        assertThat(d.delivered()).isFalse();
                        assertThat(d.dead()).as("dead after attempt %d of the round", number)
                                .isEqualTo(number == Webhooks.MAX_ATTEMPTS);
                    });
            if (attempt < Webhooks.MAX_ATTEMPTS) {
                assertThat(webhooks.deliver(clock.instant(), client)).as("nothing due before the wait").isEmpty();
                clock.advance(Webhooks.backoff(attempt));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void aPassReadsOnlyDeliveriesStillPendingAndDue(TestDatabases.Database database) throws IOException {
        String url = database.create(dir);
        try (Store store = Store.open(url, null, null, clock)) {
            Webhooks webhooks = webhooks(store);
            Webhooks.Endpoint ok = endpoint(webhooks, "/ok", Webhooks.Format.STANDARD, Set.of(), Set.of(), Set.of());
            Webhooks.Endpoint gone;
            try (Receiver elsewhere = Receiver.start()) {
                gone = webhooks.add("gone", elsewhere.url("/gone"), Webhooks.Format.STANDARD, Set.of(), Set.of(),
                        Set.of(), "tester");
            }
            String dead = webhooks.enqueueTest(gone.id(), "tester");
            for (int attempt = 1; attempt <= Webhooks.MAX_ATTEMPTS; attempt++) {
                webhooks.deliver(clock.instant(), client);
                clock.advance(Webhooks.backoff(attempt));
            }
            for (int i = 0; i < 3; i++) {
                webhooks.enqueueTest(ok.id(), "tester");
            }
            webhooks.deliver(clock.instant(), client);
            String waiting = webhooks.enqueueTest(gone.id(), "tester");
            webhooks.deliver(clock.instant(), client);
            String due1 = webhooks.enqueueTest(ok.id(), "tester");
            String due2 = webhooks.enqueueTest(ok.id(), "tester");
            assertThat(webhooks.counts()).isEqualTo(new Webhooks.Counts(3, 3, 1));
            assertThat(webhooks.deadLetters(10)).extracting(Webhooks.Delivery::id).containsExactly(dead);

            assertThat(webhooks.pending(clock.instant())).extracting(Webhooks.Due::id)
                    .as("neither the delivered, nor the dead letter, nor the one waiting 5 s to be retried")
                    .containsExactlyInAnyOrder(due1, due2);
            assertThat(webhooks.pending(clock.instant().plus(Webhooks.backoff(1)))).extracting(Webhooks.Due::id)
                    .containsExactlyInAnyOrder(due1, due2, waiting);
            if (url.startsWith("jdbc:h2:")) {
                assertThat(store.jdbc().sql("explain " + Webhooks.PENDING)
                        .param(OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
                        .query(String.class).single())
                        .as("the plan reads the pending rows through the index").containsIgnoringCase(
                                "/* PUBLIC.DELIVERY_STATE_PENDING:");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void refusesToConnectWhenTheEndpointIsNoLongerAPublicAddressAndRecordsWhy(TestDatabases.Database database) {
        try (Store store = open(database)) {
            Webhooks.Endpoint endpoint = endpoint(webhooks(store), "/rebound", Webhooks.Format.STANDARD, Set.of(),
                    Set.of(), Set.of());
            String id = webhooks(store).enqueueTest(endpoint.id(), "tester");

            // a sender that allows public addresses only, as if the name now resolved to loopback
            assertThat(new Webhooks(store).deliver(clock.instant(), client)).singleElement().satisfies(d -> {
                assertThat(d.id()).isEqualTo(id);
                assertThat(d.delivered()).isFalse();
                assertThat(d.lastStatus()).isNull();
                assertThat(d.lastError()).startsWith("未连接 refused").contains("环回").contains("a loopback")
                        .contains("127.0.0.1");
            });
            assertThat(receiver.requests()).as("nothing reached the receiver").isEmpty();
        }
    }
}
