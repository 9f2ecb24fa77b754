package cn.jinhua.ducha.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 3, point 6: real {@code ducha} processes, started on this JVM's own classpath and killed with SIGKILL
 * ({@link Process#destroyForcibly()}) in the middle of their work, leave every sheet and every run whole or absent,
 * lose nothing they reported as stored, and leave a chain that verifies; submits at once keep every revision.
 * The test JVM never opens an H2 file while a child runs (it watches through the child's own server), so that the
 * child killed is the one that writes the file, as when a user runs the command line alone.
 */
class CrashTests {

    private static final Path SAMPLES = Path.of("samples").toAbsolutePath();
    private static final Path RULES = Path.of("rules").toAbsolutePath();
    private static final YearMonth PERIOD = YearMonth.of(2023, 9);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** What {@code submit} prints once a sheet's transaction has committed. */
    private static final Pattern STORED = Pattern.compile("报表 submission (\\d+) · (.+)$");
    /** What {@code evaluate} prints once its run's transaction has committed. */
    private static final Pattern RECORDED = Pattern.compile("recorded as run (\\d+)");
    /** Exit status of a process killed by signal 9. */
    private static final int KILLED = 128 + 9;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Rulebook rulebook;

    @TempDir
    Path dir;

    private final List<Child> children = new ArrayList<>();

    static Stream<Named<TestDatabases.Database>> databases() {
        return TestDatabases.all();
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Child child : children) {
            child.process().destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsEverySheetWholeOrAbsentWhenSubmitIsKilled(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        // just after the first sheet's transaction, and in the middle of the 143
        for (int killAfter : List.of(1, 80)) {
            Child submit = start("submit", SAMPLES.toString(), "--db", url);
            await("submit to store " + killAfter + " sheets", submit,
                    () -> storedBy(submit).size() >= killAfter);
            submit.kill();
            assertThat(submit.process().exitValue()).as("submit was still running when killed, " + submit)
                    .isEqualTo(KILLED);
            Map<Long, String> acknowledged = storedBy(submit);

            try (Store store = open(url)) {
                assertChainVerifiesAndCoversEveryRow(store);
                Map<Long, String> kept = new TreeMap<>();
                for (StoredSheet sheet : sheets(store)) {
                    byte[] file = Files.readAllBytes(Path.of(sheet.source()));
                    assertThat(sha256(sheet.content())).as("content of submission %d (%s)", sheet.id(), sheet.source())
                            .isEqualTo(sheet.sha256()).isEqualTo(sha256(file));
                    kept.put(sheet.id(), sheet.source());
                }
                assertThat(kept).as("sheets that the killed submit had reported as stored")
                        .containsAllEntriesOf(acknowledged);
                assertThat(store.jdbc().sql("""
                                select unit || ' ' || period from submission group by unit, period
                                having min(revision) <> 1 or max(revision) <> count(*)""")
                        .query(String.class).list())
                        .as("units and periods whose revisions are not 1..n").isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsEveryRunWholeOrAbsentWhenEvaluateIsKilled(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        RunShape whole;
        try (Store store = open(url)) {
            SheetBatch samples = new SheetReader(rulebook().catalogue()).readFolder(SAMPLES);
            assertThat(samples.rejected()).isEmpty();
            for (FactSheet sheet : samples.accepted()) {
                store.submissions().add(sheet, Files.readAllBytes(Path.of(sheet.source())), "crash-test");
            }
            whole = shape(store, new Judgements(store).judge(rulebook(), PERIOD, "crash-test").run());
        }
        assertThat(whole.verdicts()).isPositive();

        // first killed where the run's transaction has done all its work and waits to commit (the store's test
        // hook, Store.PAUSE_BEFORE_COMMIT), then at a moment of the scheduler's choosing, 250 ms into it
        for (boolean paused : List.of(true, false)) {
            Path flag = dir.resolve("paused-" + children.size());
            Child evaluate = paused
                    ? start(List.of("-D" + Store.PAUSE_BEFORE_COMMIT + "=" + flag), "evaluate", "--period",
                            PERIOD.toString(), "--db", url)
                    : start("evaluate", "--period", PERIOD.toString(), "--db", url);
            if (paused) {
                awaitFile(flag, evaluate);
                assertThat(evaluate.process().isAlive()).as("paused inside the transaction").isTrue();
                evaluate.kill();
                assertThat(recordedBy(evaluate)).as("nothing reported as recorded").isEmpty();
            } else {
                Connection watcher = watch(url, evaluate);
                try {
                    if (watcher != null) {
                        awaitTransaction(watcher, url, evaluate);
                    }
                    Thread.sleep(250);
                    evaluate.kill();
                } finally {
                    closeQuietly(watcher);
                }
            }
            List<Long> acknowledged = recordedBy(evaluate);

            try (Store store = open(url)) {
                assertChainVerifiesAndCoversEveryRow(store);
                for (Runs.Run run : store.runs().list()) {
                    assertThat(shape(store, run.id())).as("run %d after a kill (%s)", run.id(),
                            paused ? "paused before commit" : "250 ms in").isEqualTo(whole);
                }
                assertThat(store.runs().list()).extracting(Runs.Run::id)
                        .as("runs that the killed evaluate had reported as recorded").containsAll(acknowledged);
                if (paused) {
                    assertThat(store.runs().list()).as("the killed run left nothing").hasSize(1);
                }
            }
        }
    }

    /** Waits for {@code child} to write {@code file}; fails if it ends first or takes a minute. */
    private static void awaitFile(Path file, Child child) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(file)) {
            assertThat(child.process().isAlive()).as("%s ended before pausing: %s", child, child.lines()).isTrue();
            assertThat(System.nanoTime()).as("%s paused within a minute", child).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keepsEveryRevisionWhenSubmitsRunAtOnce(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        // every sample twice, told apart by who submitted it, so that each unit and period gets one sheet from each
        // of two processes writing the same units and periods at the same time; and a third process that stores
        // one more sheet for yiwu 2023-09 and ends early, while the others still write
        Path first = variant("first", "并发甲", SAMPLES);
        Path second = variant("second", "并发乙", SAMPLES);
        Path lone = variant("lone", "并发丙", SAMPLES.resolve("2023-09/yiwu.json"));
        List<Child> submits = new ArrayList<>();
        for (Path folder : List.of(first, second, lone)) {
            submits.add(start("submit", folder.toString(), "--db", url));
        }
        for (Child submit : submits) {
            submit.await();
            assertThat(submit.process().exitValue()).as(submit.toString()).isZero();
        }

        try (Store store = open(url)) {
            assertChainVerifiesAndCoversEveryRow(store);
            Map<String, List<StoredSheet>> byKey = sheets(store).stream()
                    .collect(Collectors.groupingBy(StoredSheet::key, TreeMap::new, Collectors.toList()));
            assertThat(byKey).hasSize(sampleCount());
            byKey.forEach((key, revisions) -> {
                List<Path> from = key.equals("yiwu 2023-09") ? List.of(first, second, lone) : List.of(first, second);
                assertThat(revisions).as(key).extracting(StoredSheet::revision)
                        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, from.size()).boxed().toList());
                assertThat(revisions).as(key)
                        .extracting(r -> from.stream().filter(Path.of(r.source())::startsWith).findFirst().orElseThrow())
                        .containsExactlyInAnyOrderElementsOf(from);
            });
        }
    }

    /** The sheets under {@code samples} rewritten under {@code dir/name} with another {@code submittedBy}. */
    private Path variant(String name, String submittedBy, Path samples) throws IOException {
        Path root = dir.resolve(name);
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                ObjectNode sheet = (ObjectNode) JSON.readTree(Files.readAllBytes(file));
                sheet.put("submittedBy", submittedBy);
                Path target = root.resolve(SAMPLES.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.write(target, JSON.writeValueAsBytes(sheet));
            }
        }
        return root;
    }

    private static int sampleCount() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            return (int) files.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    private static void assertChainVerifiesAndCoversEveryRow(Store store) {
        AuditChain.Verification verification = store.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        // every table the chain covers: a run that finished before the kill also opened its alerts' cases
        long rows = Stream.of("submission", "refusal", "ruleset", "run", "alert_event", "waiver", "webhook",
                        "user_event")
                .mapToLong(table -> store.jdbc().sql("select count(*) from " + table).query(Long.class).single())
                .sum();
        assertThat(verification.entries()).as("audit entries against stored rows").isEqualTo(rows);
    }

    /** A stored sheet as the audit sees it. */
    private record StoredSheet(long id, String unit, String period, int revision, String source, String sha256,
                               byte[] content) {
        String key() {
            return unit + " " + period;
        }
    }

    private static List<StoredSheet> sheets(Store store) {
        return store.jdbc().sql("select id, unit, period, revision, source, sha256, content from submission")
                .query((rs, n) -> new StoredSheet(rs.getLong("id"), rs.getString("unit"), rs.getString("period"),
                        rs.getInt("revision"), rs.getString("source"), rs.getString("sha256"),
                        rs.getBytes("content")))
                .list();
    }

    /** How much a run holds: the same for every whole run of the same sheets and rules. */
    private record RunShape(int verdicts, int alerts, int revisions) {
    }

    private static RunShape shape(Store store, long run) {
        return new RunShape(store.runs().verdicts(run).size(), store.runs().alerts(run).size(),
                store.runs().revisions(run).size());
    }

    private static synchronized Rulebook rulebook() {
        if (rulebook == null) {
            rulebook = Rulebook.load(RULES);
        }
        return rulebook;
    }

    private static Store open(String url) {
        return Store.open(url, null, null, Clock.systemUTC());
    }

    /**
     * A connection that watches the database while {@code child} works, or null if the child ended first. On H2 it
     * goes straight to the server the child started for its file, named in the child's lock file: H2's own
     * AUTO_SERVER client first waits seconds for the lock file to age, longer than the child may take.
     */
    private static Connection watch(String url, Child child) throws SQLException, InterruptedException {
        if (!url.startsWith("jdbc:h2:")) {
            return DriverManager.getConnection(url);
        }
        Path file = Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')));
        Path lock = Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')) + ".lock.db");
        while (child.process().isAlive()) {
            Properties owner = new Properties();
            try (InputStream in = Files.newInputStream(lock)) {
                owner.load(in);
            } catch (IOException notYetWritten) {
                // the child has not opened the database yet
            }
            if (owner.getProperty("server") != null && owner.getProperty("id") != null
                    && Files.exists(H2Credentials.fileOf(file))) {
                try {
                    H2Credentials kept = H2Credentials.read(file);
                    return DriverManager.getConnection(
                            "jdbc:h2:tcp://" + owner.getProperty("server") + "/" + owner.getProperty("id"),
                            kept.user(), kept.password());
                } catch (SQLException starting) {
                    // the server is still starting, or the lock file was half written
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException brokenByTheKill) {
            // nothing left to close
        }
    }

    /** Waits until another session holds uncommitted changes: the run's transaction has begun. */
    private static boolean awaitTransaction(Connection watcher, String url, Child child) throws InterruptedException {
        String sql = url.startsWith("jdbc:h2:")
                ? "select count(*) from information_schema.sessions where session_id <> session_id() "
                        + "and contains_uncommitted"
                : "select count(*) from pg_stat_activity where datname = current_database() "
                        + "and pid <> pg_backend_pid() and backend_xid is not null";
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (Statement statement = watcher.createStatement()) {
            while (child.process().isAlive() && System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery(sql)) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(5);
            }
        } catch (SQLException childGone) {
            // the child ended and took its H2 server with it
        }
        return false;
    }

    private static Map<Long, String> storedBy(Child child) {
        Map<Long, String> stored = new TreeMap<>();
        for (String line : child.lines()) {
            Matcher m = STORED.matcher(line);
            if (m.find()) {
                stored.put(Long.parseLong(m.group(1)), m.group(2));
            }
        }
        return stored;
    }

    private static List<Long> recordedBy(Child child) {
        List<Long> runs = new ArrayList<>();
        for (String line : child.lines()) {
            Matcher m = RECORDED.matcher(line);
            if (m.find()) {
                runs.add(Long.parseLong(m.group(1)));
            }
        }
        return runs;
    }

    private static void await(String what, Child child, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for %s: %s", what, child);
            }
            if (!child.process().isAlive() && !condition.getAsBoolean()) {
                fail("ended before %s: %s", what, child);
            }
            Thread.sleep(5);
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Starts {@code ducha args...} in a new JVM on this JVM's classpath, its output going to files. */
    private Child start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** Starts {@code ducha args...} as {@link #start(String...)} does, with {@code jvm} options before the class. */
    private Child start(List<String> jvm, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dfile.encoding=UTF-8",
                // short-lived: the optimising compiler would only compete for the cores and slow start-up down
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "cn.jinhua.ducha.cli.Ducha"));
        command.addAll(List.of(args));
        command.addAll(List.of("--rules", RULES.toString(), "--by", "crash-test"));
        String name = "child-" + (children.size() + 1);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Child child = new Child(String.join(" ", args), process, out, err);
        children.add(child);
        return child;
    }

    /** A running {@code ducha} and the files its output goes to. */
    private record Child(String args, Process process, Path out, Path err) {

        /** The complete lines printed so far. */
        List<String> lines() {
            String text = read(out);
            return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        void await() throws InterruptedException {
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                fail("timed out: %s", this);
            }
        }

        private static String read(Path file) {
            try {
                // a line may be half written: decode leniently
                return new String(Files.readAllBytes(file), UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public String toString() {
            String err = read(this.err);
            return "ducha %s%s".formatted(args, err.isBlank() ? "" : "; stderr:\n" + err.strip());
        }
    }
}
