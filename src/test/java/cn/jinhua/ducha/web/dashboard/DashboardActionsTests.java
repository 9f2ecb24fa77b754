package cn.jinhua.ducha.web.dashboard;

import java.nio.file.Path;

import cn.jinhua.ducha.store.TestDatabases;

/** The dashboard's actions in a browser, over the embedded H2 ({@link DashboardActionsScenario}). */
class DashboardActionsTests extends DashboardActionsScenario {

    @Override
    String database(Path dir) {
        return TestDatabases.h2(dir);
    }

    @Override
    String name() {
        return "actions-h2";
    }
}
