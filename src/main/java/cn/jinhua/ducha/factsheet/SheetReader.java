package cn.jinhua.ducha.factsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Kind;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.catalogue.ValueLimits;
import cn.jinhua.ducha.files.Folders;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads fact sheets (contract.md, "A fact sheet") and accepts each whole or rejects it whole, listing every
 * error with the field and the reason in Chinese and English. Nothing of a rejected sheet is kept. Sheets in CSV
 * and Excel (docs/sheets.md, "Sheets in CSV and Excel") become the JSON sheet's tree first, so that one set of checks
 * judges all three formats.
 */
public final class SheetReader {

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");
    private static final Set<String> SHEET_FIELDS = Set.of("unit", "period", "submittedBy", "facts", "progress");
    private static final Set<String> PROGRESS_FIELDS = Set.of("status", "note");

    /** The largest sheet read, in any format: a filled template or a JSON sheet is a few kilobytes. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    /** The first period a sheet may report: the base period of the 2023 windows (contract.md, "Periods"). */
    public static final YearMonth FIRST_PERIOD = YearMonth.of(2022, 12);

    private final Catalogue catalogue;
    private final Clock clock;
    /** Limits far above any honest sheet, so that a hostile one fails fast and names where it went wrong. */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(16)
            .maxStringLength(10_000)
            .maxNumberLength(64)
            .maxNameLength(200)
            .build();

    private final JsonMapper json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public SheetReader(Catalogue catalogue) {
        this(catalogue, Clock.systemUTC());
    }

