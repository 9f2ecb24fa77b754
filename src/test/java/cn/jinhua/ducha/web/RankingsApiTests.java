package cn.jinhua.ducha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/rankings} (issue 15): the ranking of a period's latest run, every score agreeing with that run's
 * verdicts as {@code /api/verdicts} lists them; public among the units, its verdicts the county's own only.
 */
class RankingsApiTests {

    private static TestServer server;
    private static long run;

    @BeforeAll
    static void judgeTheSamples() {
        server = TestServer.shared();
        run = server.samplesJudged("2023-08", "2023-09");
    }

    /**
     * 100 × (MET, ON_TRACK 1; AT_RISK ½; the rest 0) ÷ judged, by hand, over the verdicts of one run in the area the
     * catalogue names {@code area} (its Chinese name, as /api/catalogue gives it; null: every area).
     */
    private static Map<String, BigDecimal> byHand(JsonNode verdicts, String area) {
        Map<String, BigDecimal> points = new HashMap<>();
        Map<String, Integer> judged = new HashMap<>();
        JsonNode catalogue = TestServer.json(server.get("city", "/api/catalogue"));
        Map<String, String> areaOf = new HashMap<>();
        catalogue.get("commitments").forEach(c -> areaOf.put(c.get("id").asString(), c.get("area").asString()));
        for (JsonNode v : verdicts) {
            String status = v.get("status").asString();
            if (status.equals("NOT_APPLICABLE") || v.get("waived").asBoolean(false)
                    || (area != null && !area.equals(areaOf.get(v.get("commitment").asString())))) {
                continue;
            }
            String unit = v.get("unit").asString();
            judged.merge(unit, 1, Integer::sum);
            points.merge(unit, switch (status) {
                case "MET", "ON_TRACK" -> BigDecimal.ONE;
                case "AT_RISK" -> new BigDecimal("0.5");
                default -> BigDecimal.ZERO;
            }, BigDecimal::add);
        }
        Map<String, BigDecimal> scores = new HashMap<>();
        points.forEach((unit, p) -> scores.put(unit, p.multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(judged.get(unit)), 1, RoundingMode.HALF_UP)));
        return scores;
    }

    @Test
    void ranksTheTenLocalUnitsOfTheLatestRunAsItsVerdictsAddUp() {
        JsonNode verdicts = TestServer.json(server.get("city", "/api/verdicts?run=" + run));
        for (String area : new String[] {null, "GOVERNMENT", "CULTURE"}) {
            HttpResponse<String> response = server.get("city", "/api/rankings?period=2023-09"
                    + (area == null ? "" : "&area=" + area));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode ranking = TestServer.json(response);
            assertThat(ranking.get("run").asLong()).isEqualTo(run);
            assertThat(ranking.get("area").isNull() ? null : ranking.get("area").asString()).isEqualTo(area);
            assertThat(ranking.get("rows")).hasSize(10);
            assertThat(ranking.get("areaName").asString()).isEqualTo(area == null ? "总体"
                    : Map.of("GOVERNMENT", "政务环境", "CULTURE", "人文环境").get(area));
            Map<String, BigDecimal> scores = byHand(verdicts, area == null ? null : ranking.get("areaName").asString());
            for (JsonNode row : ranking.get("rows")) {
                String unit = row.get("unit").asString();
                assertThat(row.get("score").decimalValue()).as("%s %s", area, unit).isEqualTo(scores.get(unit));
                long better = scores.entrySet().stream().filter(e -> !e.getKey().equals("jinhua"))
                        .filter(e -> e.getValue().compareTo(scores.get(unit)) > 0).count();
                assertThat(row.get("rank").asInt()).as("%s %s", area, unit).isEqualTo(1 + better);
                assertThat(row.get("verdicts").size()).isEqualTo(row.get("judged").asInt());
                if (!ranking.get("ranked").asBoolean()) {
                    assertThat(row.get("label").asString()).isEqualTo("新");
                }
            }
        }
    }

    @Test
    void aCountySupervisorSeesTheWholeRaceButOnlyItsOwnVerdicts() {
        JsonNode city = TestServer.json(server.get("city", "/api/rankings?period=2023-09"));
        JsonNode lanxi = TestServer.json(server.get("lanxi", "/api/rankings?period=2023-09"));
        assertThat(lanxi.get("rows")).hasSize(10);
        for (int i = 0; i < 10; i++) {
            JsonNode mine = lanxi.get("rows").get(i);
            JsonNode all = city.get("rows").get(i);
            assertThat(mine.get("unit")).isEqualTo(all.get("unit"));
            assertThat(mine.get("rank")).isEqualTo(all.get("rank"));
            assertThat(mine.get("score")).isEqualTo(all.get("score"));
            assertThat(mine.get("counts")).isEqualTo(all.get("counts"));
            if (mine.get("unit").asString().equals("lanxi")) {
                assertThat(mine.get("verdicts")).isEqualTo(all.get("verdicts")).isNotEmpty();
            } else {
                assertThat(mine.get("verdicts").isNull()).as(mine.get("unit").asString()).isTrue();
            }
        }
    }

    @Test
    void namesAnEnvironmentInChineseAndRefusesWhatIsNotOneAsProblems() {
        HttpResponse<String> chinese = server.get("city", "/api/rankings?period=2023-09&area="
                + URLEncoder.encode("人文环境", StandardCharsets.UTF_8));
        assertThat(chinese.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(chinese).get("area").asString()).isEqualTo("CULTURE");

        HttpResponse<String> safeguards = server.get("city", "/api/rankings?period=2023-09&area=SAFEGUARDS");
        assertThat(safeguards.statusCode()).isEqualTo(400);
        assertThat(safeguards.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(TestServer.json(safeguards).get("errors").get(0).get("field").asString()).isEqualTo("area");
        assertThat(TestServer.json(safeguards).get("detail").asString()).contains("五大环境");

        HttpResponse<String> noPeriod = server.get("city", "/api/rankings");
        assertThat(noPeriod.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(noPeriod).get("errors").get(0).get("field").asString()).isEqualTo("period");

        HttpResponse<String> notJudged = server.get("city", "/api/rankings?period=2022-01");
        assertThat(notJudged.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(notJudged).get("detail").asString()).contains("2022-01 尚无评判");
    }
}
