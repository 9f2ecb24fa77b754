package cn.jinhua.ducha.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;

/**
 * The databases the store's tests run on: an H2 file in a temporary folder always, and a fresh database on the
 * PostgreSQL server named by the environment variable {@code DUCHA_TEST_PG} (an admin JDBC URL, which
 * {@code .ci/postgres} prints) when it is set. CI sets it; without it the PostgreSQL cases are skipped.
 */
public final class TestDatabases {

    public static final String PG_ADMIN = System.getenv("DUCHA_TEST_PG");

    private TestDatabases() {
    }

    /** Named JDBC URL factories for parameterised tests: each call of the factory gives an empty database. */
    public static Stream<Named<Database>> all() {
        List<Named<Database>> all = new ArrayList<>();
        all.add(Named.of("H2", TestDatabases::h2));
        if (PG_ADMIN != null && !PG_ADMIN.isBlank()) {
            all.add(Named.of("PostgreSQL", TestDatabases::postgres));
        }
        return all.stream();
    }

    /** Makes an empty database and answers its JDBC URL. */
    @FunctionalInterface
    public interface Database {
        String create(Path tempDir);
    }

    public static String h2(Path dir) {
        return Store.h2(dir.resolve("ducha-" + UUID.randomUUID()).toAbsolutePath().toString());
    }

    public static String postgres(Path dir) {
        String name = "ducha_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_ADMIN)) {
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + PG_ADMIN, e);
        }
        String base = PG_ADMIN.substring(0, PG_ADMIN.indexOf("/postgres")) + "/" + name;
        return base + PG_ADMIN.substring(PG_ADMIN.indexOf("/postgres") + "/postgres".length());
    }

    /**
     * A plain JDBC connection to a store, as an administrator's tool would open it: an H2 file with the password
     * kept beside it ({@link H2Credentials}), PostgreSQL with the URL's own.
     */
    public static Connection connect(String url) throws SQLException {
        java.util.regex.Matcher h2 = java.util.regex.Pattern.compile("jdbc:h2:file:([^;]+)(;.*)?").matcher(url);
        if (!h2.matches()) {
            return DriverManager.getConnection(url);
        }
        H2Credentials kept = H2Credentials.read(Path.of(h2.group(1)));
        return DriverManager.getConnection(url, kept.user(), kept.password());
    }

    /** What a hostile administrator would do first: switch off a table's append-only trigger. */
    public static void disableAppendOnly(String url, java.sql.Statement s, String table) throws SQLException {
        if (url.startsWith("jdbc:h2:")) {
            s.execute("drop trigger " + table + "_append_only");
        } else {
            s.execute("alter table " + table + " disable trigger " + table + "_append_only");
        }
    }
}
