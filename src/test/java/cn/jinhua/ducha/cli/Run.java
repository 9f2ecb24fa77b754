package cn.jinhua.ducha.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One command line run in this process as {@code java -jar ducha.jar} would run it: its exit status and what it
 * printed on each stream. The tests of the commands share it (set-up written once).
 */
record Run(int status, String out, String err) {

    /** Strict (nothing after the document) and exact (decimals as BigDecimal), as the contract's output is read. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Runs {@code args} (each written with toString) through {@link Ducha#run}. */
    static Run of(Object... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] line = Stream.of(args).map(Object::toString).toArray(String[]::new);
        int status = Ducha.run(line, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** Runs {@code args} after {@code first} (global options, a subcommand's fixed part). */
    static Run of(List<?> first, Object... args) {
        return of(Stream.concat(first.stream(), Stream.of(args)).toArray());
    }

    /** Standard output read as JSON. */
    JsonNode json() {
        return JSON.readTree(out);
    }

    /** The lines of standard output. */
    List<String> lines() {
        return out.lines().toList();
    }
}
