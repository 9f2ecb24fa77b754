package cn.jinhua.ducha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import cn.jinhua.ducha.brief.Brief;
import cn.jinhua.ducha.store.TestDatabases;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ducha brief} after the README's steps: the samples submitted, August and September judged from the store. */
class BriefCommandTests {

    @TempDir
    Path dir;

    private Run ducha(String db, Object... args) {
        return Run.of(List.of("--db", db), args);
    }

    @Test
    void writesTheBriefOfAJudgedPeriodAsWordOrExcel() throws IOException {
        String db = TestDatabases.h2(dir);
        assertThat(ducha(db, "submit", "samples/2022-12", "samples/2023-08", "samples/2023-09").status()).isZero();
        assertThat(ducha(db, "evaluate", "--period", "2023-08").status()).isZero();
        assertThat(ducha(db, "evaluate", "--period", "2023-09").status()).isZero();

        Path word = dir.resolve("brief.docx");
        Run written = ducha(db, "brief", "--period", "2023-09", "--out", word);
        assertThat(written.status()).as(written.err()).isZero();
        assertThat(written.out()).contains("已写出 " + word).contains("2023 年第 9 期").contains("红 ")
                .contains("2023-08 之后新发预警");
        try (InputStream in = Files.newInputStream(word); XWPFDocument doc = new XWPFDocument(in)) {
            assertThat(doc.getParagraphs().get(0).getText()).isEqualTo(Brief.TITLE);
        }
        Path book = dir.resolve("out/brief.XLSX");
        assertThat(ducha(db, "brief", "--period", "2023-09", "--since", "2023-07", "--out", book).status()).isZero();
        try (InputStream in = Files.newInputStream(book); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(11);
        }
        try (Stream<Path> left = Files.list(dir.resolve("out"))) {
            assertThat(left).as("no draft left beside it").extracting(p -> p.getFileName().toString())
                    .containsExactly("brief.XLSX");
        }

        Path english = dir.resolve("brief-en.docx");
        Run inEnglish = ducha(db, "brief", "--period", "2023-09", "--lang", "en", "--out", english);
        assertThat(inEnglish.status()).as(inEnglish.err()).isZero();
        try (InputStream in = Files.newInputStream(english); XWPFDocument doc = new XWPFDocument(in)) {
            assertThat(doc.getParagraphs().get(1).getText()).isEqualTo("No. 9 of 2023");
            StringBuilder text = new StringBuilder();
            doc.getParagraphs().forEach(p -> text.append(p.getText()));
            doc.getTables().forEach(t -> text.append(t.getText()));
            assertThat(text.toString()).doesNotContainPattern("\\p{IsHan}");
        }
    }

    @Test
    void refusesAMonthNotJudgedAndAFileOfAnotherKind() {
        String db = TestDatabases.h2(dir);
        Run notJudged = ducha(db, "brief", "--period", "2023-09", "--out", dir.resolve("brief.docx"));
        assertThat(notJudged.status()).isEqualTo(1);
        assertThat(notJudged.err()).contains("2023-09 尚无评判运行").contains("evaluate --period 2023-09");
        assertThat(dir.resolve("brief.docx")).doesNotExist();
        Run pdf = ducha(db, "brief", "--period", "2023-09", "--out", dir.resolve("brief.pdf"));
        assertThat(pdf.status()).isEqualTo(1);
        assertThat(pdf.err()).contains("须以 .docx 或 .xlsx 结尾");
        Run since = ducha(db, "brief", "--period", "2023-09", "--since", "2023-10", "--out", dir.resolve("b.docx"));
        assertThat(since.status()).isEqualTo(1);
        assertThat(since.err()).contains("--since");
        Run french = ducha(db, "brief", "--period", "2023-09", "--lang", "fr", "--out", dir.resolve("b.docx"));
        assertThat(french.status()).isEqualTo(1);
        assertThat(french.err()).contains("--lang").contains("须为 zh 或 en");
    }
}
