package cn.jinhua.ducha.factsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.AlertLevel;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Evaluator;
import cn.jinhua.ducha.rulebook.Rulebook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidationConstraint.OperatorType;
import org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Excel template of a unit's sheet asks exactly for what the unit owes, helps with labels, targets and last
 * month's values, guards every value cell with a data validation, never writes a formula, and, filled in, reads back
 * to the same facts as the JSON sheet.
 */
class ExcelTemplateTests {

    private static final YearMonth PERIOD = YearMonth.of(2023, 9);
    private static final int FIRST_VALUE_ROW = 4;

    private static Rulebook rulebook;
    private static Catalogue catalogue;
    private static SheetReader reader;

    @BeforeAll
    static void loadRules() {
        rulebook = Rulebook.load(Path.of("rules"));
        catalogue = rulebook.catalogue();
        reader = new SheetReader(catalogue);
    }

    private static Unit unit(String id) {
        return catalogue.unit(id).orElseThrow();
    }

    private static FactSheet sample(String unit, YearMonth period) throws IOException {
        Path file = Path.of("samples", period.toString(), unit + ".json");
        return reader.read(file.toString(), Files.readAllBytes(file)).sheet().orElseThrow();
    }

    private static XSSFWorkbook open(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    /** Column A of the first worksheet below the header, unit, period and submittedBy: the values asked for. */
    private static List<String> askedFields(XSSFWorkbook workbook) {
        XSSFSheet sheet = workbook.getSheetAt(0);
        List<String> fields = new ArrayList<>();
        for (int r = FIRST_VALUE_ROW; r <= sheet.getLastRowNum(); r++) {
            fields.add(sheet.getRow(r).getCell(ExcelTemplate.FIELD).getStringCellValue());
        }
        return fields;
    }

    @ParameterizedTest(name = "For {0} the template asks every unit for exactly what the evaluation holds it owes")
    @ValueSource(strings = {"2023-01", "2023-06", "2023-09", "2023-12", "2024-03", "2025-01"})
    void asksForExactlyTheValuesTheEvaluationCallsOwed(String month) throws IOException {
        YearMonth period = YearMonth.parse(month);
        // a sheet with no values from every supervised unit: the DATA alerts then list everything each one owes
        List<SheetReader.Result> empty = new ArrayList<>();
        for (Unit u : catalogue.units()) {
            if (u.isSupervised()) {
                empty.add(new SheetReader.Result(java.util.Optional.of(new FactSheet(u.id() + ".json", u, period, null,
                        Map.of(), Map.of())), java.util.Optional.empty()));
            }
        }
        Evaluation evaluation = new Evaluator(rulebook).evaluate(reader.batch(empty), period);

        for (Unit u : catalogue.units()) {
            if (!u.isSupervised()) {
                continue;
            }
            List<String> owed = evaluation.alerts().stream()
                    .filter(a -> a.level() == AlertLevel.DATA && a.unit().id().equals(u.id()))
                    .flatMap(a -> a.missing().stream()).map(Commitment::metric).toList();
            try (XSSFWorkbook template = open(ExcelTemplate.write(catalogue, u, period, null))) {
                assertThat(askedFields(template)).as("%s %s", u.id(), period)
                        .isNotEmpty()
                        .containsExactlyInAnyOrderElementsOf(owed);
            }
        }
    }

    @Test
    void asksTheProvinceForTheAveragesTheBenchmarksCompareWith() throws IOException {
        try (XSSFWorkbook template = open(ExcelTemplate.write(catalogue, unit("zhejiang"), PERIOD, null))) {
            assertThat(askedFields(template))
                    .containsExactlyInAnyOrder("trade.import_export_growth_pct", "trade.fdi_growth_pct");
        }
    }

    @Test
    void fillsInTheUnitAndPeriodAndPutsFactsBeforeProgress() throws IOException {
        try (XSSFWorkbook template = open(ExcelTemplate.write(catalogue, unit("yiwu"), PERIOD, null))) {
            XSSFSheet sheet = template.getSheetAt(0);
            assertThat(template.getSheetIndex(sheet)).isZero();
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("字段 field");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("值 value");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("说明 note");
            assertThat(Spreadsheets.rowOf(template, "unit").getCell(1).getStringCellValue()).isEqualTo("yiwu");
            assertThat(Spreadsheets.rowOf(template, "period").getCell(1).getStringCellValue()).isEqualTo("2023-09");
            assertThat(Spreadsheets.rowOf(template, "period").getCell(1).getCellStyle().getDataFormatString())
                    .as("text, so that Excel does not make a date of it").isEqualTo("@");
            List<String> fields = askedFields(template);
            int firstProgress = fields.indexOf(fields.stream().filter(f -> f.startsWith("progress.")).findFirst()
                    .orElseThrow());
            assertThat(fields.subList(firstProgress, fields.size())).allMatch(f -> f.startsWith("progress."));
        }
    }

    @Test
    void showsLabelsUnitsTargetsAndLastMonthsValues() throws IOException {
        FactSheet august = sample("yiwu", PERIOD.minusMonths(1));

        try (XSSFWorkbook template = open(ExcelTemplate.write(catalogue, unit("yiwu"), PERIOD, august))) {
            assertThat(template.getSheetAt(0).getRow(0).getCell(ExcelTemplate.LAST).getStringCellValue())
                    .contains("2023-08");
            XSSFRow rate = Spreadsheets.rowOf(template, "digital.one_network_rate_pct");
            Commitment t092 = catalogue.commitment("T09.2").orElseThrow();
            assertThat(rate.getCell(ExcelTemplate.LABEL).getStringCellValue()).isEqualTo(t092.label());
            assertThat(rate.getCell(ExcelTemplate.MEASURE).getStringCellValue()).isEqualTo("%");
            assertThat(rate.getCell(ExcelTemplate.TARGET).getStringCellValue()).isEqualTo("≥ 90");
            assertThat(rate.getCell(ExcelTemplate.COMMITMENT).getStringCellValue()).startsWith("T09.2 ");
            assertThat(BigDecimal.valueOf(rate.getCell(ExcelTemplate.LAST).getNumericCellValue()))
                    .isEqualByComparingTo((BigDecimal) august.facts().get("digital.one_network_rate_pct"));
            assertThat(rate.getCell(ExcelTemplate.VALUE).getCellType()).as("left for the unit to fill")
                    .isEqualTo(CellType.BLANK);

            XSSFRow days = Spreadsheets.rowOf(template, "investment.enterprise_project_approval_days");
            assertThat(days.getCell(ExcelTemplate.TARGET).getStringCellValue()).isEqualTo("≤ 80");
            assertThat(days.getCell(ExcelTemplate.MEASURE).getStringCellValue()).isEqualTo("天");

            XSSFRow users = Spreadsheets.rowOf(template, "digital.zlb_registered_users");
            assertThat(users.getCell(ExcelTemplate.TARGET).getStringCellValue()).startsWith("全市合计 ");

            XSSFRow milestone = Spreadsheets.rowOf(template, "investment.one_stop_center_integrated");
            assertThat(milestone.getCell(ExcelTemplate.LAST).getStringCellValue())
                    .isEqualTo(Boolean.TRUE.equals(august.facts().get("investment.one_stop_center_integrated"))
                            ? "是" : "否");

            XSSFRow t06 = Spreadsheets.rowOf(template, "progress.T06");
            assertThat(t06.getCell(ExcelTemplate.LABEL).getStringCellValue())
                    .startsWith("任务6进展：").contains(catalogue.task(6).orElseThrow().title());
            assertThat(t06.getCell(ExcelTemplate.LAST).getStringCellValue())
                    .startsWith(august.progress().get("T06").status().name());
        }
    }

    @Test
    void guardsEveryValueCellWithADataValidationForItsKind() throws IOException {
        try (XSSFWorkbook template = open(ExcelTemplate.write(catalogue, unit("yiwu"), PERIOD, null))) {
            XSSFSheet sheet = template.getSheetAt(0);
            Map<Integer, XSSFDataValidation> byRow = new LinkedHashMap<>();
            for (XSSFDataValidation v : sheet.getDataValidations()) {
                for (CellRangeAddress range : v.getRegions().getCellRangeAddresses()) {
                    assertThat(range.getFirstColumn()).isEqualTo(ExcelTemplate.VALUE);
                    assertThat(range.getLastColumn()).isEqualTo(ExcelTemplate.VALUE);
                    for (int r = range.getFirstRow(); r <= range.getLastRow(); r++) {
                        assertThat(byRow.put(r, v)).as("one validation for row %d", r + 1).isNull();
                    }
                }
            }
            List<String> fields = askedFields(template);
            assertThat(byRow.keySet()).as("every value cell and nothing else")
                    .containsExactlyInAnyOrderElementsOf(
                            java.util.stream.IntStream.range(FIRST_VALUE_ROW, FIRST_VALUE_ROW + fields.size())
                                    .boxed().toList());
            for (int i = 0; i < fields.size(); i++) {
                String field = fields.get(i);
                var constraint = byRow.get(FIRST_VALUE_ROW + i).getValidationConstraint();
                Commitment c = catalogue.byMetric(field).orElseThrow();
                if (c.isProgress()) {
                    assertThat(constraint.getValidationType()).as(field).isEqualTo(ValidationType.LIST);
                    assertThat(constraint.getExplicitListValues()).as(field)
                            .containsExactly("NOT_STARTED", "IN_PROGRESS", "DONE", "BLOCKED");
                } else if (c.kind() == cn.jinhua.ducha.catalogue.Kind.MILESTONE) {
                    assertThat(constraint.getValidationType()).as(field).isEqualTo(ValidationType.LIST);
                    assertThat(constraint.getExplicitListValues()).as(field).containsExactly("是", "否");
                } else if (field.endsWith("_growth_pct")) {
                    assertThat(constraint.getValidationType()).as(field).isEqualTo(ValidationType.DECIMAL);
                    assertThat(constraint.getOperator()).as(field).isEqualTo(OperatorType.BETWEEN);
                    assertThat(new BigDecimal(constraint.getFormula1())).as(field).isNegative();
                } else if (field.endsWith("_pct")) {
                    assertThat(constraint.getValidationType()).as(field).isEqualTo(ValidationType.DECIMAL);
                    assertThat(constraint.getOperator()).as(field).isEqualTo(OperatorType.BETWEEN);
                    assertThat(List.of(constraint.getFormula1(), constraint.getFormula2())).as(field)
                            .containsExactly("0", "100");
                } else {
                    // counts, days, users and amounts: from 0 to their measure's maximum (settings.yaml)
                    assertThat(constraint.getValidationType()).as(field).isEqualTo(ValidationType.DECIMAL);
                    assertThat(constraint.getOperator()).as(field).isEqualTo(OperatorType.BETWEEN);
                    assertThat(List.of(constraint.getFormula1(), constraint.getFormula2())).as(field)
                            .containsExactly("0", c.limits().maximum().toPlainString());
                }
            }
            assertThat(fields).as("义乌市's template has every kind of value")
                    .anyMatch(f -> f.endsWith("_growth_pct"))
                    .anyMatch(f -> f.startsWith("progress."))
                    .anyMatch(f -> f.endsWith("_pct") && !f.endsWith("_growth_pct"))
                    .anyMatch(f -> catalogue.byMetric(f).orElseThrow().kind()
                            == cn.jinhua.ducha.catalogue.Kind.MILESTONE);
        }
    }

    @Test
    void neverWritesHostileTextAsAFormula() throws IOException {
        List<String> hostile = List.of("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://evil\")");
        FactSheet august = sample("yiwu", PERIOD.minusMonths(1));
        Map<String, Progress> progress = new LinkedHashMap<>(august.progress());
        List<String> tasks = List.copyOf(progress.keySet());
        for (int i = 0; i < hostile.size(); i++) {
            progress.put(tasks.get(i), new Progress(ProgressStatus.IN_PROGRESS, hostile.get(i)));
        }
        FactSheet poisoned = new FactSheet(august.source(), august.unit(), august.period(), hostile.get(0),
                august.facts(), progress);

        try (XSSFWorkbook template = open(ExcelTemplate.write(catalogue, unit("yiwu"), PERIOD, poisoned))) {
            List<Cell> hostileCells = new ArrayList<>();
            for (Sheet sheet : template) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as("%s!%s", sheet.getSheetName(), cell.getAddress())
                                .isNotEqualTo(CellType.FORMULA);
                        if (cell.getCellType() == CellType.STRING
                                && hostile.stream().anyMatch(h -> cell.getStringCellValue().contains(h))) {
                            hostileCells.add(cell);
                        }
                    }
                }
            }
            assertThat(hostileCells).as("the hostile text is there, as text").hasSizeGreaterThanOrEqualTo(2);
            Cell sender = Spreadsheets.rowOf(template, "submittedBy").getCell(ExcelTemplate.LAST);
            assertThat(sender.getCellType()).isEqualTo(CellType.STRING);
            assertThat(sender.getStringCellValue()).isEqualTo("=cmd|' /C calc'!A0");
            assertThat(sender.getCellStyle().getQuotePrefixed())
                    .as("quote-prefixed, so that editing the cell in Excel keeps it text").isTrue();
        }
    }

    @Test
    void aFilledInTemplateReadsBackToTheSameFactsAsTheJsonSheet() throws IOException {
        FactSheet september = sample("yiwu", PERIOD);
        FactSheet august = sample("yiwu", PERIOD.minusMonths(1));
        byte[] template = ExcelTemplate.write(catalogue, unit("yiwu"), PERIOD, august);

        try (XSSFWorkbook workbook = open(template)) {
            assertThat(askedFields(workbook)).as("the template asks for every value of the JSON sheet")
                    .containsAll(september.values().keySet());
        }
        byte[] filled = Spreadsheets.fill(template, september);
        SheetReader.Result read = reader.read("yiwu-2023-09.xlsx", SheetFormat.XLSX, filled);

        assertThat(read.rejection()).isEmpty();
        Spreadsheets.assertSameFacts(read.sheet().orElseThrow(), september);
    }

    @Test
    void anUntouchedTemplateIsAValidSheetWithNothingReported() {
        byte[] template = ExcelTemplate.write(catalogue, unit("kaifaqu"), PERIOD, null);

        FactSheet sheet = reader.read("kaifaqu.xlsx", SheetFormat.XLSX, template).sheet().orElseThrow();

        assertThat(sheet.unit().id()).isEqualTo("kaifaqu");
        assertThat(sheet.period()).isEqualTo(PERIOD);
        assertThat(sheet.values()).isEmpty();
    }

    @Test
    void refusesLastPeriodsSheetOfAnotherUnitOrMonth() throws IOException {
        FactSheet august = sample("yiwu", PERIOD.minusMonths(1));

        assertThatThrownBy(() -> ExcelTemplate.write(catalogue, unit("lanxi"), PERIOD, august))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lanxi");
        assertThatThrownBy(() -> ExcelTemplate.write(catalogue, unit("yiwu"), PERIOD.plusMonths(1), august))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2023-09");
    }

    @Test
    void asksEachUnitForItsBaseValuesInTheBasePeriod() throws IOException {
        YearMonth base = YearMonth.of(2022, 12);

        try (XSSFWorkbook local = open(ExcelTemplate.write(catalogue, unit("yiwu"), base, null));
             XSSFWorkbook city = open(ExcelTemplate.write(catalogue, unit("jinhua"), base, null))) {
            assertThat(askedFields(local)).as("its own REACH_BY values and its share of the city totals")
                    .containsExactly("tongban.cross_province_items_optimized", "village.high_frequency_items",
                            "digital.zlb_registered_users", "legal.township_legality_review_coverage_pct",
                            "supervision.double_random_coverage_pct", "finance.gov_guarantee_scale_100m_cny");
            assertThat(askedFields(city)).as("the city: the CITY_TOTAL REACH_BY values")
                    .containsExactly("digital.zlb_registered_users", "finance.gov_guarantee_scale_100m_cny");
            XSSFRow t051 = Spreadsheets.rowOf(local, "tongban.cross_province_items_optimized");
            assertThat(t051.getCell(ExcelTemplate.LABEL).getStringCellValue()).startsWith("基期值 base-period value：");
            assertThat(t051.getCell(ExcelTemplate.TARGET).getStringCellValue()).isEqualTo("≥ 162");
            assertThat(t051.getCell(ExcelTemplate.HOW).getStringCellValue()).contains("基期值", "推定时限");
            assertThat(local.getSheetAt(1).getRow(7).getCell(0).getStringCellValue()).contains("2022-12 是基期");
        }
        assertThat(ExcelTemplate.baseValues(catalogue, unit("zhejiang"), base)).isEmpty();
        assertThat(ExcelTemplate.baseValues(catalogue, unit("yiwu"), YearMonth.of(2023, 1))).isEmpty();
    }

    @Test
    void aFilledInBasePeriodTemplateReadsBackWithItsBaseValues() throws IOException {
        YearMonth base = YearMonth.of(2022, 12);
        byte[] template = ExcelTemplate.write(catalogue, unit("lanxi"), base, null);
        FactSheet values = new FactSheet("lanxi.json", unit("lanxi"), base, "兰溪市营商环境办", Map.of(
                "tongban.cross_province_items_optimized", new BigDecimal("120"),
                "village.high_frequency_items", new BigDecimal("100"),
                "digital.zlb_registered_users", new BigDecimal("431200")), Map.of());

        SheetReader.Result read = reader.read("lanxi-2022-12.xlsx", SheetFormat.XLSX,
                Spreadsheets.fill(template, values));

        assertThat(read.rejection()).isEmpty();
        Spreadsheets.assertSameFacts(read.sheet().orElseThrow(), values);
    }

    @Test
    void asksTheCityForTheGeneralWorksProgress() throws IOException {
        try (XSSFWorkbook template = open(ExcelTemplate.write(catalogue, unit("jinhua"), PERIOD, null))) {
            assertThat(askedFields(template)).contains("progress.M1", "progress.M5", "safeguard.task_force_established");
            assertThat(Spreadsheets.rowOf(template, "progress.M1").getCell(ExcelTemplate.LABEL).getStringCellValue())
                    .isEqualTo("面上工作M1进展：以新时代机关效能革命转作风强保障");
        }
        try (XSSFWorkbook template = open(ExcelTemplate.write(catalogue, unit("yiwu"), PERIOD, null))) {
            assertThat(askedFields(template)).doesNotContain("progress.M1")
                    .contains("village.fifteen_minute_service_circle_built", "culture.fifteen_minute_culture_circle_built");
        }
    }

    @Test
    void catalogueOwedByMatchesTheTemplatesRowsForALocalUnit() {
        List<Commitment> owed = catalogue.owedBy(unit("yiwu"), PERIOD);

        assertThat(ExcelTemplate.asked(catalogue, unit("yiwu"), PERIOD)).containsExactlyInAnyOrderElementsOf(owed);
        assertThat(owed).extracting(Commitment::id).contains("T09.2", "T28.1", "T01.P")
                .as("no city-only commitment").doesNotContain("S.1");
    }
}
