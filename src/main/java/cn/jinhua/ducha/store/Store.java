package cn.jinhua.ducha.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ducha's database: an H2 file under {@code ./data} by default, or PostgreSQL given a JDBC URL. Opening it
 * migrates the schema (Flyway). Every change is one transaction that also appends to the audit chain, so a
 * killed process leaves each sheet and run whole or absent.
 */
public final class Store implements AutoCloseable {

    /**
     * H2's settings for a store several processes share and a killed process must not damage: the first process
     * serves the file to the others (AUTO_SERVER), they reconnect when it leaves (AUTO_RECONNECT), and every
     * commit is written before it returns (WRITE_DELAY=0; H2 otherwise keeps commits in memory for up to 500 ms).
     */
    static final String H2_SETTINGS = ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0";

    /** The embedded default: a file database under ./data that a second process may share. */
    public static final String DEFAULT_URL = h2("./data/ducha");

    /** The system property of the crash tests' pause before commit ({@link #inTransaction}). */
    public static final String PAUSE_BEFORE_COMMIT = "ducha.test.pause-before-commit";

    private static final Pattern H2_FILE = Pattern.compile("jdbc:h2:file:([^;]+)(;.*)?");

    static {
        // H2's AUTO_SERVER listens for the other processes sharing a file: on loopback only, never on every interface
        // (H2 reads the property once, when its first class loads: before any store is opened)
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }
    private static final int OPEN_ATTEMPTS = 20;
    private static final String UNDONE = "数据库升级失败，未做任何改动 / the store's migration failed and changed nothing: ";

    private final DataSource dataSource;
    private final String url;
    private final Runnable closer;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditChain audit;

    private Store(DataSource dataSource, String url, Runnable closer, Clock clock) {
        this.dataSource = dataSource;
        this.url = url;
        this.closer = closer;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
        this.audit = new AuditChain(this);
    }

    /**
     * Opens (and if need be creates and migrates) the store at {@code url}.
     *
     * @param user     may be null where the URL carries it
     * @param password may be null where the URL carries it
     * @throws StoreException naming the URL when it cannot be reached
     */
    public static Store open(String url, String user, String password, Clock clock) {
        return open(url, user, password, clock, 1);
    }

