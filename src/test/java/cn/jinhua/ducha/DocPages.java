package cn.jinhua.ducha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Test support for the sessions shown in docs/ (issue 16): the fenced blocks of a page, and the check that what a
 * command printed is what the page shows. A line that is only {@code …} stands for any number of lines left out; a
 * {@code …} inside a line for any text there (a timestamp, a hash, a long explanation cut short). Blank lines are
 * not compared.
 */
public final class DocPages {

    private static final String ELIDED = "…";

    private DocPages() {
    }

    /** The lines of each block fenced as {@code fence} ({@code ```text}, say), continuation lines joined. */
    public static List<List<String>> blocks(List<String> lines, String fence) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : lines) {
            if (block == null && line.equals(fence)) {
                block = new ArrayList<>();
            } else if (block != null && line.equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null) {
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
}