    /**
     * A reader whose "current month" (the latest period a sheet may report is the month after it) comes from
     * {@code clock}; only reading reads it, never judging.
     */
    public SheetReader(Catalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * Reads every {@code .json}, {@code .csv} and {@code .xlsx} file under {@code folder}, recursively, in path order
     * (see {@link SheetFormat#isSheet}). Two accepted sheets for the same unit and period are both rejected, each
     * naming the other.
     *
     * @throws UncheckedIOException when the folder cannot be walked
     */
    public SheetBatch readFolder(Path folder) {
        Reading reading = reading(folder);
        reading.help();
        return reading.batch();
    }

    /**
     * The reading of the sheets under {@code folder} (as {@link #readFolder} reads them), to be shared: every
     * thread that calls {@link Reading#help} reads the files no one has taken yet, so a thread that has finished
     * other work (building the rules) can join the one already reading.
     *
     * @throws UncheckedIOException when the folder cannot be walked
     */
    public Reading reading(Path folder) {
        return new Reading(Folders.files(folder).stream().filter(SheetFormat::isSheet).toList());
    }

    /** The files of a folder being read by one or more threads, each file once, the results kept in path order. */
    public final class Reading {

        private final List<Path> files;
        private final Result[] results;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch unread;

        private Reading(List<Path> files) {
            this.files = files;
            this.results = new Result[files.size()];
            this.unread = new CountDownLatch(files.size());
        }

        /** Reads files no other thread has taken until none is left. */
        public void help() {
            for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                try {
                    results[i] = read(files.get(i));
                } finally {
                    unread.countDown();
                }
            }
        }

        /** The sheets read, in path order, once every file is read (by whichever thread took it). */
        public SheetBatch batch() {
            help();
            try {
                unread.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the sheets were read", e);
            }
            return SheetReader.this.batch(Arrays.asList(results));
        }
    }

    /**
     * Reads one file as a sheet in the format its name says ({@link SheetFormat#of}); a file larger than
     * {@link #MAX_BYTES} is refused without being read.
     */
    public Result read(Path file) {
        SheetFormat format = SheetFormat.of(file.getFileName().toString());
        try {
            if (Files.size(file) > MAX_BYTES) {
                return Result.rejected(new Rejection(file.toString(), List.of(tooLarge(Files.size(file)))));
            }
            return read(file.toString(), format, Files.readAllBytes(file));
        } catch (IOException e) {
            return Result.rejected(new Rejection(file.toString(),
                    List.of("无法读取文件 / cannot read the file: " + e.getMessage())));
        }
    }

    /**
     * Parses and validates one sheet's bytes in {@code format}; {@code source} names it in every message. Sheets
     * larger than {@link #MAX_BYTES} are refused unread.
     */
    public Result read(String source, SheetFormat format, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return Result.rejected(new Rejection(source, List.of(tooLarge(bytes.length))));
        }
        if (format == SheetFormat.JSON) {
            return read(source, bytes);
        }
        SheetRows.Read read = format == SheetFormat.CSV ? CsvSheets.read(bytes) : XlsxSheets.read(bytes);
        if (read.unreadable() != null) {
            return Result.rejected(new Rejection(source, List.of(read.unreadable())));
        }
        SheetRows.Tree tree = SheetRows.tree(read.rows());
        return check(source, tree.root(), tree.names(), tree.errors());
    }

    /** The message for a sheet over {@link #MAX_BYTES}, in Chinese and English. */
    public static String tooLarge(long size) {
        return "文件过大：%d 字节，上限 %d 字节 / the file is too large: %d bytes, at most %d"
                .formatted(size, MAX_BYTES, size, MAX_BYTES);
    }

    /** Accepts or rejects sheets read elsewhere, applying the batch rule on duplicates. */
    public SheetBatch batch(List<Result> results) {
        Map<String, List<FactSheet>> byKey = results.stream()
                .flatMap(r -> r.sheet().stream())
                .collect(Collectors.groupingBy(s -> s.unit().id() + "@" + s.period(), LinkedHashMap::new,
                        Collectors.toList()));
        List<FactSheet> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (Result r : results) {
            if (r.rejection().isPresent()) {
                rejected.add(r.rejection().get());
                continue;
            }
            FactSheet sheet = r.sheet().orElseThrow();
            List<FactSheet> same = byKey.get(sheet.unit().id() + "@" + sheet.period());
            if (same.size() == 1) {
                accepted.add(sheet);
            } else {
                String others = same.stream().filter(s -> s != sheet).map(FactSheet::source)
                        .collect(Collectors.joining(", "));
                rejected.add(new Rejection(sheet.source(), List.of(
                        "unit/period: %s %s 在本批次中有重复报表 %s / another sheet in this batch reports %s for %s: %s"
                                .formatted(sheet.unit().name(), sheet.period(), others, sheet.unit().id(),
                                        sheet.period(), others))));
            }
        }
        return new SheetBatch(accepted, rejected);
    }

    /** Parses and validates one JSON sheet's bytes; {@code source} names it in every message. */
    public Result read(String source, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Result.rejected(new Rejection(source, List.of(
                    "文件不是 UTF-8 编码（GBK 等请先转换）/ the file is not UTF-8 encoded (convert GBK and others first)")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                return Result.rejected(new Rejection(source, List.of(
                        duplicate + ": 键重复，同一字段出现两次 / duplicate key: the field appears twice")));
            }
            String where = e.getLocation() == null ? ""
                    : " (line %d, column %d)".formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            String path = fieldAt(text.getBytes(StandardCharsets.UTF_8));
            return Result.rejected(new Rejection(source, List.of((path.isEmpty() ? "" : path + ": ")
                    + "不是合法的 JSON / not valid JSON" + where + ": " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            return Result.rejected(new Rejection(source, List.of("报表须为 JSON 对象 / a sheet must be a JSON object")));
        }
        return check(source, root, FieldNames.JSON_PATHS, List.of());
    }

    /**
     * The checks of every format, on a sheet's tree: accepts it, or rejects it with {@code earlier} (errors its
     * format found before) and every error found here, each naming its field as {@code names} says.
     */
    private Result check(String source, JsonNode root, FieldNames names, List<String> earlier) {
        List<String> errors = new ArrayList<>(earlier);
        for (String field : root.propertyNames()) {
            if (!SHEET_FIELDS.contains(field)) {
                errors.add("%s: 未知字段 / unknown field (allowed: unit, period, submittedBy, facts, progress)"
                        .formatted(names.name(field)));
            }
        }
        Unit unit = readUnit(root.get("unit"), names, errors);
        YearMonth period = readPeriod(root.get("period"), names, errors);
        String submittedBy = null;
        JsonNode by = root.get("submittedBy");
        if (by != null && !by.isNull()) {
            if (by.isString() && textError(names.name("submittedBy"), by.stringValue()) != null) {
                errors.add(textError(names.name("submittedBy"), by.stringValue()));
            } else if (by.isString()) {
                submittedBy = by.stringValue();
            } else {
                errors.add(names.name("submittedBy") + ": 须为字符串 / must be a string");
            }
        }
        Map<String, Object> facts = readFacts(root.get("facts"), names, errors);
        Map<String, Progress> progress = readProgress(root.get("progress"), names, errors);
        if (!errors.isEmpty()) {
            return Result.rejected(new Rejection(source, errors));
        }
        return Result.accepted(new FactSheet(source, unit, period, submittedBy, facts, progress));
    }

    /** The dotted path of a key that strict duplicate detection refused, or null for any other error. */
    private static String duplicateKey(JacksonException e) {
        Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (!m.find() || !(e instanceof StreamReadException read) || read.processor() == null) {
            return null;
        }
        List<String> path = new ArrayList<>();
        path.add(m.group(1));
        for (TokenStreamContext c = read.processor().streamReadContext().getParent(); c != null; c = c.getParent()) {
            if (c.currentName() != null) {
                path.add(0, c.currentName());
            }
        }
        return String.join(".", path);
    }

    /**
     * The dotted path of the field being read where a JSON text stops being acceptable (too deep, a string too long,
     * malformed, or cut short at a size limit), or "" at the top level. Only the first levels are named: past them
     * the path just repeats how deep it went.
     */
    public static String fieldAt(byte[] json) {
        JsonMapper mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build()).build();
        try (JsonParser parser = mapper.createParser(json)) {
            try {
                while (parser.nextToken() != null) {
                    if (parser.currentToken() == JsonToken.VALUE_STRING) {
                        parser.getString();
                    }
                }
            } catch (JacksonException e) {
                List<String> path = new ArrayList<>();
                for (TokenStreamContext c = parser.streamReadContext(); c != null; c = c.getParent()) {
                    if (c.currentName() != null) {
                        path.add(0, c.currentName());
                    }
                }
                return String.join(".", path.size() > 4 ? path.subList(0, 4) : path);
            }
        }
        return "";
    }

    /**
     * Text that a spreadsheet would take for a formula (CSV/formula injection) is refused in every format, so that
     * no sheet stored here can carry a formula to whoever opens it later. This is the character a spreadsheet would
     * start a formula with ({@code = + - @}), after the blanks, tabs and line
     * breaks it skips and with full-width forms (＝＋－＠) read as what they stand for; 0 when there is none.
     */
    private static char formulaStart(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).stripLeading();
        return !plain.isEmpty() && "=+-@".indexOf(plain.charAt(0)) >= 0 ? plain.charAt(0) : 0;
    }

    /**
     * Why a text field is refused: formula-like text, or a control or bidirectional-formatting character (which
     * can hide what a text says); null when it is fine. Line breaks are allowed inside a note. The service checks
     * the texts it records beside sheets (a superseding reason) with it too.
     */
    public static String textError(String field, String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        char start = formulaStart(text);
        if (start != 0) {
            return "%s: \"%s\" 以 %s 开头，像公式，不予接收 / starts with %s like a formula and is refused"
                    .formatted(field, shown.strip(), start, start);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.getType(c) == Character.CONTROL && c != '\n';
            boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u200E' || c == '\u200F' || c == '\u061C';
            if (control || bidi) {
                return "%s: 含控制字符或双向文本控制符 U+%04X，不予接收 / contains the control or bidirectional character U+%04X and is refused"
                        .formatted(field, (int) c, (int) c);
            }
        }
        return null;
    }

    private Unit readUnit(JsonNode node, FieldNames names, List<String> errors) {
        String field = names.name("unit");
        if (node == null || node.isNull()) {
            errors.add(field + ": 缺失 / is missing");
            return null;
        }
        if (!node.isString()) {
            errors.add(field + ": 须为字符串(单位 id、代码或名称) / must be a string (unit id, code or name)");
            return null;
        }
        Optional<Unit> unit = catalogue.unit(node.stringValue());
        if (unit.isEmpty()) {
            errors.add("%s: 未知单位 \"%s\" / unknown unit \"%s\"".formatted(field, node.stringValue(),
                    node.stringValue()));
        }
        return unit.orElse(null);
    }

    private YearMonth readPeriod(JsonNode node, FieldNames names, List<String> errors) {
        String field = names.name("period");
        if (node == null || node.isNull()) {
            errors.add(field + ": 缺失 / is missing");
            return null;
        }
        if (!node.isString() || !PERIOD.matcher(node.stringValue()).matches()) {
            errors.add("%s: \"%s\" 不是 YYYY-MM 格式的月份 / is not a month written YYYY-MM"
                    .formatted(field, node.asString()));
            return null;
        }
        String text = node.stringValue();
        // the pattern admits only YYYY-MM with a month of 01..12
        YearMonth period = YearMonth.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10));
        YearMonth last = YearMonth.now(clock).plusMonths(1);
        if (period.isBefore(FIRST_PERIOD) || period.isAfter(last)) {
            errors.add("%s: \"%s\" 不在 %s 至 %s 之间，不是可报送的月份 / is not a month a sheet can report: between %s "
                    .formatted(field, period, FIRST_PERIOD, last, FIRST_PERIOD) + "(the first base period) and " + last
                    + " (the month after the current one)");
            return null;
        }
        return period;
    }

