package cn.jinhua.ducha.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
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

    /** The embedded default: a file database under ./data that a second process may share. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/ducha;AUTO_SERVER=TRUE";

    private final SingleConnectionDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditChain audit;

    private Store(SingleConnectionDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
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
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, user, password, true);
        dataSource.setAutoCommit(true);
        try {
            dataSource.getConnection().isValid(5);
        } catch (SQLException e) {
            dataSource.destroy();
            throw new StoreException("无法连接数据库 %s / cannot open the database %s: %s".formatted(url, url,
                    e.getMessage()), e);
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor(url))
                .load()
                .migrate();
        return new Store(dataSource, clock);
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
            return work.get();
        });
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

    @Override
    public void close() {
        dataSource.destroy();
    }
}
