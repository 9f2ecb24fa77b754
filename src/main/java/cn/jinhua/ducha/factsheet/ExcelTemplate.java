package cn.jinhua.ducha.factsheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Scope;
import cn.jinhua.ducha.catalogue.Unit;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFDataValidationHelper;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The Excel template of one unit's sheet for one period: on its first worksheet, in the layout that
 * {@link SheetReader} reads back ({@code 字段 field | 值 value | 说明 note}), exactly the values the unit owes then,
 * with the unit and period filled in, and beside them the Chinese label, unit of measure, target, last period's
 * value and how the value is judged. Each value cell carries a data validation. Text never becomes a formula:
 * every text is a string cell, and text that Excel would take for a formula when edited starts quote-prefixed.
 */
public final class ExcelTemplate {

    static final List<String> HEADERS = List.of("字段 field", "值 value", "说明 note", "指标 label", "计量单位 measure",
            "目标 target", "上期值 last period", "评判方式 how judged", "承诺 commitment");
    static final int FIELD = 0;
    static final int VALUE = 1;
    static final int NOTE = 2;
    static final int LABEL = 3;
    static final int MEASURE = 4;
    static final int TARGET = 5;
    static final int LAST = 6;
    static final int HOW = 7;
    static final int COMMITMENT = 8;
    private static final String[] STATUSES = Stream.of(ProgressStatus.values()).map(Enum::name).toArray(String[]::new);
    private static final String[] YES_NO = {"是", "否"};
    /** Bounds wide enough to allow any growth rate while still asking for a number. */
    private static final String ANY_LOW = "-1E+15";
    private static final String ANY_HIGH = "1E+15";

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final XSSFSheet sheet = workbook.createSheet("报表 sheet");
    private final XSSFDataValidationHelper validations = new XSSFDataValidationHelper(sheet);
    private final TextCells cells = new TextCells(workbook);
    private final XSSFCellStyle header;
    private final XSSFCellStyle label;
    private final XSSFCellStyle number;
    private final XSSFCellStyle text;

    private ExcelTemplate() {
        XSSFFont bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        label = workbook.createCellStyle();
        label.setWrapText(true);
        number = workbook.createCellStyle();
        number.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
        number.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        number.setBorderBottom(BorderStyle.THIN);
        number.setBorderTop(BorderStyle.THIN);
        number.setBorderLeft(BorderStyle.THIN);
        number.setBorderRight(BorderStyle.THIN);
        text = workbook.createCellStyle();
        text.cloneStyleFrom(number);
        // "@": what is typed stays text, so that 2023-09 is not turned into a date
        text.setDataFormat(workbook.createDataFormat().getFormat("@"));
    }

    /**
     * Writes the template of {@code unit}'s sheet for {@code period}.
     *
     * @param lastPeriod the unit's accepted sheet for the month before, whose values are shown for reference; may be
     *                   null
     * @return the .xlsx file's bytes
     * @throws IllegalArgumentException when {@code lastPeriod} is another unit's or another month's sheet
     */
    public static byte[] write(Catalogue catalogue, Unit unit, YearMonth period, FactSheet lastPeriod) {
        if (lastPeriod != null && (!lastPeriod.unit().id().equals(unit.id())
                || !lastPeriod.period().equals(period.minusMonths(1)))) {
            throw new IllegalArgumentException("上期报表须为 %s %s 的报表，而不是 %s %s / the last period's sheet must be %s's for %s, not %s's for %s"
                    .formatted(unit.id(), period.minusMonths(1), lastPeriod.unit().id(), lastPeriod.period(),
                            unit.id(), period.minusMonths(1), lastPeriod.unit().id(), lastPeriod.period()));
        }
        return new ExcelTemplate().build(catalogue, unit, period, lastPeriod);
    }

    /**
     * The values the template asks of {@code unit} for {@code period}, in the order of its rows: the unit's owed
     * values (see {@link Catalogue#owedBy}), facts before progress, then its base-period values (see
     * {@link #baseValues}). The province owes nothing; its template asks for the provincial averages that the
     * BENCHMARK_MARGIN commitments judged then compare with.
     */
    public static List<Commitment> asked(Catalogue catalogue, Unit unit, YearMonth period) {
        List<Commitment> asked = unit.isProvince()
                ? catalogue.commitments().stream()
                        .filter(c -> c.kind() == Kind.BENCHMARK_MARGIN && c.judgedIn(period)).toList()
                : catalogue.owedBy(unit, period);
        List<Commitment> base = baseValues(catalogue, unit, period).stream().filter(c -> !asked.contains(c)).toList();
        return Stream.of(asked.stream().filter(c -> !c.isProgress()), base.stream(),
                asked.stream().filter(Commitment::isProgress)).flatMap(s -> s).toList();
    }

