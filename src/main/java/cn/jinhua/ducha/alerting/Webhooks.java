package cn.jinhua.ducha.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import cn.jinhua.ducha.store.AuditChain;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.StoreException;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook endpoints, with filters by level, unit and task, and their outbox. A delivery is written in the same
 * transaction as the alert change it announces; its id is the {@code webhook-id} of every attempt, so a receiver
 * can tell a retry from a new message. Deliveries are retried with backoff until the receiver answers 2xx, for at
 * most {@link #MAX_ATTEMPTS} attempts (about a day); then the delivery is a dead letter and is tried no more.
 * Where each delivery stands (attempts, when it is next due, delivered, dead) is kept in {@code delivery_state},
 * so that a sender reads only what is pending and due, never the whole history.
 */
public final class Webhooks {

    /** What the body looks like: Standard Webhooks JSON, or a DingTalk or WeCom robot's markdown message. */
    public enum Format { STANDARD, DINGTALK, WECOM }

    /** The waits before the 2nd, 3rd ... attempt; after the last, once an hour, up to {@link #MAX_ATTEMPTS}. */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1));

    /**
     * The attempts a delivery gets before it is given up as a dead letter: the first, the seven of the backoff (done
     * within about two hours) and 22 hourly ones, so that a receiver down for a day still gets the message.
     */
    public static final int MAX_ATTEMPTS = 30;

    /** How many due deliveries one pass sends at most: at 10 s a timeout, well within the lock's 30 minutes. */
    static final int BATCH = 100;

    /** The alert level a 催报 answers to in an endpoint's level filter: the DATA alert of a sheet not sent. */
    static final String REMINDER_LEVEL = "DATA";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> HEADINGS = Map.of("OPENED", "新预警 new alert", "REOPENED",
            "预警重现 alert re-opened", "ESCALATED", "督办升级 escalated", "RESOLVED", "预警解除 resolved", "CLOSED",
            "预警关闭 closed");

    private final Store store;
    private final Destinations destinations;
    private final LockingTaskExecutor locks;

    /** Webhooks that reach public addresses only. */
    public Webhooks(Store store) {
        this(store, Destinations.publicOnly());
    }

    public Webhooks(Store store, Destinations destinations) {
        this.store = store;
        this.destinations = destinations;
        this.locks = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider
                .Configuration.builder().withJdbcTemplate(new JdbcTemplate(store.dataSource())).usingDbTime().build()));
    }

    /** A configured endpoint; empty filters accept everything. */
    public record Endpoint(long id, String name, String url, String secret, Format format, Set<String> levels,
                           Set<String> units, Set<Integer> tasks) {

        boolean accepts(TrackedAlert alert) {
            Integer task = alert.commitment() != null && alert.commitment().matches("T\\d{2}\\..*")
                    ? Integer.valueOf(alert.commitment().substring(1, 3)) : null;
            return (levels.isEmpty() || levels.contains(alert.level()))
                    && (units.isEmpty() || units.contains(alert.unit()))
                    && (tasks.isEmpty() || task != null && tasks.contains(task));
        }

        /**
         * Whether a 催报 for {@code unit}, which owes values of {@code tasksOwed} in the sheet it has not sent, is
         * for this endpoint. A missing sheet is what a DATA alert reports once the deadline has passed, so a level
         * filter takes reminders when it names DATA; a task filter takes them for the units that owe a value of one
         * of its tasks.
         */
        boolean acceptsReminder(String unit, Set<Integer> tasksOwed) {
            return (levels.isEmpty() || levels.contains(REMINDER_LEVEL))
                    && (units.isEmpty() || units.contains(unit))
                    && (tasks.isEmpty() || tasksOwed.stream().anyMatch(tasks::contains));
        }
    }

    /** A delivery and how its attempts went; a dead one was given up after {@link #MAX_ATTEMPTS} attempts. */
    public record Delivery(String id, long webhook, String type, Instant createdAt, int attempts, Integer lastStatus,
                           String lastError, Instant lastAttemptAt, boolean delivered, boolean dead) {

        /** Neither delivered nor given up: it will be tried again. */
        public boolean pending() {
            return !delivered && !dead;
        }
    }

    /** How many deliveries are pending, delivered and dead, counted in the store. */
    public record Counts(long pending, long delivered, long dead) {
    }

    /**
     * Adds an endpoint with a fresh signing secret; in the audit chain.
     *
     * @throws Destinations.Refused when the URL is not http(s), or reaches a non-public address that is not allowed
     */
    public Endpoint add(String name, String url, Format format, Set<String> levels, Set<String> units,
                        Set<Integer> tasks, String by) {
        destinations.check(url);
        String secret = Signature.newSecret();
        return store.inTransaction(() -> {
            store.jdbc().sql("""
                            insert into webhook (name, url, secret, format, levels, units, tasks, created_by, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(name, url, secret, format.name(), join(levels), join(units), join(tasks), by,
                            OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC))
                    .update();
            long id = store.jdbc().sql("select max(id) from webhook").query(Long.class).single();
            store.audit().append(AuditChain.Kind.WEBHOOK, Long.toString(id));
            return new Endpoint(id, name, url, secret, format, levels, units, tasks);
        });
    }

    public List<Endpoint> list() {
        return store.jdbc().sql("select * from webhook order by id").query(Webhooks::endpoint).list();
    }

    /** Writes a delivery for every endpoint that wants this change; call inside the change's transaction. */
    void enqueue(TrackedAlert alert, AlertEvent event) {
        for (Endpoint endpoint : list()) {
            if (endpoint.accepts(alert)) {
                write(endpoint, "alert." + event.event().toLowerCase(),
                        body(endpoint.format(), alert, event, store.now()), event.id());
            }
        }
    }

    /** Queues a test message to one endpoint, to be sent by the next {@link #deliver}. */
    public String enqueueTest(long endpointId, String by) {
        Endpoint endpoint = list().stream().filter(e -> e.id() == endpointId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("没有推送地址 %d / there is no webhook %d"
                        .formatted(endpointId, endpointId)));
        String text = "督查 Ducha 推送测试 / test message from Ducha (" + by + ")";
        return store.inTransaction(() -> write(endpoint, "webhook.test", text(endpoint.format(), "webhook.test", text,
                Map.of("text", text), store.now()), null));
    }

    /**
     * Queues a 催报 reminder for a unit that has not sent its sheet, to every endpoint whose filters take it
     * ({@link Endpoint#acceptsReminder}): its unit, DATA among its levels, one of {@code tasksOwed} among its tasks.
     *
     * @param tasksOwed the numbers of the tasks whose values the unit owes in the sheet for {@code period}
     */
    public void enqueueReminder(String unit, String unitName, String period, LocalDate deadline,
                                Set<Integer> tasksOwed) {
        String text = "【催报】%s 尚未报送 %s 报表，报送截止 %s / %s has not sent its sheet for %s; due %s"
                .formatted(unitName, period, deadline, unit, period, deadline);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit", unit);
        data.put("period", period);
        data.put("deadline", deadline.toString());
        data.put("message", text);
        for (Endpoint endpoint : list()) {
            if (endpoint.acceptsReminder(unit, tasksOwed)) {
                write(endpoint, "sheet.reminder", text(endpoint.format(), "sheet.reminder", text, data, store.now()),
                        null);
            }
        }
    }

    private String write(Endpoint endpoint, String type, String body, Long eventId) {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        OffsetDateTime now = OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC);
        store.jdbc().sql("insert into delivery (id, webhook_id, event_id, type, body, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, endpoint.id(), eventId, type, body, now)
                .update();
        store.jdbc().sql("""
                        insert into delivery_state (delivery_id, attempts, next_attempt_at, delivered, dead)
                        values (?, 0, ?, false, false)""")
                .params(id, now).update();
        return id;
    }

    private static String body(Format format, TrackedAlert alert, AlertEvent event, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", alert.id());
        data.put("unit", alert.unit());
        data.put("commitment", alert.commitment());
        data.put("level", alert.level());
        data.put("state", alert.state().name());
        data.put("event", event.event());
        data.put("period", alert.period());
        data.put("deadline", alert.deadline() == null ? null : alert.deadline().toString());
        data.put("responsible", alert.responsible());
        data.put("message", alert.message());
        data.put("messageEn", alert.message(Locale.ENGLISH));
        String text = "### 督查预警 · %s\n\n%s\n\n- 状态 state：%s（%s）\n- 责任单位 responsible：%s\n- 整改期限 deadline：%s"
                .formatted(HEADINGS.getOrDefault(event.event(), event.event()), alert.message(), alert.state().label(),
                        event.event(), String.join("、", alert.responsible()),
                        alert.deadline() == null ? "—" : LocalDate.ofInstant(alert.deadline(), Supervision.ZONE));
        return text(format, "alert." + event.event().toLowerCase(), text, data, at);
    }

    /** The body for an endpoint's format; a Standard Webhooks body is {@code {type, timestamp, data}}. */
    private static String text(Format format, String type, String text, Map<String, Object> data, Instant at) {
        ObjectNode root = JSON.createObjectNode();
        switch (format) {
            case DINGTALK -> {
                root.put("msgtype", "markdown");
                ObjectNode markdown = root.putObject("markdown");
                markdown.put("title", "督查预警 Ducha");
                markdown.put("text", text);
            }
            case WECOM -> {
                root.put("msgtype", "markdown");
                root.putObject("markdown").put("content", text);
            }
            case STANDARD -> {
                root.put("type", type);
                root.put("timestamp", at.toString());
                root.set("data", JSON.valueToTree(data));
            }
        }
        return JSON.writeValueAsString(root);
    }

    /**
     * Sends every delivery that is pending and due at {@code now} (up to {@link #BATCH} of them, oldest due first);
     * records each attempt. A delivery that fails its {@link #MAX_ATTEMPTS}th attempt becomes a dead letter.
     *
     * @return the attempts made, as deliveries after the attempt
     */
    public List<Delivery> deliver(Instant now, HttpClient client) {
        // one sender at a time across processes and instances: a delivery is never sent twice at once
        LockingTaskExecutor.TaskResult<List<Delivery>> result;
        try {
            result = locks.executeWithLock(() -> send(now, client),
                    new LockConfiguration(Instant.now(), "ducha-deliveries", Duration.ofMinutes(30), Duration.ZERO));
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return result.wasExecuted() ? result.getResult() : List.of();
    }

    /** A delivery the sender is to attempt: what the pending query reads. */
    record Due(String id, long webhook, int attempts, int requeuedAfter, String body) {
    }

    /** Pending (not delivered, not dead) and due; through the index delivery_state_pending. */
    static final String PENDING = """
            select s.delivery_id, s.attempts, s.requeued_after, d.webhook_id, d.body
            from delivery_state s join delivery d on d.id = s.delivery_id
            where s.delivered = false and s.dead = false and s.next_attempt_at <= ?
            order by s.next_attempt_at, s.delivery_id
            fetch first %d rows only""".formatted(BATCH);

    /** The deliveries a pass at {@code now} attempts, oldest due first. */
    List<Due> pending(Instant now) {
        return store.jdbc().sql(PENDING).param(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query((rs, n) -> new Due(rs.getString("delivery_id"), rs.getLong("webhook_id"), rs.getInt("attempts"),
                        rs.getInt("requeued_after"), rs.getString("body")))
                .list();
    }

    private List<Delivery> send(Instant now, HttpClient client) {
        Map<Long, Endpoint> endpoints = list().stream().collect(Collectors.toMap(Endpoint::id, e -> e));
        List<Delivery> sent = new ArrayList<>();
        for (Due d : pending(now)) {
            Endpoint endpoint = endpoints.get(d.webhook());
            long timestamp = now.getEpochSecond();
            Integer status = null;
            String error = null;
            try {
                // again at each attempt: the name may resolve elsewhere since the endpoint was added. The client
                // follows no redirects, so the checked URL is the only one reached.
                // NOTE: HttpClient resolves the name once more to connect; the JVM's address cache (30 s) answers
                // it with what was just checked, but a pinned address would close the gap: revisit when the JDK's
                // HttpClient can be given a resolver.
                destinations.check(endpoint.url());
                HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                        .timeout(Duration.ofSeconds(10))
                        .header("content-type", "application/json; charset=utf-8")
                        .header("webhook-id", d.id())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", Signature.sign(endpoint.secret(), d.id(), timestamp, d.body()))
                        .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8))
                        .build();
                status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Destinations.Refused e) {
                error = "未连接 refused: " + e.reason();
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            record(d, now, status, error);
            sent.add(find(d.id()));
        }
        return sent;
    }

    /** The attempt in the history and where the delivery now stands, together. */
    private void record(Due d, Instant now, Integer status, String error) {
        int attempt = d.attempts() + 1;
        // a re-queued dead letter has a new round of attempts, counted from its re-queue
        int round = attempt - d.requeuedAfter();
        boolean delivered = status != null && status >= 200 && status <= 299;
        boolean dead = !delivered && round >= MAX_ATTEMPTS;
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        store.inTransaction(() -> {
            store.jdbc().sql("insert into delivery_attempt (delivery_id, attempt, at, status, error) values (?, ?, ?, ?, ?)")
                    .params(d.id(), attempt, at, status,
                            error == null ? null : error.substring(0, Math.min(error.length(), 1900)))
                    .update();
            store.jdbc().sql("""
                            update delivery_state set attempts = ?, next_attempt_at = ?, delivered = ?, dead = ?,
                                   dead_at = ?
                            where delivery_id = ?""")
                    .params(attempt, OffsetDateTime.ofInstant(now.plus(backoff(round)), ZoneOffset.UTC), delivered,
                            dead, dead ? at : null, d.id())
                    .update();
            return null;
        });
    }

    /** The wait after the {@code attempt}th attempt failed. */
    static Duration backoff(int attempt) {
        return BACKOFF.get(Math.min(attempt, BACKOFF.size()) - 1);
    }

    /**
     * Sends a dead letter again (the receiver is back, say): a new round of {@link #MAX_ATTEMPTS} attempts, due at
     * once, with the same id and body, so a receiver that had it after all de-duplicates it. Who asked is kept
     * (append-only) and chained in the audit trail.
     *
     * @throws IllegalArgumentException when there is no such delivery
     * @throws StoreException when it is not a dead letter (delivered, or still being tried)
     */
    public Delivery requeue(String deliveryId, String by) {
        return store.inTransaction(() -> {
            Delivery d = delivery(deliveryId).orElseThrow(() -> new IllegalArgumentException(
                            "没有推送 %s / there is no delivery %s".formatted(deliveryId, deliveryId)));
            if (!d.dead()) {
                throw new StoreException(("推送 %s %s，无需重发 / delivery %s is %s, not a dead "
                        + "letter: nothing to send again").formatted(deliveryId, d.delivered() ? "已送达" : "仍在重试",
                        deliveryId, d.delivered() ? "delivered" : "still being tried"));
            }
            OffsetDateTime now = OffsetDateTime.ofInstant(store.now(), ZoneOffset.UTC);
            store.jdbc().sql("""
                            insert into delivery_requeue (delivery_id, attempts_before, requeued_by, requeued_at)
                            values (?, ?, ?, ?)""")
                    .params(deliveryId, d.attempts(), by, now).update();
            long id = store.jdbc().sql("select max(id) from delivery_requeue where delivery_id = ?").param(deliveryId)
                    .query(Long.class).single();
            store.jdbc().sql("""
                            update delivery_state set dead = false, dead_at = null, next_attempt_at = ?,
                                   requeued_after = attempts
                            where delivery_id = ?""")
                    .params(now, deliveryId).update();
            store.audit().append(AuditChain.Kind.DELIVERY_REQUEUE, Long.toString(id));
            return find(deliveryId);
        });
    }

    /**
     * Every dead letter sent again, as {@link #requeue} sends one; a letter another administrator has sent again
     * meanwhile is passed over.
     *
     * @return the deliveries queued again
     */
    public List<Delivery> requeueAllDead(String by) {
        List<Delivery> requeued = new ArrayList<>();
        for (Delivery dead : deadLetters(Integer.MAX_VALUE)) {
            try {
                requeued.add(requeue(dead.id(), by));
            } catch (StoreException noLongerDead) {
                // sent again by someone else since the list was read: nothing to do for it
            }
        }
        return requeued;
    }

    /** Every delivery with its latest attempt, oldest first: the delivery history. */
    public List<Delivery> deliveries() {
        return store.jdbc().sql(DELIVERIES + " order by d.created_at, d.id").query(Webhooks::delivery).list();
    }

    /** The dead letters, the most recently given up first, at most {@code limit} of them. */
    public List<Delivery> deadLetters(int limit) {
        return store.jdbc().sql(DELIVERIES + " where s.dead = true order by s.dead_at desc, d.id fetch first "
                        + limit + " rows only")
                .query(Webhooks::delivery).list();
    }

    /** How many deliveries are pending, delivered and dead. */
    public Counts counts() {
        return store.jdbc().sql("""
                        select coalesce(sum(case when delivered = false and dead = false then 1 else 0 end), 0),
                               coalesce(sum(case when delivered = true then 1 else 0 end), 0),
                               coalesce(sum(case when dead = true then 1 else 0 end), 0)
                        from delivery_state""")
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private Delivery find(String id) {
        return delivery(id).orElseThrow();
    }

    private Optional<Delivery> delivery(String id) {
        return store.jdbc().sql(DELIVERIES + " where d.id = ?").param(id).query(Webhooks::delivery).optional();
    }

    private static final String DELIVERIES = """
            select d.id, d.webhook_id, d.type, d.created_at, s.attempts, s.delivered, s.dead,
                   (select a.status from delivery_attempt a where a.delivery_id = d.id and a.attempt = s.attempts)
                       as last_status,
                   (select a.error from delivery_attempt a where a.delivery_id = d.id and a.attempt = s.attempts)
                       as last_error,
                   (select a.at from delivery_attempt a where a.delivery_id = d.id and a.attempt = s.attempts)
                       as last_at
            from delivery d join delivery_state s on s.delivery_id = d.id""";

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        OffsetDateTime last = rs.getObject("last_at", OffsetDateTime.class);
        return new Delivery(rs.getString("id"), rs.getLong("webhook_id"), rs.getString("type"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts"), lastStatus,
                rs.getString("last_error"), last == null ? null : last.toInstant(), rs.getBoolean("delivered"),
                rs.getBoolean("dead"));
    }

    private static Endpoint endpoint(ResultSet rs, int n) throws SQLException {
        return new Endpoint(rs.getLong("id"), rs.getString("name"), rs.getString("url"), rs.getString("secret"),
                Format.valueOf(rs.getString("format")), split(rs.getString("levels")), split(rs.getString("units")),
                split(rs.getString("tasks")).stream().map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static String join(Set<?> values) {
        return values == null || values.isEmpty() ? null
                : values.stream().map(Object::toString).sorted().collect(Collectors.joining(","));
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isBlank() ? Set.of()
                : new TreeSet<>(Arrays.asList(joined.split(",")));
    }
}
