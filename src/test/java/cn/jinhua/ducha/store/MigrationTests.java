package cn.jinhua.ducha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.factsheet.SheetReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A migration that fails part way leaves the store as it was, on both databases: no table or column of it, no row
 * of it in Flyway's history, the rows kept, the audit chain intact, and the store opens again.
 */
class MigrationTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-10-05T08:00:00Z"), ZoneOffset.UTC);

    /** Creates a table, adds a column to a table of the store, then fails. */
    private static final String BROKEN = """
            create table half_applied (id int);
            alter table submission add column broken int;
            insert into no_such_table values (1);
            """;

    @TempDir
    Path dir;

    static java.util.stream.Stream<org.junit.jupiter.api.Named<TestDatabases.Database>> databases() {
        return TestDatabases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMigrationThatFailsPartWayLeavesTheStoreAsItWas(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        String json = """
                {"unit": "yiwu", "period": "2023-09", "facts": {"digital.one_network_rate_pct": 93.5}}""";
        try (Store store = Store.open(url, null, null, CLOCK)) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            store.submissions().add(new SheetReader(Catalogue.load(Path.of("rules"))).read("yiwu.json", bytes)
                    .sheet().orElseThrow(), bytes, "tester");
        }
        Path migrations = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(migrations.resolve("V100__broken.sql"), BROKEN);
        int applied = history(url);

        try (Connection connection = TestDatabases.connect(url)) {
            connection.setAutoCommit(true);
            SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
            assertThatThrownBy(() -> Store.migrate(single, url, List.of("filesystem:" + migrations)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("changed nothing").hasMessageContaining("V100");
        }

        try (Connection connection = TestDatabases.connect(url)) {
            assertThat(count(connection, "select count(*) from information_schema.tables"
                    + " where lower(table_name) = 'half_applied'")).as("the new table").isZero();
            assertThat(count(connection, "select count(*) from information_schema.columns"
                    + " where lower(table_name) = 'submission' and lower(column_name) = 'broken'"))
                    .as("the new column").isZero();
        }
        assertThat(history(url)).as("Flyway's history: no row of the failed migration").isEqualTo(applied);
        try (Store store = Store.open(url, null, null, CLOCK)) {
            assertThat(store.submissions().latest(List.of(YearMonth.of(2023, 9)))).singleElement()
                    .satisfies(r -> assertThat(new String(r.content(), StandardCharsets.UTF_8)).isEqualTo(json));
            assertThat(store.verify().intact()).isTrue();
            assertThat(store.submissions().firstPeriod()).contains(YearMonth.of(2023, 9));
        }
    }

    /** How many rows Flyway's history has. */
    private static int history(String url) throws SQLException {
        try (Connection connection = TestDatabases.connect(url)) {
            return count(connection, "select count(*) from \"flyway_schema_history\"");
        }
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