    /**
     * The base-period values (基期值) {@code unit} may enter on its sheet for {@code period}: the REACH_BY
     * commitments whose base period {@code period} is (contract.md, "REACH_BY": 2022-12 for a 2023 window) and whose
     * value the unit reports once they are judged, its own and its share of the city totals, whose baseline is the sum
     * of the units' base values. Nothing is owed for a base period: these rows may be left blank.
     */
    public static List<Commitment> baseValues(Catalogue catalogue, Unit unit, YearMonth period) {
        return catalogue.commitments().stream()
                .filter(c -> c.hasBasePeriod(period) && c.scope().owedBy(unit)).toList();
    }

    private byte[] build(Catalogue catalogue, Unit unit, YearMonth period, FactSheet last) {
        XSSFRow head = sheet.createRow(0);
        for (int c = 0; c < HEADERS.size(); c++) {
            put(head, c, c == LAST ? HEADERS.get(c) + " " + period.minusMonths(1) : HEADERS.get(c), header);
        }
        XSSFRow unitRow = sheet.createRow(1);
        put(unitRow, FIELD, "unit", label);
        put(unitRow, VALUE, unit.id(), text);
        put(unitRow, LABEL, "报送单位：" + unit.name(), label);
        XSSFRow periodRow = sheet.createRow(2);
        put(periodRow, FIELD, "period", label);
        put(periodRow, VALUE, period.toString(), text);
        put(periodRow, LABEL, "报表月份(YYYY-MM)，数值截至当月最后一天", label);
        XSSFRow byRow = sheet.createRow(3);
        put(byRow, FIELD, "submittedBy", label);
        put(byRow, VALUE, null, text);
        put(byRow, LABEL, "填报单位或填报人", label);
        if (last != null) {
            put(byRow, LAST, last.submittedBy(), label);
        }
        int r = 4;
        List<Commitment> base = baseValues(catalogue, unit, period);
        for (Commitment c : asked(catalogue, unit, period)) {
            row(sheet.createRow(r++), c, last, base.contains(c) && !catalogue.owedBy(unit, period).contains(c));
        }
        sheet.createFreezePane(1, 1);
        int[] widths = {44, 16, 24, 36, 10, 18, 22, 30, 40};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        instructions(unit, period, !base.isEmpty());
        try (workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One value's row; {@code baseOnly}: asked as a base-period value (基期值) only, not owed this month. */
    private void row(XSSFRow row, Commitment c, FactSheet last, boolean baseOnly) {
        put(row, FIELD, c.metric(), label);
        put(row, LABEL, (baseOnly ? "基期值 base-period value：" : "") + rowLabel(c), label);
        put(row, MEASURE, c.measure(), label);
        put(row, TARGET, target(c), label);
        put(row, HOW, (baseOnly ? "基期值(选填)，%s窗口前一月的值，用作起点 · ".formatted(c.window().label()) : "")
                + "%s · 窗口 %s%s · %s".formatted(c.kind().label(), c.window().label(),
                        c.windowBasis().isInferred() ? "(" + c.windowBasis().label() + ")" : "", c.scope().label()),
                label);
        put(row, COMMITMENT, c.ruleName(), label);
        if (last != null) {
            lastValue(row, c, last);
        }
        XSSFCell value = row.createCell(VALUE);
        boolean choice = c.isProgress() || c.kind() == Kind.MILESTONE;
        value.setCellStyle(choice ? text : number);
        if (c.isProgress()) {
            put(row, NOTE, null, text);
        }
        validate(row.getRowNum(), c);
    }

    private static String target(Commitment c) {
        String total = c.scope() == Scope.CITY_TOTAL ? "全市合计 " : "";
        return switch (c.kind()) {
            case AT_LEAST, REACH_BY -> total + (c.strict() ? "> " : "≥ ") + plain(c.target());
            case ANNUAL_AT_LEAST -> total + (c.strict() ? "> " : "≥ ") + plain(c.target()) + " (全年累计)";
            case AT_MOST -> total + "≤ " + plain(c.target());
            case MILESTONE -> "是 (完成)";
            case BENCHMARK_MARGIN -> "≥ 全省平均 + " + plain(c.margin());
            case PROGRESS -> "DONE (已完成)";
        };
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private void lastValue(XSSFRow row, Commitment c, FactSheet last) {
        if (c.isProgress()) {
            Progress p = last.progress().get(c.metric().substring("progress.".length()));
            if (p != null) {
                put(row, LAST, p.note() == null ? p.status().name() : p.status().name() + "：" + p.note(), label);
            }
            return;
        }
        Object value = last.facts().get(c.metric());
        if (value instanceof BigDecimal d) {
            row.createCell(LAST).setCellValue(d.doubleValue());
        } else if (value instanceof Boolean b) {
            put(row, LAST, b ? "是" : "否", label);
        }
    }

    private void validate(int rowIndex, Commitment c) {
        DataValidationConstraint constraint;
        String hint;
        if (c.isProgress()) {
            constraint = validations.createExplicitListConstraint(STATUSES);
            hint = "NOT_STARTED 未启动 · IN_PROGRESS 推进中 · DONE 已完成 · BLOCKED 受阻；说明填在右侧";
        } else if (c.kind() == Kind.MILESTONE) {
            constraint = validations.createExplicitListConstraint(YES_NO);
            hint = "是：已完成；否：未完成";
        } else if (c.metric().endsWith("_growth_pct")) {
            constraint = validations.createDecimalConstraint(DataValidationConstraint.OperatorType.BETWEEN, ANY_LOW,
                    ANY_HIGH);
            hint = "增速(%)，可为负数，如 9.1 或 -3.5";
        } else if (c.metric().endsWith("_pct")) {
            constraint = validations.createDecimalConstraint(DataValidationConstraint.OperatorType.BETWEEN, "0",
                    "100");
            hint = "百分比的点数，0 至 100，如 93.5";
        } else {
            BigDecimal maximum = c.limits().maximum();
            constraint = maximum == null
                    ? validations.createDecimalConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0",
                            null)
                    : validations.createDecimalConstraint(DataValidationConstraint.OperatorType.BETWEEN, "0",
                            maximum.toPlainString());
            hint = "不小于 0 的数" + (maximum == null ? "" : "，至多 " + maximum.toPlainString())
                    + (c.measure() == null ? "" : "，单位：" + c.measure());
        }
        DataValidation validation = validations.createValidation(constraint,
                new CellRangeAddressList(rowIndex, rowIndex, VALUE, VALUE));
        validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
        validation.setShowErrorBox(true);
        validation.createErrorBox("不符合要求 / invalid", hint);
        validation.setShowPromptBox(true);
        validation.createPromptBox(shorten(c.isProgress() ? progressName(c) + "进展" : c.label()), hint);
        // XSSF inverts this flag: true shows the list's drop-down arrow
        validation.setSuppressDropDownArrow(constraint.getValidationType() == DataValidationConstraint.ValidationType.LIST);
        sheet.addValidationData(validation);
    }

    /** What a row is about: the metric's label, or for progress the task's or general work's name. */
    private static String rowLabel(Commitment c) {
        return c.isProgress() ? progressName(c) + "进展：" + (c.task() == null ? c.source() : c.task().title())
                : c.label();
    }

    /** 任务5, or 面上工作M1 for a general work. */
    private static String progressName(Commitment c) {
        return c.task() == null ? "面上工作" + c.progressCode() : "任务" + c.taskNumber();
    }

    /** Excel allows a prompt's title 32 characters. */
    private static String shorten(String title) {
        return title.length() <= 32 ? title : title.substring(0, 31) + "…";
    }

    private void instructions(Unit unit, YearMonth period, boolean base) {
        XSSFSheet help = workbook.createSheet("填表说明 instructions");
        List<String> lines = new ArrayList<>(List.of(
                "%s %s 报表模板 / sheet template for %s, %s".formatted(unit.name(), period, unit.id(), period),
                "只填写第一个工作表的“值 value”列(黄色)，任务进展的说明填在“说明 note”列；其余列仅供参考，不会被读取。",
                "Fill in the yellow value column of the first worksheet (and the note of a task's progress); the other "
                        + "columns are for reference and are not read.",
                "不报的值留空即可；请勿修改“字段 field”列，勿增删表头，勿使用公式(公式单元格会被退回)。",
                "Leave a value blank when you do not report it; do not change the field column or the header, and do "
                        + "not use formulas (a formula cell is refused).",
                "数值：百分比填点数(93.5 表示 93.5%)；里程碑填 是/否；任务进展填 NOT_STARTED、IN_PROGRESS、DONE、BLOCKED 之一。",
                "Numbers: percentages in points (93.5 means 93.5%); milestones 是/否; progress one of NOT_STARTED, "
                        + "IN_PROGRESS, DONE, BLOCKED."));
        if (base) {
            lines.add("%s 是基期：标为“基期值”的行填本单位当月末的值，作为期末达到类承诺序时进度的起点(不低于目标的值不作起点)；不报可留空，不产生预警。"
                    .formatted(period));
            lines.add(("%s is a base period: the rows marked 基期值 take the unit's value at the month's end, the "
                    + "starting point of 序时进度 for the REACH_BY commitments (a value at or above the target is not "
                    + "used); they may be left blank, and no alert is raised.").formatted(period));
        }
        for (int i = 0; i < lines.size(); i++) {
            put(help.createRow(i), 0, lines.get(i), i == 0 ? header : label);
        }
        help.setColumnWidth(0, 120 * 256);
    }

    /** Writes {@code value} as text, never a formula ({@link TextCells}); null leaves the cell blank. */
    private void put(XSSFRow row, int column, String value, XSSFCellStyle style) {
        cells.put(row, column, value, style);
    }
}
