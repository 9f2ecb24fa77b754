package cn.jinhua.ducha.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
            return lines.stream().map(l -> Arguments.of((Object[]) l.split(",", -1)));
        }
    }

    @ParameterizedTest(name = "{0} is catalogued exactly as commitments.md states it")
    @MethodSource("contract")
    void keepsEveryCommitmentOfTheContractExactly(String id, String metric, String kind, String strict, String scope,
                                                  String target, String window) {
        Commitment c = catalogue.commitment(id).orElseThrow(() -> new AssertionError("no commitment " + id));
        assertThat(c.metric()).isEqualTo(metric);
        assertThat(c.kind()).isEqualTo(Kind.valueOf(kind));
        assertThat(c.strict()).isEqualTo(Boolean.parseBoolean(strict));
        assertThat(c.scope()).isEqualTo(Scope.valueOf(scope));
        assertThat(c.window()).hasToString(window);
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
