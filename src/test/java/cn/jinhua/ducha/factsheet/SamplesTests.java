package cn.jinhua.ducha.factsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's commands run on {@code samples/}: every sheet there is accepted, each month of 2023 holds the values
 * that contract v2 added, and the base period 2022-12 holds base values only, to show baselines at work.
 */
class SamplesTests {

    private static final YearMonth BASE = YearMonth.of(2022, 12);

    private static Catalogue catalogue;
    private static SheetBatch samples;

    @BeforeAll
    static void read() {
        catalogue = Catalogue.load(Path.of("rules"));
        samples = new SheetReader(catalogue).readFolder(Path.of("samples"));
    }

    @Test
    void everySampleSheetIsAccepted() {
        assertThat(samples.rejected()).isEmpty();
    }

    @Test
    void everyMonthOf2023HoldsEveryValueOfTheRevisedContractEachUnitOwes() {
        // the samples leave a few values out on purpose (DATA alerts); the values contract v2 added are all there
        List<String> revised = List.of("T05.2", "T06.3", "T09.2", "T16.2", "T36.1", "S.3", "M1.P", "M2.P", "M3.P",
                "M4.P", "M5.P");
        for (int month = 1; month <= 12; month++) {
            YearMonth period = YearMonth.of(2023, month);
            for (Unit u : catalogue.units()) {
                if (!u.isSupervised()) {
                    continue;
                }
                List<String> owed = catalogue.owedBy(u, period).stream().filter(c -> revised.contains(c.id()))
                        .map(Commitment::metric).toList();
                // a sheet missing altogether is one of the samples' deliberate gaps
                sheet(u, period).ifPresent(sheet -> assertThat(sheet.values().keySet()).as("%s %s", u.id(), period)
                        .containsAll(owed));
            }
        }
    }

    @Test
    void theBasePeriodHoldsBaseValuesBelowTheTargetsSaveOneAndLacksSome() {
        List<FactSheet> base = samples.of(BASE);
        assertThat(base).extracting(s -> s.unit().id()).containsExactlyInAnyOrderElementsOf(
                catalogue.units().stream().filter(Unit::isSupervised).map(Unit::id).toList());
        int atOrAboveTarget = 0;
        int missing = 0;
        for (FactSheet sheet : base) {
            List<Commitment> asked = ExcelTemplate.baseValues(catalogue, sheet.unit(), BASE);
            assertThat(asked.stream().map(Commitment::metric).toList()).as(sheet.unit().id())
                    .containsAll(sheet.facts().keySet());
            for (Commitment c : asked) {
                Object value = sheet.facts().get(c.metric());
                if (value == null) {
                    missing++;
                } else if (((BigDecimal) value).compareTo(c.target()) >= 0) {
                    atOrAboveTarget++;
                }
            }
        }
        assertThat(atOrAboveTarget).as("one base value at the target, to show it ignored").isEqualTo(1);
        assertThat(missing).as("base values left out, to show the catalogue's baseline and a partial sum").isEqualTo(2);
    }

    private static Optional<FactSheet> sheet(Unit unit, YearMonth period) {
        return samples.of(period).stream().filter(s -> s.unit().id().equals(unit.id())).findFirst();
    }
}
