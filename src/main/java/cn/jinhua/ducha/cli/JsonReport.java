package cn.jinhua.ducha.cli;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.evaluation.Forecast;
import cn.jinhua.ducha.evaluation.Projection;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.factsheet.Rejection;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The contract's JSON (contract.md, "What an evaluation prints"), with a few added fields and none changed. */
final class JsonReport {

    /**
     * An evaluation is written without indentation: a national month is hundreds of thousands of verdicts, and
     * the JSON is for programs (the table is for people).
     */
    private static final JsonMapper COMPACT = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** How many verdicts one core writes at a time. */
    private static final int VERDICTS_PER_RUN = 2_048;

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonReport() {
    }

    /**
     * Writes the evaluation to {@code out} as a stream, never as a tree in memory (a national month is hundreds of
     * thousands of verdicts), the verdicts in runs written on every core. {@code out} is flushed, not closed.
     *
     * @param run     the stored run's id, or null when nothing was recorded
     * @param english whether each verdict's explanation and each alert's message is written in English too
     *                ({@code explanationEn}, {@code messageEn}): the contract's are Chinese, and a national month's
     *                JSON would be half as large again
     */
    static void evaluation(Evaluation evaluation, Explanations explanations, Long run, boolean english,
                           OutputStream out) {
        try (JsonGenerator json = COMPACT.createGenerator(new NotClosing(out))) {
            json.writeStartObject();
            json.writeStringProperty("period", evaluation.period().toString());
            json.writeStringProperty("ruleset", evaluation.ruleset());
            if (run != null) {
                json.writeNumberProperty("run", run.longValue());
            }
            json.writeArrayPropertyStart("verdicts");
            // The verdicts are most of the work (a national month is 150,000 and more): written in runs on every
            // core, each run's bytes then put in place in order, after what the generator holds so far.
            List<Verdict> verdicts = evaluation.verdicts();
            json.flush();
            int runs = (verdicts.size() + VERDICTS_PER_RUN - 1) / VERDICTS_PER_RUN;
            IntStream.range(0, runs).parallel()
                    .mapToObj(r -> verdicts(verdicts.subList(r * VERDICTS_PER_RUN,
                            Math.min(verdicts.size(), (r + 1) * VERDICTS_PER_RUN)), evaluation, explanations, english,
                            r > 0))
                    .forEachOrdered(bytes -> write(out, bytes));
            json.writeEndArray();
            json.writeArrayPropertyStart("alerts");
            // each message quotes its verdict's explanation: worded on every core ahead of the one writer
            List<Alert> alerts = evaluation.alerts();
            String[] messages = alerts.parallelStream().map(explanations::message).toArray(String[]::new);
            String[] inEnglish = english ? alerts.parallelStream().map(a -> explanations.message(a, Locale.ENGLISH))
                    .toArray(String[]::new) : null;
            for (int i = 0; i < messages.length; i++) {
                Alert a = alerts.get(i);
                json.writeStartObject();
                json.writeStringProperty("unit", a.unit().id());
                json.writeStringProperty("commitment", a.commitment() == null ? null : a.commitment().id());
                json.writeStringProperty("level", a.level().name());
                json.writeStringProperty("message", messages[i]);
                // added beside the contract's message: the same sentence in English (issue 17)
                if (english) {
                    json.writeStringProperty("messageEn", inEnglish[i]);
                }
                if (a.escalated()) {
                    json.writeBooleanProperty("escalated", true);
                }
                if (!a.missing().isEmpty()) {
                    json.writeArrayPropertyStart("missing");
                    for (var c : a.missing()) {
                        json.writeString(c.id());
                    }
                    json.writeEndArray();
                }
                json.writeStringProperty("rule", a.rule());
                json.writeEndObject();
            }
            json.writeEndArray();
            // added beside the contract's output (issue 15): the contract's alerts are unchanged
            json.writeArrayPropertyStart("forecasts");
            for (Forecast f : evaluation.forecasts()) {
                forecast(json, f, explanations);
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("rejected");
            for (Rejection r : evaluation.rejected()) {
                json.writeStartObject();
                json.writeStringProperty("source", r.source());
                json.writeArrayPropertyStart("errors");
                for (String error : r.errors()) {
                    json.writeString(error);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /**
     * A run of verdicts as the array's elements, comma-separated, with a leading comma when {@code after} (a run
     * after another): exactly the bytes one generator would have written for them.
     */
    private static byte[] verdicts(List<Verdict> run, Evaluation evaluation, Explanations explanations,
                                   boolean english, boolean after) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(run.size() * 512);
        try (JsonGenerator json = COMPACT.createGenerator(bytes)) {
            json.writeStartArray();
            for (Verdict v : run) {
                verdict(json, v, evaluation, explanations, english);
            }
            json.writeEndArray();
        }
        byte[] array = bytes.toByteArray();
        // the array's brackets off; a comma in front of a later run's first element
        byte[] elements = new byte[array.length - 2 + (after ? 1 : 0)];
        if (after) {
            elements[0] = ',';
        }
        System.arraycopy(array, 1, elements, after ? 1 : 0, array.length - 2);
        return elements;
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void verdict(JsonGenerator json, Verdict v, Evaluation evaluation, Explanations explanations,
                                boolean english) {
        json.writeStartObject();
        json.writeStringProperty("unit", v.unit().id());
        json.writeStringProperty("commitment", v.commitment().id());
        Integer task = v.commitment().taskNumber();
        if (task == null) {
            json.writeNullProperty("task");
        } else {
            json.writeNumberProperty("task", task.intValue());
        }
        json.writeStringProperty("status", v.status().name());
        json.writeStringProperty("light", v.light() == null ? null : v.light().name());
        writeValue(json, "value", v.value());
        writeValue(json, "target", v.target());
        writeValue(json, "expected", v.expected());
        if (v.baseline() != null) {
            json.writeNumberProperty("baseline", v.baseline().value());
            json.writeStringProperty("baselineOrigin", v.baseline().origin().name());
        }
        json.writeStringProperty("rule", v.rule());
        json.writeStringProperty("explanation", explanations.explain(v));
        // added beside the contract's explanation: the same sentence in English (issue 17)
        if (english) {
            json.writeStringProperty("explanationEn", explanations.explain(v, Locale.ENGLISH));
        }
        if (v.missingUnits() != null) {
            json.writeArrayPropertyStart("missingUnits");
            for (String unit : v.missingUnits()) {
                json.writeString(unit);
            }
            json.writeEndArray();
        }
        evaluation.waiver(v).ifPresent(w -> {
            json.writeBooleanProperty("waived", true);
            json.writeStringProperty("waiver", w.reason());
        });
        json.writeEndObject();
    }

    /**
     * One forecast: who and what, the method and the history it used ({@code from}, {@code fromValue}, the
     * period's {@code value}, {@code monthsUsed}), the projected value at {@code end}, the target and the
     * shortfall, the light now, the rule that raised it and its message in Chinese and English.
     */
    private static void forecast(JsonGenerator json, Forecast f, Explanations explanations) {
        Projection p = f.projection();
        json.writeStartObject();
        json.writeStringProperty("unit", f.unit().id());
        json.writeStringProperty("commitment", f.commitment().id());
        json.writeStringProperty("level", Forecast.LEVEL);
        json.writeStringProperty("method", Projection.METHOD);
        json.writeNumberProperty("monthsUsed", p.monthsUsed());
        json.writeStringProperty("from", p.from().toString());
        json.writeNumberProperty("fromValue", p.fromValue());
        json.writeNumberProperty("value", p.value());
        json.writeStringProperty("end", p.end().toString());
        json.writeNumberProperty("projected", p.projected());
        json.writeNumberProperty("target", p.target());
        json.writeNumberProperty("shortfall", p.shortfall());
        json.writeStringProperty("status", f.verdict().status().name());
        json.writeStringProperty("light", f.verdict().light().name());
        json.writeStringProperty("message", explanations.message(f));
        json.writeStringProperty("messageEn", explanations.message(f, Locale.ENGLISH));
        json.writeStringProperty("rule", f.rule());
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, String field, Object value) {
        if (value instanceof BigDecimal d) {
            json.writeNumberProperty(field, d);
        } else if (value instanceof Boolean b) {
            json.writeBooleanProperty(field, b);
        } else if (value == null) {
            json.writeNullProperty(field);
        } else {
            json.writeStringProperty(field, value.toString());
        }
    }

    /** Standard output outlives one report: closing the generator flushes it and leaves it open. */
    private static final class NotClosing extends FilterOutputStream {

        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
