package cn.jinhua.ducha.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import cn.jinhua.ducha.RulesCopy;
import cn.jinhua.ducha.catalogue.Area;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.CatalogueException;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.evaluation.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 赛马 formula of settings.yaml: points per status, NO_DATA the worst, ties shared, movement month to month. */
class RankingsTests {

    private static final YearMonth SEPTEMBER = YearMonth.of(2023, 9);
    private static Catalogue catalogue;
    private static Rankings rankings;
    private static List<String> government;
    private static List<String> legal;

    @BeforeAll
    static void load() {
        catalogue = Catalogue.load(Path.of("rules"));
        rankings = new Rankings(catalogue);
        government = commitmentsIn("GOVERNMENT");
        legal = commitmentsIn("LEGAL");
    }

    private static List<String> commitmentsIn(String area) {
        return catalogue.commitments().stream().filter(c -> c.area().id().equals(area)).map(Commitment::id).toList();
    }

    /** Marks for {@code unit}, one per status given, on successive commitments of the government environment. */
    private static List<Mark> marks(String unit, Status... statuses) {
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            marks.add(new Mark(null, unit, government.get(i), statuses[i], false));
        }
        return marks;
    }

    private static List<Mark> all(List<List<Mark>> units) {
        return units.stream().flatMap(List::stream).toList();
    }

    @Test
    void ranksTheTenLocalUnitsInEveryOneOfTheFiveEnvironments() {
        assertThat(rankings.units()).hasSize(10).allMatch(u -> u.isLocal());
        assertThat(rankings.environments()).extracting(Area::id)
                .containsExactly("GOVERNMENT", "LEGAL", "MARKET", "ECONOMY", "CULTURE");
        assertThat(rankings.environment("SAFEGUARDS")).isEmpty();
        assertThat(rankings.rank(SEPTEMBER, null, null, List.of(), null).rows()).hasSize(10);
    }

    @Test
    void scoresTheShareOfPointsOverWhatWasJudged() {
        Ranking r = rankings.rank(SEPTEMBER, null, null, marks("yiwu", Status.MET, Status.ON_TRACK, Status.AT_RISK,
                Status.OFF_TRACK, Status.MISSED, Status.NOT_APPLICABLE), null);
        Ranking.Row yiwu = r.row("yiwu").orElseThrow();
        // (1 + 1 + 0.5 + 0 + 0) / 5; NOT_APPLICABLE left out of both sides
        assertThat(yiwu.points()).isEqualByComparingTo("2.5");
        assertThat(yiwu.judged()).isEqualTo(5);
        assertThat(yiwu.score()).isEqualByComparingTo("50.0");
        assertThat(yiwu.score().scale()).isEqualTo(1);
        assertThat(yiwu.counts()).containsEntry(Status.NOT_APPLICABLE, 1).containsEntry(Status.AT_RISK, 1);
        assertThat(yiwu.marks()).extracting(Mark::status).doesNotContain(Status.NOT_APPLICABLE);
        assertThat(yiwu.rank()).isEqualTo(1);
        assertThat(r.row("lanxi").orElseThrow().rank()).as("nothing judged, no rank").isNull();
        assertThat(r.row("lanxi").orElseThrow().score()).isNull();
        assertThat(r.rows().get(0).unit().id()).isEqualTo("yiwu");
    }

    @Test
    void roundsThePublishedScoreHalfUpFromTheExactShare() {
        // 2 / 3 = 66.666…; one place: 66.7
        Ranking r = rankings.rank(SEPTEMBER, null, null,
                marks("pujiang", Status.MET, Status.MET, Status.OFF_TRACK), null);
        assertThat(r.row("pujiang").orElseThrow().score()).isEqualTo(new BigDecimal("66.7"));
    }

    @Test
    void noDataScoresTheWorstAndCountsSoThatNotReportingNeverPays() {
        Ranking r = rankings.rank(SEPTEMBER, null, null, all(List.of(
                marks("wucheng", Status.MET, Status.OFF_TRACK),        // reported a red item: 50
                marks("jindong", Status.MET, Status.NO_DATA),          // left it out instead: no better, 50
                marks("wuyi", Status.NO_DATA, Status.NO_DATA),         // sent nothing: 0, still ranked
                marks("lanxi", Status.MET, Status.MISSED, Status.NO_DATA))), null);
        assertThat(r.row("jindong").orElseThrow().score()).isEqualByComparingTo("50");
        assertThat(r.row("jindong").orElseThrow().judged()).isEqualTo(2);
        assertThat(r.row("wucheng").orElseThrow().rank()).isEqualTo(r.row("jindong").orElseThrow().rank());
        assertThat(r.row("wuyi").orElseThrow().score()).isEqualByComparingTo("0");
        assertThat(r.row("wuyi").orElseThrow().rank()).isEqualTo(4);
        assertThat(r.row("lanxi").orElseThrow().score()).isEqualByComparingTo("33.3");
        for (Status s : Status.values()) {
            if (s != Status.NOT_APPLICABLE) {
                assertThat(rankings.scoring().points(Status.NO_DATA)).isLessThanOrEqualTo(rankings.scoring().points(s));
            }
        }
    }

    @Test
    void equalScoresShareARankAndTheNextRankSkips() {
        Ranking r = rankings.rank(SEPTEMBER, null, null, all(List.of(
                marks("panan", Status.MET, Status.MET),
                marks("yongkang", Status.MET, Status.OFF_TRACK),
                marks("dongyang", Status.AT_RISK, Status.AT_RISK),   // 0.5 + 0.5 over 2: also 50
                marks("kaifaqu", Status.AT_RISK, Status.OFF_TRACK))), null);
        // equal scores keep the registry's order (东阳 before 永康)
        assertThat(r.rows().subList(0, 4)).extracting(row -> row.unit().id() + " " + row.rank())
                .containsExactly("panan 1", "dongyang 2", "yongkang 2", "kaifaqu 4");
        assertThat(r.rows().subList(4, 10)).allMatch(row -> row.rank() == null);
    }

    @Test
    void leavesWaivedVerdictsOutOfTheScore() {
        List<Mark> marks = new ArrayList<>(marks("yiwu", Status.MET));
        marks.add(new Mark(null, "yiwu", government.get(1), Status.OFF_TRACK, true));
        Ranking.Row yiwu = rankings.rank(SEPTEMBER, null, null, marks, null).row("yiwu").orElseThrow();
        assertThat(yiwu.score()).isEqualByComparingTo("100");
        assertThat(yiwu.waived()).isEqualTo(1);
        assertThat(yiwu.judged()).isEqualTo(1);
        assertThat(yiwu.counts()).containsEntry(Status.OFF_TRACK, 1);
    }

    @Test
    void movesEachUnitAgainstThePreviousMonthsRanking() {
        List<Mark> august = all(List.of(
                marks("wucheng", Status.MET),
                marks("jindong", Status.AT_RISK),
                marks("wuyi", Status.OFF_TRACK),
                marks("pujiang", Status.AT_RISK)));
        List<Mark> september = all(List.of(
                marks("wuyi", Status.MET),                   // 4th (after a shared 2nd) → 1st: ↑3
                marks("wucheng", Status.AT_RISK),            // 1st → 2nd: ↓1
                marks("jindong", Status.AT_RISK),            // 2nd → 2nd (shared): —
                marks("panan", Status.OFF_TRACK)));          // not ranked in August: 新
        Ranking r = rankings.rank(SEPTEMBER, null, null, september, august);
        assertThat(r.ranked()).isTrue();
        assertThat(r.previous()).isEqualTo(YearMonth.of(2023, 8));
        assertThat(r.row("wuyi").orElseThrow().movement()).isEqualTo(new Movement(Movement.Direction.UP, 3));
        assertThat(r.row("wuyi").orElseThrow().movement().label()).isEqualTo("↑3");
        assertThat(r.row("wucheng").orElseThrow().movement().label()).isEqualTo("↓1");
        assertThat(r.row("jindong").orElseThrow().movement().label()).isEqualTo("—");
        assertThat(r.row("panan").orElseThrow().movement().direction()).isEqualTo(Movement.Direction.NEW);
        assertThat(r.row("panan").orElseThrow().movement().label()).isEqualTo("新");
        assertThat(r.row("pujiang").orElseThrow().previousRank()).isEqualTo(2);
        assertThat(r.row("pujiang").orElseThrow().movement().direction()).isEqualTo(Movement.Direction.UNRANKED);
    }

    @Test
    void callsEveryUnitNewWhenTheMonthBeforeWasNotJudged() {
        Ranking r = rankings.rank(SEPTEMBER, null, null, marks("yiwu", Status.MET), null);
        assertThat(r.ranked()).isFalse();
        assertThat(r.row("yiwu").orElseThrow().movement().label()).isEqualTo("新");
    }

    @Test
    void ranksAnEnvironmentFromItsOwnCommitmentsOnly() {
        List<Mark> marks = List.of(
                new Mark(null, "yiwu", government.get(0), Status.MET, false),
                new Mark(null, "yiwu", legal.get(0), Status.OFF_TRACK, false),
                new Mark(null, "lanxi", legal.get(0), Status.MET, false));
        Area law = rankings.environment("LEGAL").orElseThrow();
        Ranking inLaw = rankings.rank(SEPTEMBER, law, null, marks, null);
        assertThat(inLaw.area()).isEqualTo(law);
        assertThat(inLaw.row("lanxi").orElseThrow().rank()).isEqualTo(1);
        assertThat(inLaw.row("yiwu").orElseThrow().rank()).isEqualTo(2);
        assertThat(inLaw.row("yiwu").orElseThrow().judged()).isEqualTo(1);
        Ranking overall = rankings.rank(SEPTEMBER, null, null, marks, null);
        assertThat(overall.row("yiwu").orElseThrow().score()).isEqualByComparingTo("50");
    }

    @Test
    void theCurrentCatalogueStatesTheFormula() {
        Catalogue.RankingSettings s = catalogue.settings().ranking();
        assertThat(s).isNotNull();
        assertThat(s.met()).isEqualByComparingTo("1");
        assertThat(s.atRisk()).isEqualByComparingTo("0.5");
        assertThat(s.noData()).isEqualByComparingTo("0");
        assertThat(s.decimals()).isEqualTo(1);
    }

    @Test
    void loadsAStoredCatalogueWithoutTheRankingSectionButRanksNothingWithIt(@TempDir Path dir) throws IOException {
        Path rules = RulesCopy.in(dir);
        Path settings = rules.resolve("catalogue/settings.yaml");
        String text = Files.readString(settings, StandardCharsets.UTF_8);
        Files.writeString(settings, text.substring(0, text.indexOf("# 赛马计分")), StandardCharsets.UTF_8);
        Catalogue old = Catalogue.load(rules);
        assertThat(old.settings().ranking()).isNull();
        assertThatThrownBy(() -> new Rankings(old)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no ranking section");
    }

    @Test
    void refusesANoDataThatWouldPayMoreThanAReportedStatus(@TempDir Path dir) throws IOException {
        Path rules = RulesCopy.in(dir);
        Path settings = rules.resolve("catalogue/settings.yaml");
        Files.writeString(settings, Files.readString(settings, StandardCharsets.UTF_8)
                .replace("NO_DATA: 0", "NO_DATA: 0.6"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Catalogue.load(rules)).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("not reporting would pay");
    }

    @Test
    void refusesAPointForAStatusThatIsNeverScored(@TempDir Path dir) throws IOException {
        Path rules = RulesCopy.in(dir);
        Path settings = rules.resolve("catalogue/settings.yaml");
        Files.writeString(settings, Files.readString(settings, StandardCharsets.UTF_8)
                .replace("    NO_DATA: 0\n", "    NO_DATA: 0\n    NOT_APPLICABLE: 1\n"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Catalogue.load(rules)).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("NOT_APPLICABLE");
    }
}
