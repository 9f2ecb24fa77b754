package cn.jinhua.ducha.factsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV sheet's rows (the layout of {@link SheetRows}). The text is UTF-8, with or without a byte-order mark,
 * or GBK, which Excel in China writes: strict UTF-8 is tried first, because GBK text is almost never valid UTF-8
 * while the converse is common. Columns after the third (the template's labels, targets, last values) are ignored.
 */
final class CsvSheets {

    private static final Charset GBK = Charset.forName("GBK");
    // strict where Excel is strict: an unterminated quote is an error, not the rest of the file in one cell
    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setLenientEof(false).setTrailingData(false).get();

    private CsvSheets() {
    }

    static SheetRows.Read read(byte[] bytes) {
        String text = decode(bytes);
        if (text == null) {
            return SheetRows.Read.unreadable(
                    "文件编码既不是 UTF-8 也不是 GBK / the file is neither UTF-8 nor GBK encoded text");
        }
        List<SheetRows.Row> rows = new ArrayList<>();
        boolean header = false;
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (CSVRecord record : parser) {
                String where = "第 %d 行 / row %d".formatted(record.getRecordNumber(), record.getRecordNumber());
                String ignored = ignoredColumnsError(record, where);
                if (ignored != null) {
                    return SheetRows.Read.unreadable(ignored);
                }
                SheetRows.Row row = new SheetRows.Row(cell(record, 0), cell(record, 1), cell(record, 2), where, where,
                        where);
                if (row.isBlank()) {
                    continue;
                }
                if (!header) {
                    if (!SheetRows.isHeader(row)) {
                        return SheetRows.Read.unreadable(SheetRows.notAHeader(row, where));
                    }
                    header = true;
                    continue;
                }
                rows.add(row);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return SheetRows.Read.unreadable("不是合法的 CSV / not valid CSV: " + e.getMessage());
        }
        if (!header) {
            return SheetRows.Read.unreadable("文件为空，缺少表头“%s” / the file is empty: no header \"%s\""
                    .formatted(SheetRows.HEADER, SheetRows.HEADER));
        }
        return SheetRows.Read.of(rows);
    }

    /** The text, or null when the bytes are neither strict UTF-8 nor strict GBK. */
    private static String decode(byte[] bytes) {
        for (Charset charset : List.of(StandardCharsets.UTF_8, GBK)) {
            try {
                String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                return text.startsWith("\uFEFF") ? text.substring(1) : text;
            } catch (CharacterCodingException e) {
                // try the next
            }
        }
        return null;
    }

    /**
     * The columns intake ignores are stored with the file and reach whoever opens it later in a spreadsheet: a
     * formula there ({@code =cmd|' /C calc'!A0}) refuses the sheet as it would in a read column. Numbers (a last
     * value of -3.5) are no formula.
     */
    private static String ignoredColumnsError(CSVRecord record, String where) {
        for (int i = 3; i < record.size(); i++) {
            String text = record.get(i);
            if (text.isBlank() || isNumber(text.strip())) {
                continue;
            }
            String error = SheetReader.textError("%s 第 %d 列 / column %d".formatted(where, i + 1, i + 1), text);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    private static boolean isNumber(String text) {
        try {
            new java.math.BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Column {@code i}, trimmed; null when absent or blank. */
    private static String cell(CSVRecord record, int i) {
        if (i >= record.size()) {
            return null;
        }
        String value = record.get(i).strip();
        return value.isEmpty() ? null : value;
    }
}
