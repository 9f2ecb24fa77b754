package cn.jinhua.ducha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ducha whatif}: 浦江县 reaching 125 cross-province items instead of 66 in September 2023 turns T05.1 from
 * red to green and clears its red alert, judged from the store and from the samples folder alike, and the store
 * holds exactly what it held before (no run, no audit entry, no alert touched).
 */
class WhatIfCommandTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path RULES = Path.of("rules");
    private static final Path SAMPLES = Path.of("samples");
    private static final String SET = "pujiang:tongban.cross_province_items_optimized=125";
    private static final List<String> TABLES = List.of("run", "verdict", "audit_entry", "alert_case", "alert_event",
            "submission", "refusal");

    @TempDir
    Path dir;

    static Stream<Named<TestDatabases.Database>> databases() {
        return TestDatabases.all();
    }

    private static Run ducha(Object... args) {
        return Run.of(args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aValueSetFlipsALightAndNothingIsStored(TestDatabases.Database database) throws Exception {
        String url = database.create(dir);
        assertThat(ducha("--db", url, "--rules", RULES, "--by", "tester", "submit", SAMPLES).status())
                .isZero();
        Run evaluated = ducha("--db", url, "--rules", RULES, "--by", "tester", "evaluate", "--period", "2023-09");
        assertThat(evaluated.status()).as(evaluated.err()).isZero();
        List<Long> before = counts(url);

        Run json = ducha("--db", url, "--rules", RULES, "whatif", "--period", "2023-09", "--set", SET,
                "--format", "json");
        Run table = ducha("--db", url, "--rules", RULES, "whatif", "--period", "2023-09", "--set", SET);

        assertThat(json.status()).as(json.err()).isZero();
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("hypothetical").booleanValue()).isTrue();
        assertThat(report.get("period").asString()).isEqualTo("2023-09");
        assertThat(report.get("set").get(0).get("before").decimalValue()).isEqualByComparingTo("66");
        assertThat(report.get("set").get(0).get("after").decimalValue()).isEqualByComparingTo("125");
        assertThat(report.get("verdicts").valueStream().toList()).singleElement().satisfies(v -> {
            assertThat(v.get("unit").asString()).isEqualTo("pujiang");
            assertThat(v.get("commitment").asString()).isEqualTo("T05.1");
            assertThat(v.get("before").get("status").asString()).isEqualTo("OFF_TRACK");
            assertThat(v.get("before").get("light").asString()).isEqualTo("RED");
            assertThat(v.get("after").get("status").asString()).isEqualTo("ON_TRACK");
            assertThat(v.get("after").get("light").asString()).isEqualTo("GREEN");
            assertThat(v.get("after").get("value").decimalValue()).isEqualByComparingTo("125");
        });
        assertThat(report.get("alerts").valueStream().toList()).singleElement().satisfies(a -> {
            assertThat(a.get("change").asString()).isEqualTo("CLEARED");
            assertThat(a.get("unit").asString()).isEqualTo("pujiang");
            assertThat(a.get("commitment").asString()).isEqualTo("T05.1");
            assertThat(a.get("level").asString()).isEqualTo("RED");
        });
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).startsWith(WhatIfCommand.HEADER)
                .containsPattern("浦江县 pujiang T05\\.1\\s+红灯 OFF_TRACK → 绿灯 ON_TRACK\\s+值 value 66 → 125")
                .contains("解除 cleared 【红色预警】浦江县 2023-09");

        assertThat(counts(url)).as("runs, verdicts, audit entries, alerts, sheets, refusals in %s", TABLES)
                .isEqualTo(before);

        Run folder = ducha("--rules", RULES, "whatif", SAMPLES, "--period", "2023-09", "--set", SET,
                "--format", "json");
        assertThat(folder.status()).as(folder.err()).isZero();
        assertThat(JSON.readTree(folder.out())).as("the folder judges what the store holds").isEqualTo(report);
    }

    @Test
    void refusesAnUnknownUnitOrMetricAndAValueIntakeWouldRefuseNamingTheField() {
        Run refused = ducha("--rules", RULES, "whatif", SAMPLES, "--period", "2023-09",
                "--set", "pujiang:tongban.no_such_metric=1",
                "--set", "atlantis:tongban.cross_province_items_optimized=1",
                "--set", "yiwu:registration.full_online_rate_pct=101",
                "--set", "yiwu:tongban.cross_province_items_optimized=many");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines().toList()).contains(
                "  set.pujiang · facts.tongban.no_such_metric: 未知指标 / unknown metric key",
                "  set.atlantis · set.atlantis: 未知单位 \"atlantis\" / unknown unit \"atlantis\"",
                "  set.yiwu · facts.registration.full_online_rate_pct: 101 超过 100 / 101 is above 100",
                "  set.yiwu · facts.tongban.cross_province_items_optimized: \"many\" 须为数值 / must be a number");

        Run malformed = ducha("--rules", RULES, "whatif", SAMPLES, "--period", "2023-09", "--set", "pujiang=1");
        assertThat(malformed.status()).isEqualTo(1);
        assertThat(malformed.err()).contains("--set: \"pujiang=1\" 应写作 单位:指标=值");
    }

    private static List<Long> counts(String url) throws SQLException {
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            return TABLES.stream().map(t -> {
                try (ResultSet rs = s.executeQuery("select count(*) from " + t)) {
                    rs.next();
                    return rs.getLong(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
