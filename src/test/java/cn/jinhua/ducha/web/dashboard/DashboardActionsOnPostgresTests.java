package cn.jinhua.ducha.web.dashboard;

import java.nio.file.Path;

import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The dashboard's actions in a browser, over a fresh database on the PostgreSQL server that DUCHA_TEST_PG names
 * ({@link DashboardActionsScenario}); skipped where it names none, as the store's PostgreSQL cases are.
 */
@EnabledIfEnvironmentVariable(named = "DUCHA_TEST_PG", matches = ".+")
class DashboardActionsOnPostgresTests extends DashboardActionsScenario {

    @Override
    String database(Path dir) {
        return TestDatabases.postgres(dir);
    }

    @Override
    String name() {
        return "actions-postgres";
    }
}
