package cn.jinhua.ducha.evaluation;

import static cn.jinhua.ducha.evaluation.Light.GREEN;
import static cn.jinhua.ducha.evaluation.Light.GREY;
import static cn.jinhua.ducha.evaluation.Light.RED;
import static cn.jinhua.ducha.evaluation.Light.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

class LightMatrixTests {

    /** A verdict as the matrix reads it: a unit, a column, a light (null: NOT_APPLICABLE). */
    record Lit(String unit, String column, Light light) {
    }

    private static LightMatrix matrix(Lit... verdicts) {
        return LightMatrix.of(List.of(verdicts), Lit::unit, Lit::column, Lit::light);
    }

    @Test
    void ordersLightsRedOverYellowOverGreyOverGreen() {
        assertThat(List.of(GREEN, RED, GREY, YELLOW).stream().sorted(LightMatrix.SEVERITY).toList())
                .containsExactly(GREEN, GREY, YELLOW, RED);
        assertThat(LightMatrix.worse(GREY, YELLOW)).isEqualTo(YELLOW);
        assertThat(LightMatrix.worse(GREY, GREEN)).isEqualTo(GREY);
        assertThat(LightMatrix.worse(null, GREEN)).isEqualTo(GREEN);
        assertThat(LightMatrix.worse(RED, null)).isEqualTo(RED);
    }

    @Test
    void countsLightsInTheOrderEveryTableShowsThem() {
        assertThat(LightMatrix.COUNTED).containsExactly(GREEN, YELLOW, RED, GREY);
    }

    @Test
    void givesEachCellItsWorstLightAndLeavesCellsWithoutOneEmpty() {
        LightMatrix m = matrix(new Lit("wucheng", "01", GREEN), new Lit("wucheng", "01", GREY),
                new Lit("wucheng", "02", GREEN), new Lit("wucheng", "02", YELLOW), new Lit("wucheng", "02", GREEN),
                new Lit("yiwu", "01", RED), new Lit("yiwu", "01", GREY), new Lit("yiwu", "03", null));

        assertThat(m.worst("wucheng", "01")).isEqualTo(GREY);
        assertThat(m.worst("wucheng", "02")).isEqualTo(YELLOW);
        assertThat(m.worst("yiwu", "01")).isEqualTo(RED);
        assertThat(m.worst("yiwu", "03")).as("only NOT_APPLICABLE verdicts: no light").isNull();
        assertThat(m.worst("wucheng", "03")).isNull();
        assertThat(m.worst("lanxi", "01")).isNull();
    }

    @Test
    void givesEachRowItsWorstLightOverEveryColumn() {
        LightMatrix m = matrix(new Lit("wucheng", "01", GREY), new Lit("wucheng", "02", YELLOW),
                new Lit("yiwu", "01", GREEN), new Lit("yiwu", "02", GREY), new Lit("lanxi", "S", null));

        assertThat(m.worst("wucheng")).isEqualTo(YELLOW);
        assertThat(m.worst("yiwu")).isEqualTo(GREY);
        assertThat(m.worst("lanxi")).isNull();
    }

    @Test
    void countsByRowByColumnAndInTotalLeavingOutVerdictsWithoutALight() {
        LightMatrix m = matrix(new Lit("wucheng", "01", GREEN), new Lit("wucheng", "01", GREEN),
                new Lit("wucheng", "02", RED), new Lit("yiwu", "01", GREY), new Lit("yiwu", "02", RED),
                new Lit("province", "01", YELLOW), new Lit("yiwu", "02", null));

        assertThat(m.row("wucheng")).isEqualTo(Map.of(GREEN, 2, RED, 1));
        assertThat(m.row("lanxi")).isEmpty();
        assertThat(m.column("01")).isEqualTo(Map.of(GREEN, 2, GREY, 1, YELLOW, 1));
        assertThat(m.column("02")).isEqualTo(Map.of(RED, 2));
        assertThat(m.column("S")).isEmpty();
        assertThat(m.total()).isEqualTo(Map.of(GREEN, 2, RED, 2, GREY, 1, YELLOW, 1));
        assertThat(m.total(List.of("wucheng", "yiwu", "lanxi"))).as("the rows a table shows")
                .isEqualTo(Map.of(GREEN, 2, RED, 2, GREY, 1));
    }

    @Test
    void laysOutTheTaskColumnsAsThePlanNumbersThem() throws Exception {
        Catalogue catalogue = Catalogue.load(Path.of("rules"));
        List<String> columns = LightMatrix.columns(catalogue);

        assertThat(columns).startsWith("G", "M", "01").endsWith("S").hasSize(catalogue.tasks().size() + 3);
        catalogue.commitments().forEach(c -> assertThat(columns).as(c.id()).contains(LightMatrix.column(c)));
        assertThat(catalogue.commitments()).anySatisfy(c -> assertThat(LightMatrix.column(c)).isEqualTo("G"));
    }
}