    private Map<String, Object> readFacts(JsonNode node, FieldNames names, List<String> errors) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return facts;
        }
        if (!node.isObject()) {
            errors.add(names.name("facts")
                    + ": 须为对象(指标 → 数值或布尔值) / must be an object (metric key → number or boolean)");
            return facts;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String metric = entry.getKey();
            JsonNode value = entry.getValue();
            Optional<Commitment> commitment = catalogue.byMetric(metric).filter(c -> !c.isProgress());
            if (commitment.isEmpty()) {
                errors.add("%s: 未知指标 / unknown metric key".formatted(names.name("facts", metric)));
                continue;
            }
            if (commitment.get().kind() == Kind.MILESTONE) {
                if (value.isBoolean()) {
                    facts.put(metric, value.booleanValue());
                } else {
                    errors.add("%s: %s 须为布尔值 true/false(表格中填 是/否) / must be a boolean, true/false (是/否 in a spreadsheet)"
                            .formatted(names.name("facts", metric), value));
                }
                continue;
            }
            if (!value.isNumber()) {
                errors.add("%s: %s 须为数值 / must be a number".formatted(names.name("facts", metric), value));
                continue;
            }
            BigDecimal number = value.decimalValue();
            String bounds = boundsError(number);
            if (bounds != null) {
                errors.add(names.name("facts", metric) + ": " + bounds);
                continue;
            }
            number = number.signum() == 0 ? BigDecimal.ZERO : number;
            String range = rangeError(metric, number);
            if (range == null) {
                range = limitError(commitment.get(), number);
            }
            if (range != null) {
                errors.add(names.name("facts", metric) + ": " + range);
            } else {
                facts.put(metric, number);
            }
        }
        return facts;
    }

    /** The most integer digits a value may have: far above any count, amount or user number the plan knows. */
    static final int MAX_INTEGER_DIGITS = 15;
    /** The most decimal places a value may have. */
    static final int MAX_DECIMAL_PLACES = 20;

    /**
     * Refuses a number no sheet can mean (1e400, 1e2147483647, 1e-30) before it is written out, stored or judged:
     * written out in full, such a number is hundreds of megabytes, or cannot be written at all. The number is shown
     * as JSON wrote it, cut short.
     */
    private static String boundsError(BigDecimal value) {
        if (value.signum() == 0) {
            return null;
        }
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            String shown = shorten(value.toString());
            return "%s 数值过大，整数部分最多 %d 位 / %s is too large: at most %d digits before the decimal point"
                    .formatted(shown, MAX_INTEGER_DIGITS, shown, MAX_INTEGER_DIGITS);
        }
        if (value.scale() > MAX_DECIMAL_PLACES && value.stripTrailingZeros().scale() > MAX_DECIMAL_PLACES) {
            String shown = shorten(value.toString());
            return "%s 小数位过多，最多 %d 位 / %s has too many decimal places: at most %d"
                    .formatted(shown, MAX_DECIMAL_PLACES, shown, MAX_DECIMAL_PLACES);
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** The contract's ranges: percents in 0..100 (growth rates may be negative), everything else at least 0. */
    private static String rangeError(String metric, BigDecimal value) {
        if (metric.endsWith("_growth_pct")) {
            return null;
        }
        if (value.signum() < 0) {
            return "%s 小于 0 / %s is below 0".formatted(value.toPlainString(), value.toPlainString());
        }
        if (metric.endsWith("_pct") && value.compareTo(BigDecimal.valueOf(100)) > 0) {
            return "%s 超过 100 / %s is above 100".formatted(value.toPlainString(), value.toPlainString());
        }
        return null;
    }

    /** The catalogue's maximum for the metric's unit of measure (settings.yaml, measures). */
    private static String limitError(Commitment commitment, BigDecimal value) {
        BigDecimal maximum = commitment.limits().maximum();
        if (maximum == null || value.compareTo(maximum) <= 0) {
            return null;
        }
        String shown = value.toPlainString();
        String max = maximum.toPlainString();
        String measure = commitment.measure();
        return "%s 超过上限 %s %s，请核对 / %s is above %s %s, the most a sheet may report: check it"
                .formatted(shown, max, measure, shown, max, measure);
    }

    private Map<String, Progress> readProgress(JsonNode node, FieldNames names, List<String> errors) {
        Map<String, Progress> progress = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return progress;
        }
        if (!node.isObject()) {
            errors.add(names.name("progress") + ": 须为对象(任务 → 进展) / must be an object (task → progress)");
            return progress;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String task = entry.getKey();
            String field = names.name("progress", task);
            if (catalogue.progress(task).isEmpty()) {
                errors.add("%s: 未知任务(应为任务 T01..T38 或面上工作 M1..M5) / unknown task (T01..T38, M1..M5)"
                        .formatted(field));
                continue;
            }
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                errors.add("%s: 须为对象 {\"status\": …, \"note\": …} / must be an object".formatted(field));
                continue;
            }
            boolean ok = true;
            for (String name : value.propertyNames()) {
                if (!PROGRESS_FIELDS.contains(name)) {
                    errors.add("%s: 未知字段 / unknown field (allowed: status, note)"
                            .formatted(names.name("progress", task, name)));
                    ok = false;
                }
            }
            ProgressStatus status = null;
            JsonNode s = value.get("status");
            String statusField = names.name("progress", task, "status");
            if (s == null || !s.isString()) {
                errors.add("%s: 缺失或不是字符串 / is missing or not a string".formatted(statusField));
                ok = false;
            } else {
                try {
                    status = ProgressStatus.valueOf(s.stringValue());
                } catch (IllegalArgumentException e) {
                    errors.add("%s: \"%s\" 不是 NOT_STARTED、IN_PROGRESS、DONE、BLOCKED 之一 / is not one of "
                            .formatted(statusField, s.stringValue()) + "NOT_STARTED, IN_PROGRESS, DONE, BLOCKED");
                    ok = false;
                }
            }
            JsonNode note = value.get("note");
            if (note != null && !note.isNull() && !note.isString()) {
                errors.add("%s: 须为字符串 / must be a string".formatted(names.name("progress", task, "note")));
                ok = false;
            } else if (note != null && note.isString()
                    && textError(names.name("progress", task, "note"), note.stringValue()) != null) {
                errors.add(textError(names.name("progress", task, "note"), note.stringValue()));
                ok = false;
            }
            if (ok) {
                progress.put(task, new Progress(status, note == null || note.isNull() ? null : note.stringValue()));
            }
        }
        return progress;
    }

    /** One sheet read: accepted, or rejected with its reasons. */
    public record Result(Optional<FactSheet> sheet, Optional<Rejection> rejection) {

        static Result accepted(FactSheet sheet) {
            return new Result(Optional.of(sheet), Optional.empty());
        }

        static Result rejected(Rejection rejection) {
            return new Result(Optional.empty(), Optional.of(rejection));
        }
    }
}
