package cn.jinhua.ducha.factsheet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The layout that CSV and Excel sheets share (docs/sheets.md, "Sheets in CSV and Excel"): a header row
 * {@code 字段 field, 值 value, 说明 note}, then one row per field: {@code unit}, {@code period},
 * {@code submittedBy}, a metric key with its value, or {@code progress.Txx} (a general work's {@code progress.Mw})
 * with its status and a note. The rows become the JSON sheet's tree, which {@link SheetReader} then checks exactly
 * as it checks a JSON sheet.
 */
final class SheetRows {

    static final String HEADER = "字段 field,值 value,说明 note";
    private static final Set<String> FIELD_HEADERS = Set.of("字段 field", "field");
    private static final Set<String> VALUE_HEADERS = Set.of("值 value", "value");
    private static final Set<String> SHEET_FIELDS = Set.of("unit", "period", "submittedBy");
    private static final String PROGRESS = "progress.";
    /** A decimal as people and Excel write it; the exponent is kept to a double's range, so no value is absurd. */
    static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern PERCENT = Pattern.compile("(" + NUMBER.pattern() + ")\\s*%");
    private static final int MAX_VALUE = 64;
    private static final Set<String> TRUE = Set.of("true", "是");
    private static final Set<String> FALSE = Set.of("false", "否");

    private SheetRows() {
    }

    /**
     * A cell that cannot be taken as written (a formula, an error value), with the reason; the row's field is
     * rejected with it.
     */
    record Refused(String reason) {
    }

    /**
     * One row below the header. Each of {@code value} and {@code note} is null (blank), a {@link String}, and for
     * Excel cells also a {@link BigDecimal}, a {@link Boolean} or a {@link Refused} cell.
     *
     * @param field   the field as written, trimmed; null when blank, or for a refused field cell
     * @param fieldAt where the field is, as messages say it ({@code 第 7 行 / row 7}, {@code 单元格 A7 / cell A7})
     */
    record Row(Object field, Object value, Object note, String fieldAt, String valueAt, String noteAt) {

        boolean isBlank() {
            return field == null && value == null && note == null;
        }
    }

    /** The rows of one file, or the reason it could not be read as a sheet at all. */
    record Read(List<Row> rows, String unreadable) {

        static Read of(List<Row> rows) {
            return new Read(List.copyOf(rows), null);
        }

        static Read unreadable(String reason) {
            return new Read(List.of(), reason);
        }
    }

    /**
     * The sheet's tree, the errors of the layout itself (duplicate or unknown fields, refused cells), and how
     * messages name a field: by its name in the sheet and where it is.
     */
    record Tree(ObjectNode root, List<String> errors, FieldNames names) {
    }

    /** Whether the first non-blank row is the header: field and value columns named in either form. */
    static boolean isHeader(Row row) {
        return row.field() instanceof String f && FIELD_HEADERS.contains(f.toLowerCase(Locale.ROOT))
                && row.value() instanceof String v && VALUE_HEADERS.contains(v.toLowerCase(Locale.ROOT));
    }

    /** The message for a file whose first row is not the header. */
    static String notAHeader(Row row, String where) {
        String found = "%s,%s".formatted(text(row.field()), text(row.value()));
        return "%s: 首行须为表头“%s”(或 field,value)，而不是“%s” / the first row must be the header \"%s\" (or field,value), not \"%s\""
                .formatted(where, HEADER, found, HEADER, found);
    }

    /** Turns the rows after the header into the JSON sheet's tree. */
    static Tree tree(List<Row> rows) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode facts = JsonNodeFactory.instance.objectNode();
        ObjectNode progress = JsonNodeFactory.instance.objectNode();
        List<String> errors = new ArrayList<>();
        Map<String, Row> byField = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.isBlank()) {
                continue;
            }
            if (row.field() instanceof Refused refused) {
                errors.add(row.fieldAt() + ": " + refused.reason());
                continue;
            }
            if (row.field() == null) {
                errors.add("%s: 字段为空，而该行有值或说明 / the field is empty, but the row has a value or a note"
                        .formatted(row.fieldAt()));
                continue;
            }
            String field = (String) row.field();
            Row first = byField.putIfAbsent(field, row);
            if (first != null) {
                errors.add("%s (%s): 字段重复，同一字段出现两次(首次在%s) / duplicate field: the field appears twice (first at %s)"
                        .formatted(field, row.fieldAt(), first.fieldAt(), first.fieldAt()));
                continue;
            }
            if (!SHEET_FIELDS.contains(field) && !field.contains(".")) {
                errors.add(("%s (%s): 未知字段 / unknown field (allowed: unit, period, submittedBy, a metric key, "
                        + "progress.Txx, progress.Mw)").formatted(field, row.fieldAt()));
                continue;
            }
            boolean refused = false;
            if (row.value() instanceof Refused r) {
                errors.add("%s (%s): %s".formatted(field, row.valueAt(), r.reason()));
                refused = true;
            }
            if (row.note() instanceof Refused r) {
                errors.add("%s (%s): %s".formatted(field, row.noteAt(), r.reason()));
                refused = true;
            }
            if (refused) {
                continue;
            }
            if (SHEET_FIELDS.contains(field)) {
                if (row.value() != null) {
                    String value = text(row.value());
                    root.put(field, field.equals("submittedBy") ? value : bounded(value));
                }
            } else if (field.startsWith(PROGRESS)) {
                if (row.value() != null || row.note() != null) {
                    ObjectNode entry = progress.putObject(field.substring(PROGRESS.length()));
                    if (row.value() != null) {
                        entry.put("status", bounded(text(row.value())));
                    }
                    if (row.note() != null) {
                        entry.put("note", text(row.note()));
                    }
                }
            } else if (row.value() != null) {
                facts.set(field, metricValue(field, row.value()));
            }
        }
        root.set("facts", facts);
        root.set("progress", progress);
        return new Tree(root, errors, path -> name(path, byField));
    }

    /**
     * A metric's value as the JSON sheet would carry it: a number, a boolean ({@code true/false}, {@code 是/否}), a
     * percentage written {@code 93.5%} for a {@code _pct} metric as its number of points, anything else the text,
     * which the checks then refuse as the wrong type.
     */
    private static JsonNode metricValue(String metric, Object value) {
        if (value instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        if (value instanceof BigDecimal d) {
            return JsonNodeFactory.instance.numberNode(d);
        }
        String text = bounded((String) value);
        String lower = text.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower) || FALSE.contains(lower)) {
            return JsonNodeFactory.instance.booleanNode(TRUE.contains(lower));
        }
        if (NUMBER.matcher(text).matches()) {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(text));
        }
        Matcher percent = PERCENT.matcher(text);
        if (percent.matches() && metric.endsWith("_pct")) {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(percent.group(1)));
        }
        return JsonNodeFactory.instance.stringNode(text);
    }

    /**
     * A value that can only be short when it is right (a unit, a month, a number, a status), cut short when it is
     * not, so that the error quoting it stays readable.
     */
    private static String bounded(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
    }

    /** A cell's value as text: numbers plain, booleans as Excel shows them. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Refused) {
            return "(公式或错误值 formula or error)";
        }
        return value.toString();
    }

    /** A field as messages name it: as written in the sheet, and where. */
    private static String name(List<String> path, Map<String, Row> byField) {
        String field = switch (path.get(0)) {
            case "facts" -> path.get(1);
            case "progress" -> PROGRESS + path.get(1);
            default -> path.get(0);
        };
        Row row = byField.get(field);
        if (row == null) {
            return String.join(".", path);
        }
        boolean note = path.size() > 2 && path.get(2).equals("note");
        return "%s (%s)".formatted(field, note ? row.noteAt() : row.valueAt());
    }
}