    /**
     * Opens the store as {@link #open(String, String, String, Clock)} does, with a pool of up to {@code connections}
     * connections (HikariCP) for a process that serves many requests at once; one connection is all a command needs.
     */
    public static Store open(String url, String user, String password, Clock clock, int connections) {
        Matcher h2 = H2_FILE.matcher(url);
        if (h2.matches()) {
            createAtomically(Path.of(h2.group(1)), h2.group(2) == null ? "" : h2.group(2), user, password);
            if (user == null && password == null) {
                H2Credentials kept = H2Credentials.secure(Path.of(h2.group(1)), url);
                user = kept.user();
                password = kept.password();
            }
        }
        SingleConnectionDataSource single = connect(url, user, password);
        migrate(single, url);
        if (connections <= 1) {
            return new Store(single, url, single::destroy, clock);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("ducha-store");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(connections);
        try {
            HikariDataSource pool = new HikariDataSource(config);
            return new Store(pool, url, pool::close, clock);
        } finally {
            // only now: an embedded H2 database stays open while the pool takes over
            single.destroy();
        }
    }

    /** The JDBC URL of an H2 store in {@code file} (without H2's {@code .mv.db}), with the store's settings. */
    public static String h2(String file) {
        return "jdbc:h2:file:" + file + H2_SETTINGS;
    }

    private static void migrate(DataSource dataSource, String url) {
        migrate(dataSource, url, List.of());
    }

    /**
     * Brings the schema up to date, whole or not at all, on both databases. PostgreSQL runs DDL in transactions:
     * the pending migrations run in one ({@code group}), so a failing one rolls back every one of the run. H2
     * commits each DDL statement by itself, so an existing H2 store is first scripted (schema and rows, to a file
     * only its owner reads) and, when a migration fails, emptied and rebuilt from that script before the error is
     * thrown; a new H2 store is built in a draft file anyway ({@link #createAtomically}).
     *
     * @param more further Flyway locations (tests add a migration that fails)
     */
    static void migrate(DataSource dataSource, String url, List<String> more) {
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration/common",
                "classpath:db/migration/" + vendor(url)));
        locations.addAll(more);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                // PostgreSQL runs the pending migrations in one transaction; H2 commits DDL by itself (scripted below)
                .group(!url.startsWith("jdbc:h2:"))
                .load();
        boolean undoable = url.startsWith("jdbc:h2:") && flyway.info().pending().length > 0
                && flyway.info().applied().length > 0;
        if (!undoable) {
            try {
                flyway.migrate();
            } catch (FlywayException failed) {
                throw new StoreException(UNDONE + failed.getMessage(), failed);
            }
            return;
        }
        Path script = null;
        try {
            script = Files.createTempFile("ducha-before-migration-", ".sql"); // 0600 where permissions exist
            execute(dataSource, "script to '" + script.toAbsolutePath().toString().replace("'", "''") + "'");
            flyway.migrate();
        } catch (FlywayException failed) {
            try {
                execute(dataSource, "drop all objects");
                execute(dataSource, "runscript from '" + script.toAbsolutePath().toString().replace("'", "''") + "'");
            } catch (SQLException notRestored) {
                failed.addSuppressed(notRestored);
                throw new StoreException(("数据库升级失败，且未能恢复原状：请用 %s 恢复 / the store's migration failed and "
                        + "could not be undone: restore it from %s: %s").formatted(script, script,
                        failed.getMessage()), failed);
            }
            deleteQuietly(script);
            throw new StoreException(UNDONE + failed.getMessage(), failed);
        } catch (IOException | SQLException e) {
            throw new StoreException("无法在升级前备份数据库 / cannot keep a copy of the store before migrating it: "
                    + e.getMessage(), e);
        }
        deleteQuietly(script);
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        // the single connection of the opening: closing it here is suppressed
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a copy left in the temporary folder is readable by its owner only
        }
    }

    /**
     * Opens a connection, waiting out another process that holds the H2 file while it starts or stops (H2 answers
     * "locked by another process", or "connection is broken" for a server that has just left, for a moment then).
     */
    private static SingleConnectionDataSource connect(String url, String user, String password) {
        for (int attempt = 1; ; attempt++) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, user, password, true);
            dataSource.setAutoCommit(true);
            try {
                dataSource.getConnection().isValid(5);
                return dataSource;
            } catch (SQLException e) {
                dataSource.destroy();
                // H2 in shared use: the file is locked while another process opens or closes it, or the server
                // that process announced has just gone; either passes within moments
                String message = String.valueOf(e.getMessage());
                boolean busy = url.startsWith("jdbc:h2:") && (message.contains("already in use")
                        || message.contains("Locked by another process") || message.contains("Connection is broken"));
                if (!busy || attempt == OPEN_ATTEMPTS) {
                    throw new StoreException("无法连接数据库 %s / cannot open the database %s: %s".formatted(url, url,
                            e.getMessage()), e);
                }
                pause(250L * attempt);
            }
        }
    }

    /**
     * H2 commits DDL statement by statement, so a process killed while creating a store would leave tables that
     * Flyway does not know. A new H2 store is therefore built in a file of its own and linked into place whole;
     * of two processes creating it at once, one link wins and the other's copy is dropped.
     */
    private static void createAtomically(Path file, String settings, String user, String password) {
        Path target = Path.of(file + ".mv.db");
        if (Files.exists(target)) {
            return;
        }
        Path draft = Path.of(file + ".draft-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        String draftUrl = "jdbc:h2:file:" + draft + ";WRITE_DELAY=0";
        try {
            ownerOnlyDirectories(target.toAbsolutePath().getParent());
            SingleConnectionDataSource dataSource = connect(draftUrl, user, password);
            try {
                migrate(dataSource, draftUrl);
                dataSource.getConnection().createStatement().execute("shutdown");
            } finally {
                dataSource.destroy();
            }
            // a hard link never replaces an existing file (a rename would, under a process already using it)
            try {
                Files.createLink(target, Path.of(draft + ".mv.db"));
            } catch (UnsupportedOperationException noLinks) {
                Files.move(Path.of(draft + ".mv.db"), target);
            }
        } catch (FileAlreadyExistsException anotherProcessWon) {
            // the store exists now, whole: ours is not needed
        } catch (IOException | SQLException e) {
            throw new StoreException("无法创建数据库 %s / cannot create the store %s: %s".formatted(target, target,
                    e.getMessage()), e);
        } finally {
            try {
                Files.deleteIfExists(Path.of(draft + ".mv.db"));
                Files.deleteIfExists(Path.of(draft + ".trace.db"));
            } catch (IOException e) {
                // a draft left behind harms nothing
            }
        }
    }

    /**
     * Creates the store's folder readable by its owner only (0700), where the file system knows permissions: H2's
     * lock file in it carries the key of the file's server, and the credentials file its password.
     */
    static void ownerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("打开数据库时被中断 / interrupted while opening the store", e);
        }
    }

    /** The Flyway folder of vendor-specific migrations for a JDBC URL. */
    static String vendor(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return "h2";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        throw new StoreException("只支持 H2 与 PostgreSQL / only H2 and PostgreSQL are supported: " + url);
    }

    /** For the store's own collections and for features that keep tables of their own in it (alerting). */
    public JdbcClient jdbc() {
        return jdbc;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public AuditChain audit() {
        return audit;
    }

    /** Now, to the millisecond both databases keep exactly. Only records when things happened; never judges. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Runs {@code work} in one transaction, holding the audit chain's lock from the start; called inside another,
     * it joins it.
     */
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> {
            jdbc.sql("select id from audit_lock where id = 1 for update").query(Integer.class).single();
            T result = work.get();
            pauseBeforeCommitIfTested();
            return result;
        });
    }

    /**
     * The crash tests' hook (CrashTests): with the system property {@value #PAUSE_BEFORE_COMMIT} naming a file, the
     * first transaction to finish its work writes that file and waits there, uncommitted, to be killed. Unset, as
     * it always is outside those tests, it does nothing.
     */
    private static void pauseBeforeCommitIfTested() {
        String flag = System.getProperty(PAUSE_BEFORE_COMMIT);
        if (flag == null) {
            return;
        }
        try {
            Files.writeString(Path.of(flag), "paused before commit");
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new StoreException("cannot write " + flag, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while paused before commit", e);
        }
    }

    public Submissions submissions() {
        return new Submissions(this);
    }

    public Runs runs() {
        return new Runs(this);
    }

    /** Walks the audit chain and recomputes every hash from the stored rows. */
    public AuditChain.Verification verify() {
        return audit.verify();
    }

    /**
     * Closes the store. An H2 process that serves the file to others (AUTO_SERVER) first waits, up to half a
     * minute, for their sessions to end: leaving would cut them off in the middle of a transaction.
     */
    @Override
    public void close() {
        try {
            for (int i = 0; i < 120 && otherSessions() > 0; i++) {
                pause(250);
            }
        } finally {
            closer.run();
        }
    }

    private int otherSessions() {
        if (!isH2()) {
            return 0;
        }
        try {
            // sessions of other processes come in over TCP; those of this process (tests, tools) do not
            return jdbc.sql("select count(*) from information_schema.sessions where client_addr is not null")
                    .query(Integer.class).single();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }
}
