package cn.jinhua.ducha.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.junit.jupiter.api.Test;

/** The command line's tables line up on a terminal, where a Chinese character takes two columns (issue 17). */
class TableReportTests {

    @Test
    void padsToDisplayWidthCountingChineseAndFullWidthFormsAsTwoColumns() {
        assertThat(TableReport.pad("abc", 6)).isEqualTo("abc   ");
        assertThat(TableReport.pad("婺城区", 8)).isEqualTo("婺城区  ");
        assertThat(TableReport.pad("（红）、", 9)).isEqualTo("（红）、 ");
        assertThat(TableReport.pad("金华开发区 Jinhua", 10)).isEqualTo("金华开发区 Jinhua");
    }

    @Test
    void linesUpTheMatrixOfEveryUnitUnderItsHeader() {
        Rulebook rulebook = Rulebook.load(Path.of("rules"));
        Evaluation evaluation = new Evaluator(rulebook).evaluate(
                new SheetReader(rulebook.catalogue()).readFolder(Path.of("samples")), YearMonth.of(2023, 9));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TableReport(rulebook.catalogue(), new Explanations(rulebook.catalogue()), false)
                .print(evaluation, new PrintStream(out, true, UTF_8));
        List<String> lines = out.toString(UTF_8).lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("单位 unit")).findFirst().orElseThrow());
        List<String> matrix = lines.subList(header, header + 12);
        // the ten local units and the city: every light of every row starts in the same column, and the counts
        // (right-aligned) end where the header's last label does
        List<Integer> columns = lightStarts(matrix.get(1));
        assertThat(columns).hasSize(41);
        for (String row : matrix.subList(1, matrix.size())) {
            assertThat(lightStarts(row)).as(row).isEqualTo(columns);
            assertThat(width(row)).as(row).isEqualTo(width(matrix.get(0)));
        }
    }

    /** The display column where each light (or · for none) after the unit's name starts. */
    private static List<Integer> lightStarts(String row) {
        List<Integer> starts = new java.util.ArrayList<>();
        int column = 0;
        boolean blank = true;
        for (int cp : row.codePoints().toArray()) {
            if (cp != ' ' && blank && column >= 20 && !Character.isDigit(cp)) {
                starts.add(column);
            }
            blank = cp == ' ';
            column += Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? 2 : 1;
        }
        return starts;
    }

    private static int width(String row) {
        return row.codePoints().map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? 2 : 1).sum();
    }
}
