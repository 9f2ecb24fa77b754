package cn.jinhua.ducha.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Repository-wide rules for the catalogue: it says exactly what commitments.md says, every phrase it cites is the
 * seed's own, and every task of the plan has a commitment.
 */
class CatalogueTests {

    private static final Path SEED = Path.of("seeds", "000_2e28695f507dac2a.txt");
    private static Catalogue catalogue;
    private static String seed;

    @BeforeAll
    static void load() throws IOException {
        catalogue = Catalogue.load(Path.of("rules"));
        seed = Files.readString(SEED, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> contract() throws IOException {
        try (InputStream in = CatalogueTests.class.getResourceAsStream("/contract-commitments.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            // the source comes last: it may hold commas of its own
            return lines.stream().map(l -> Arguments.of((Object[]) l.split(",", 9)));
        }
    }

    @ParameterizedTest(name = "{0} is catalogued exactly as commitments.md states it")
    @MethodSource("contract")
    void keepsEveryCommitmentOfTheContractExactly(String id, String metric, String kind, String strict, String scope,
                                                  String target, String window, String basis, String source) {
        Commitment c = catalogue.commitment(id).orElseThrow(() -> new AssertionError("no commitment " + id));
        assertThat(c.metric()).isEqualTo(metric);
        assertThat(c.kind()).isEqualTo(Kind.valueOf(kind));
        assertThat(c.strict()).isEqualTo(Boolean.parseBoolean(strict));
        assertThat(c.scope()).isEqualTo(Scope.valueOf(scope));
        assertThat(c.window()).hasToString(window);
        assertThat(c.windowBasis().basis()).isEqualTo(WindowBasis.Basis.valueOf(basis));
        if (!source.isEmpty()) {
            assertThat(c.source()).isEqualTo(source);
        }
        switch (c.kind()) {
            case MILESTONE -> assertThat(target).isEqualTo("true");
            case PROGRESS -> assertThat(c.target()).isNull();
            case BENCHMARK_MARGIN -> assertThat(c.margin()).isEqualByComparingTo(new BigDecimal(target.substring(1)));
            default -> assertThat(c.target()).isEqualByComparingTo(new BigDecimal(target));
        }
    }

    @Test
    void catalogueHoldsNoCommitmentTheContractLacksUnlessAdded() throws IOException {
        assertThat(catalogue.commitments()).extracting(Commitment::id)
                .containsExactlyInAnyOrderElementsOf(contract().map(a -> (String) a.get()[0]).toList());
    }

    @Test
    void citesOnlyTheSeedsOwnWords() {
        for (Commitment c : catalogue.commitments()) {
            int from = 0;
            for (String phrase : c.source().split("…")) {
                if (phrase.isEmpty()) {
                    continue;
                }
                int at = seed.indexOf(phrase, from);
                assertThat(at).as("%s cites \"%s\", which the seed does not say (in order)", c.id(), phrase)
                        .isNotNegative();
                from = at + phrase.length();
            }
        }
    }

    @Test
    void givesEveryCommitmentAWindowBasisAndEveryInferredOneTheSchedulesWords() {
        assertThat(catalogue.commitments()).allSatisfy(c -> assertThat(c.windowBasis()).as(c.id()).isNotNull());
        List<Commitment> inferred = catalogue.commitments().stream().filter(c -> c.windowBasis().isInferred()).toList();
        assertThat(inferred).extracting(Commitment::id).contains("T01.2", "T05.1", "T06.2", "T06.3", "T14.1", "T21.1",
                "S.2", "S.3", "T01.P", "M5.P").doesNotContain("G.1", "T09.1", "T31.1", "T05.2", "T28.3", "S.1");
        for (Commitment c : inferred) {
            assertThat(seed).as("%s's inferred window follows the seed's schedule", c.id())
                    .contains(c.windowBasis().schedule());
            assertThat(c.windowBasis().reason()).as(c.id()).contains(c.windowBasis().schedule())
                    .startsWith("原文未写明时限").contains("inferred");
        }
        assertThat(catalogue.commitment("T05.1").orElseThrow().windowBasis().schedule())
                .isEqualTo("一年重点突破。2023年底,营商环境优化提升改革各项任务全面推进");
        assertThat(catalogue.commitment("T05.1").orElseThrow().window()).hasToString("2023");
        assertThat(catalogue.commitment("M1.P").orElseThrow().windowBasis().schedule()).isEqualTo("五年整体跃迁。2027年底");
        assertThat(catalogue.commitment("G.1").orElseThrow().windowBasis()).isEqualTo(WindowBasis.STATED);
        assertThat(catalogue.commitment("G.1").orElseThrow().windowBasis().reason()).isNull();
    }

    @Test
    void listsWhatItDoesNotJudgeInTheSeedsOwnWords() {
        assertThat(catalogue.notJudged()).isNotEmpty().allSatisfy(n -> {
            int from = 0;
            for (String phrase : n.words().split("…")) {
                int at = seed.indexOf(phrase, from);
                assertThat(at).as("not judged: \"%s\" is not the seed's (in order)", phrase).isNotNegative();
                from = at + phrase.length();
            }
            assertThat(n.where()).as(n.words()).isNotBlank();
            assertThat(n.reason()).as(n.words()).isNotNull();
            assertThat(n.note()).as(n.words()).isNotBlank();
        });
    }

    @Test
    void listsAtLeastThePartsCommitmentsMdNamesAsNotJudged() {
        List<String> words = catalogue.notJudged().stream().map(NotJudged::words).toList();
        for (String part : List.of("标志性成果", "金字招牌", "复制推广", "长三角营商环境共建", "提前预警", "专项督察", "容错纠错",
                "赛马平台", "微改革")) {
            assertThat(words).as("not judged: %s", part).anySatisfy(w -> assertThat(w).contains(part));
        }
        assertThat(catalogue.notJudged()).anySatisfy(n -> assertThat(n.section()).contains("强化政策体系"));
        assertThat(catalogue.notJudged()).anySatisfy(n -> {
            assertThat(n.taskNumber()).isEqualTo(1);
            assertThat(n.words()).contains("中介");
        });
        assertThat(catalogue.notJudged()).anySatisfy(n -> {
            assertThat(n.taskNumber()).isEqualTo(12);
            assertThat(n.words()).contains("共享法庭");
        });
        assertThat(catalogue.notJudged()).extracting(NotJudged::reason).contains(NotJudged.Reason.values());
    }

    @Test
    void countsTasksMeasuredAndTasksFollowedByProgressAlone() {
        Coverage coverage = catalogue.coverage();
        assertThat(coverage.tasks()).isEqualTo(38);
        assertThat(coverage.numeric()).containsExactly(1, 2, 3, 4, 5, 6, 7, 9, 11, 12, 14, 15, 16, 21, 28, 31, 35, 36,
                38);
        assertThat(coverage.progressOnly()).containsExactly(8, 10, 13, 17, 18, 19, 20, 22, 23, 24, 25, 26, 27, 29, 30,
                32, 33, 34, 37);
        assertThat(coverage.covered()).isEqualTo(38);
        assertThat(coverage.generalWorks()).isEqualTo(5);
        assertThat(coverage.notJudged()).isEqualTo(catalogue.notJudged().size());
        assertThat(coverage.summary()).contains("38 项任务中 19 项有量化承诺", "19 项仅跟踪报送进展",
                "of 38 tasks, 19 have a numeric commitment", "19 are followed by reported progress alone");
    }

    @Test
    void followsTheFiveGeneralWorksByTheCitysProgressUnderTheirOwnLeads() {
        assertThat(catalogue.generalWorks()).extracting(Commitment::id)
                .containsExactly("M1.P", "M2.P", "M3.P", "M4.P", "M5.P");
        for (Commitment m : catalogue.generalWorks()) {
            assertThat(m.kind()).isEqualTo(Kind.PROGRESS);
            assertThat(m.scope()).isEqualTo(Scope.CITY);
            assertThat(m.task()).isNull();
            assertThat(m.area().name()).isEqualTo("五项面上工作");
            assertThat(m.progressCode()).isEqualTo(m.id().substring(0, 2));
            assertThat(seed).as("%s's lead unit", m.id()).contains(m.source() + "。")
                    .contains("责任单位:" + m.lead());
            assertThat(catalogue.progress(m.progressCode())).contains(m);
        }
        assertThat(catalogue.commitment("M1.P").orElseThrow().lead()).isEqualTo("市委办公室(改革办)");
        assertThat(catalogue.commitment("M4.P").orElseThrow().lead()).isEqualTo("市发改委");
        assertThat(catalogue.commitment("T05.1").orElseThrow().lead()).isEqualTo("市政管办(放管服办)");
        assertThat(catalogue.progress("M6")).isEmpty();
        assertThat(catalogue.progress("T39")).isEmpty();
    }

    @Test
    void knowsTheBasePeriodOfEachReachByCommitment() {
        Commitment t051 = catalogue.commitment("T05.1").orElseThrow();
        assertThat(t051.hasBasePeriod(YearMonth.of(2022, 12))).isTrue();
        assertThat(t051.hasBasePeriod(YearMonth.of(2023, 1))).isFalse();
        assertThat(catalogue.commitment("T07.1").orElseThrow().hasBasePeriod(YearMonth.of(2022, 12))).isFalse();
        assertThat(catalogue.commitment("T01.2").orElseThrow().hasBasePeriod(YearMonth.of(2022, 12))).isFalse();
    }

    @Test
    void refusesAnInferredWindowThatNamesNoSchedule(@TempDir Path rules) throws IOException {
        copyCatalogue(rules);
        Path file = rules.resolve("catalogue/commitments.yaml");
        Files.writeString(file, Files.readString(file).replaceFirst("(?m)^  window: 一年重点突破", "  window: 三年大变样"));
        assertThatThrownBy(() -> Catalogue.load(rules)).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("inferredWindows");
    }

    @Test
    void refusesAStatedWindowThatIsAnInferredOne(@TempDir Path rules) throws IOException {
        copyCatalogue(rules);
        Path file = rules.resolve("catalogue/commitments.yaml");
        Files.writeString(file, Files.readString(file).replaceFirst("(?m)^  windowBasis: INFERRED", "  windowBasis: STATED"));
        assertThatThrownBy(() -> Catalogue.load(rules)).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("windowBasis must be INFERRED");
    }

    @Test
    void refusesAnEntryNotJudgedWithNeitherTaskNorSection(@TempDir Path rules) throws IOException {
        copyCatalogue(rules);
        Files.writeString(rules.resolve("catalogue/not-judged.yaml"), """
                - words: "建立健全专项督察机制"
                  reason: WORKING_METHOD
                  note: "x"
                """);
        assertThatThrownBy(() -> Catalogue.load(rules)).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("exactly one of a known task or a section");
    }

    private static void copyCatalogue(Path rules) throws IOException {
        Files.createDirectories(rules.resolve("catalogue"));
        try (Stream<Path> files = Files.list(Path.of("rules", "catalogue"))) {
            for (Path f : files.toList()) {
                Files.copy(f, rules.resolve("catalogue").resolve(f.getFileName().toString()));
            }
        }
    }

    @Test
    void namesEveryTaskAndLeadUnitAsTheSeedDoes() {
        assertThat(catalogue.tasks()).extracting(Task::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 38).boxed().toList());
        for (Task t : catalogue.tasks()) {
            assertThat(seed).as("task %d title", t.number()).contains(t.number() + "." + t.title() + "。");
            assertThat(seed).as("task %d lead unit", t.number()).contains("责任单位:" + t.lead());
        }
    }

    @Test
    void everyTaskOfThePlanHasACommitment() {
        assertThat(catalogue.tasks()).allSatisfy(t -> assertThat(catalogue.commitmentsOf(t))
                .as("commitments of task %d", t.number()).isNotEmpty());
    }

    @Test
    void everyTaskHasItsProgressCommitment() {
        for (Task t : catalogue.tasks()) {
            Commitment p = catalogue.commitment(t.code() + ".P").orElseThrow();
            assertThat(p.metric()).isEqualTo("progress." + t.code());
            assertThat(p.source()).isEqualTo(t.title());
        }
    }

    @Test
    void placesTasksInTheirEnvironments() {
        assertThat(catalogue.task(1).orElseThrow().area().name()).isEqualTo("政务环境");
        assertThat(catalogue.task(11).orElseThrow().area().name()).isEqualTo("法治环境");
        assertThat(catalogue.task(17).orElseThrow().area().name()).isEqualTo("市场环境");
        assertThat(catalogue.task(24).orElseThrow().area().name()).isEqualTo("经济生态环境");
        assertThat(catalogue.task(38).orElseThrow().area().name()).isEqualTo("人文环境");
        assertThat(catalogue.commitment("G.1").orElseThrow().area().name()).isEqualTo("总体要求");
        assertThat(catalogue.commitment("S.1").orElseThrow().area().name()).isEqualTo("保障措施");
        assertThat(catalogue.commitment("M1.P").orElseThrow().area().name()).isEqualTo("五项面上工作");
    }

    @Test
    void registersTheContractsReportingUnits() {
        assertThat(catalogue.units()).extracting(Unit::id).containsExactly("wucheng", "jindong", "wuyi", "pujiang",
                "panan", "lanxi", "yiwu", "dongyang", "yongkang", "kaifaqu", "jinhua", "zhejiang");
        assertThat(catalogue.units()).filteredOn(Unit::ftz).extracting(Unit::id).containsExactly("jindong", "yiwu");
        assertThat(catalogue.unit("330782")).map(Unit::id).contains("yiwu");
        assertThat(catalogue.unit("金东区")).map(Unit::id).contains("jindong");
        assertThat(catalogue.unit("金华开发区")).map(Unit::id).contains("kaifaqu");
        assertThat(catalogue.unit("330000")).map(Unit::kind).contains(UnitKind.PROVINCE);
    }
}
