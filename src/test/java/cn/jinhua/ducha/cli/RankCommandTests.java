package cn.jinhua.ducha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code ducha rank} (issue 15, "Done when"): the ten local units of 2023-09 ranked from the store's runs, every
 * score recomputed here by hand from the verdicts {@code evaluate --format json} printed for the same run.
 */
class RankCommandTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LOCAL = List.of("wucheng", "jindong", "wuyi", "pujiang", "panan", "lanxi",
            "yiwu", "dongyang", "yongkang", "kaifaqu");

    @TempDir
    Path dir;

    static Stream<Named<TestDatabases.Database>> databases() {
        return TestDatabases.all();
    }

    private static Run ducha(Object... args) {
        return Run.of(args);
    }

    private static Run onStore(String url, Object... command) {
        return ducha(Stream.concat(Stream.of("--db", url, "--by", "tester"), Stream.of(command)).toArray());
    }

    /** What a unit's verdicts add up to, counted here and not by the code under test. */
    private record Hand(BigDecimal score, Map<String, Integer> counts, List<String> made) {
    }

    /**
     * The published formula, by hand: MET and ON_TRACK 1 point, AT_RISK ½, OFF_TRACK, MISSED and NO_DATA 0, over
     * every verdict of the unit but NOT_APPLICABLE and waived ones, ×100, one decimal half-up.
     */
    private static Map<String, Hand> byHand(JsonNode evaluation) {
        Map<String, Hand> hands = new LinkedHashMap<>();
        for (String unit : LOCAL) {
            BigDecimal points = BigDecimal.ZERO;
            int judged = 0;
            Map<String, Integer> counts = new HashMap<>();
            List<String> made = new ArrayList<>();
            JsonNode verdicts = evaluation.get("verdicts");
            for (int i = 0; i < verdicts.size(); i++) {
                JsonNode v = verdicts.get(i);
                if (!v.get("unit").asString().equals(unit)) {
                    continue;
                }
                String status = v.get("status").asString();
                counts.merge(status, 1, Integer::sum);
                if (status.equals("NOT_APPLICABLE") || v.has("waived")) {
                    continue;
                }
                judged++;
                points = points.add(switch (status) {
                    case "MET", "ON_TRACK" -> BigDecimal.ONE;
                    case "AT_RISK" -> new BigDecimal("0.5");
                    case "OFF_TRACK", "MISSED", "NO_DATA" -> BigDecimal.ZERO;
                    default -> throw new AssertionError("a status the formula does not know: " + status);
                });
                made.add(evaluation.get("run").asLong() + "-" + (i + 1) + " " + v.get("commitment").asString());
            }
            hands.put(unit, new Hand(points.multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(judged), 1, RoundingMode.HALF_UP), counts, made));
        }
        return hands;
    }

    /** A rank by hand: one more than the number of units with a strictly better score. */
    private static int rankOf(String unit, Map<String, Hand> hands) {
        BigDecimal score = hands.get(unit).score();
        return 1 + (int) hands.values().stream().filter(h -> h.score().compareTo(score) > 0).count();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("databases")
    void ranksTheTenLocalUnitsWithScoresRecomputedByHandFromTheRunsVerdicts(TestDatabases.Database database) {
        String url = database.create(dir);
        assertThat(onStore(url, "submit", "samples/2022-12", "samples/2023-08", "samples/2023-09").status()).isZero();
        // a waiver leaves 金华开发区's missing public-housing coverage out of its score
        assertThat(onStore(url, "waive", "--unit", "kaifaqu", "--commitment", "T38.1", "--from", "2023-09", "--to",
                "2023-09", "--reason", "开发区公租房由婺城区统筹保障", "--expires", "2099-12-31").status()).isZero();
        Run august = onStore(url, "evaluate", "--period", "2023-08", "--format", "json");
        Run september = onStore(url, "evaluate", "--period", "2023-09", "--format", "json");
        assertThat(september.status()).as(september.err()).isZero();

        Run rank = onStore(url, "rank", "--period", "2023-09", "--format", "json");
        assertThat(rank.status()).as(rank.err()).isZero();
        JsonNode ranking = rank.json();
        Map<String, Hand> now = byHand(september.json());
        Map<String, Hand> before = byHand(august.json());
        assertThat(ranking.get("period").asString()).isEqualTo("2023-09");
        assertThat(ranking.get("run").asLong()).isEqualTo(september.json().get("run").asLong());
        assertThat(ranking.get("ranked").asBoolean()).isTrue();
        JsonNode rows = ranking.get("rows");
        assertThat(rows).hasSize(10);
        assertThat(rows.valueStream().map(r -> r.get("unit").asString())).containsExactlyInAnyOrderElementsOf(LOCAL);
        int previous = 0;
        for (JsonNode row : rows) {
            String unit = row.get("unit").asString();
            Hand hand = now.get(unit);
            assertThat(row.get("score").decimalValue()).as(unit).isEqualTo(hand.score());
            int rankNow = rankOf(unit, now);
            assertThat(row.get("rank").asInt()).as(unit).isEqualTo(rankNow).isGreaterThanOrEqualTo(previous);
            previous = rankNow;
            int rankBefore = rankOf(unit, before);
            assertThat(row.get("previousRank").asInt()).as(unit).isEqualTo(rankBefore);
            assertThat(row.get("label").asString()).as(unit).isEqualTo(rankBefore > rankNow ? "↑" + (rankBefore - rankNow)
                    : rankBefore < rankNow ? "↓" + (rankNow - rankBefore) : "—");
            hand.counts().forEach((status, n) -> assertThat(row.get("counts").get(status).asInt())
                    .as(unit + " " + status).isEqualTo(n));
            assertThat(row.get("verdicts").valueStream()
                    .map(v -> v.get("id").asString() + " " + v.get("commitment").asString()))
                    .as(unit).containsExactlyElementsOf(hand.made());
        }
        JsonNode kaifaqu = rows.valueStream().filter(r -> r.get("unit").asString().equals("kaifaqu")).findFirst()
                .orElseThrow();
        assertThat(kaifaqu.get("waived").asInt()).isEqualTo(1);
        assertThat(kaifaqu.get("verdicts").valueStream().map(v -> v.get("commitment").asString()))
                .doesNotContain("T38.1");

        Run table = onStore(url, "rank", "--period", "2023-09", "--area", "市场环境");
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).contains("2023-09 赛马排名 / ranking · 市场环境 MARKET · 运行 run")
                .contains("升降对比 2023-08 的排名").contains("金华开发区").contains("计分 points: 已达标 MET 1");
    }

    @Test
    void ranksAFolderOfSheetsAsTheStoreRanksTheSameSheets() {
        String url = TestDatabases.h2(dir);
        assertThat(onStore(url, "submit", "samples/2022-12", "samples/2023-08", "samples/2023-09").status()).isZero();
        assertThat(onStore(url, "evaluate", "--period", "2023-08").status()).isZero();
        assertThat(onStore(url, "evaluate", "--period", "2023-09").status()).isZero();
        JsonNode stored = onStore(url, "rank", "--period", "2023-09", "--area", "government", "--format", "json").json();
        Run folder = ducha("rank", "samples", "--period", "2023-09", "--area", "GOVERNMENT", "--format", "json");
        assertThat(folder.status()).as(folder.err()).isZero();
        JsonNode judged = folder.json();
        assertThat(judged.get("run").isNull()).isTrue();
        assertThat(judged.get("area").asString()).isEqualTo("GOVERNMENT");
        for (int i = 0; i < 10; i++) {
            JsonNode a = stored.get("rows").get(i);
            JsonNode b = judged.get("rows").get(i);
            for (String field : List.of("unit", "rank", "score", "previousRank", "label", "points", "judged", "counts")) {
                assertThat(b.get(field)).as("%s %s", a.get("unit"), field).isEqualTo(a.get(field));
            }
        }
    }

    @Test
    void saysSoWhenThePeriodHasNoRunAndRefusesAnAreaThatIsNotAnEnvironment() {
        String url = TestDatabases.h2(dir);
        Run none = onStore(url, "rank", "--period", "2023-09");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("2023-09 尚无评判运行").contains("no run of 2023-09 in the store");
        Run safeguards = onStore(url, "rank", "--period", "2023-09", "--area", "SAFEGUARDS");
        assertThat(safeguards.status()).isEqualTo(1);
        assertThat(safeguards.err()).contains("is not one of the five environments").contains("CULTURE 人文环境");
    }
}
