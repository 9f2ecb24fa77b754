package cn.jinhua.ducha.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** H2's refusal of UPDATE and DELETE on the store's tables (PostgreSQL does the same in PL/pgSQL). */
public final class AppendOnly implements Trigger {

    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("Ducha 的 %s 表只能追加 / Ducha keeps %s append-only: %s refused"
                .formatted(table, table, newRow == null ? "DELETE" : "UPDATE"));
    }
}
