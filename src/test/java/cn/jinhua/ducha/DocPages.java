package cn.jinhua.ducha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test support for the sessions shown in docs/ (issue 16): the fenced blocks of a page, and the check that what a
 * command printed is what the page shows. A line that is only {@code …} stands for any number of lines left out; a
 * {@code …} inside a line for any text there (a timestamp, a hash, a long explanation cut short). Blank lines are
 * not compared.
 */
public final class DocPages {

    private static final String ELIDED = "…";
    /** Decimals read exactly, as the contract's output is. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private DocPages() {
    }

    /** A fenced block of a page: what follows its opening {@code ```} ("text", "csv demo/a.csv") and its lines. */
    public record Block(String info, List<String> lines) {

        /** The block's text, one line after another. */
        public String text() {
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        }
    }

    /**
     * Every fenced block of a page, in order, continuation lines ({@code \\} at the end) joined; a block indented
     * under a list item loses that indent.
     */
    public static List<Block> fenced(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String info = null;
        List<String> block = null;
        int indent = 0;
        for (String line : lines) {
            String stripped = line.strip();
            if (block == null && stripped.startsWith("```") && stripped.length() > 3) {
                info = stripped.substring(3);
                block = new ArrayList<>();
                indent = line.indexOf('`');
            } else if (block != null && stripped.equals("```")) {
                blocks.add(new Block(info, block));
                block = null;
            } else if (block != null) {
                line = line.substring(Math.min(indent, line.length() - line.stripLeading().length()));
                int last = block.size() - 1;
                if (last >= 0 && block.get(last).endsWith("\\")) {
                    block.set(last, block.get(last).substring(0, block.get(last).length() - 1) + line.strip());
                } else {
                    block.add(line);
                }
            }
        }
        return blocks;
    }

    /** The lines of each block fenced as {@code ```info} ({@code text}, say). */
    public static List<List<String>> blocks(List<String> lines, String info) {
        return fenced(lines).stream().filter(b -> b.info().equals(info)).map(Block::lines).toList();
    }

    /**
     * The files a page shows whole, by the name its fence gives them ({@code ```csv demo/pujiang-2023-09.csv}):
     * a session on the page reads them as the reader would have saved them.
     */
    public static Map<String, String> files(List<String> lines) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Block block : fenced(lines)) {
            String[] info = block.info().split(" ");
            if (info.length == 2 && !info[1].startsWith("$")) {
                files.put(info[1], block.text());
            }
        }
        return files;
    }

    /** Every line shown is printed, in order; a {@code …} line skips lines, a {@code …} inside a line any text. */
    public static void assertPrints(String doc, String command, List<String> shown, List<String> printed) {
        List<String> expected = shown.stream().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
        int at = 0;
        boolean skipping = false;
        for (String line : expected) {
            if (line.strip().equals(ELIDED)) {
                skipping = true;
                continue;
            }
            int found = -1;
            for (int j = at; j < printed.size() && (found < 0); j++) {
                if (matches(line, printed.get(j))) {
                    found = j;
                } else if (!skipping) {
                    break;
                }
            }
            assertThat(found).as("docs/%s: `%s` shows%n  %s%nbut printed (from line %d):%n%s", doc, command, line,
                    at + 1, String.join("\n", printed.subList(Math.min(at, printed.size()),
                            Math.min(at + 8, printed.size())))).isNotNegative();
            at = found + 1;
            skipping = false;
        }
    }

    /** Whether a printed line is the shown one, where each {@code …} in it stands for any text. */
    public static boolean matches(String shown, String printed) {
        String[] parts = shown.split(ELIDED, -1);
        if (parts.length == 1) {
            return shown.equals(printed);
        }
        if (!printed.startsWith(parts[0])) {
            return false;
        }
        int from = parts[0].length();
        for (int k = 1; k < parts.length - 1; k++) {
            int found = printed.indexOf(parts[k], from);
            if (found < 0) {
                return false;
            }
            from = found + parts[k].length();
        }
        String end = parts[parts.length - 1];
        return printed.length() - end.length() >= from && printed.endsWith(end);
    }

    /**
     * Every JSON value of {@code shown} (one or more, one after another) is found somewhere in {@code printed}: an
     * object with at least the fields shown, each contained in the printed one; an array whose shown elements are
     * contained, in order, in the printed one's; numbers equal as decimals, other values equal.
     */
    public static void assertContains(String doc, String command, String shown, String printed) {
        JsonNode tree = JSON.readTree(printed);
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(shown)) {
            int count = 0;
            while (values.hasNext()) {
                JsonNode value = values.next();
                count++;
                assertThat(somewhere(tree, value)).as("docs/%s: `%s` shows%n%s%nwhich is nowhere in what it printed",
                        doc, command, value.toPrettyString()).isTrue();
            }
            assertThat(count).as("docs/%s: JSON shown for `%s`", doc, command).isPositive();
        }
    }

    private static boolean somewhere(JsonNode tree, JsonNode shown) {
        if (contains(tree, shown)) {
            return true;
        }
        for (JsonNode child : tree.values()) {
            if (somewhere(child, shown)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode printed, JsonNode shown) {
        if (shown.isObject()) {
            if (!printed.isObject()) {
                return false;
            }
            for (var field : shown.properties()) {
                JsonNode value = printed.get(field.getKey());
                if (value == null || !contains(value, field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (shown.isArray()) {
            if (!printed.isArray()) {
                return false;
            }
            int at = 0;
            for (JsonNode element : shown.values()) {
                while (at < printed.size() && !contains(printed.get(at), element)) {
                    at++;
                }
                if (at++ >= printed.size()) {
                    return false;
                }
            }
            return true;
        }
        if (shown.isNumber() && printed.isNumber()) {
            return shown.decimalValue().compareTo(printed.decimalValue()) == 0;
        }
        return shown.equals(printed);
    }
}
