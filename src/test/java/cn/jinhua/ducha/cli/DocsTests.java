package cn.jinhua.ducha.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jinhua.ducha.DocPages;
import cn.jinhua.ducha.alerting.Receiver;
import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample outputs in docs/ are what the commands print (issue 16): each doc's {@code text} blocks are run as a
 * session, command after command, on a fresh store (with a webhook receiver where the docs show one), and every
 * line shown must be printed, in order. A line that is
 * only {@code …} stands for any number of lines left out; a {@code …} inside a line for any text there (a run's
 * timestamp, an audit hash, a long explanation cut short). Blank lines are not compared. A block holding a command
 * that is not {@code java -jar target/ducha.jar} (a hand-made edit of the database, say) is shown, not run, and so
 * is a block of output alone; only the build ({@code ./mvnw}), which this test runs inside, is passed over. Files
 * a command writes ({@code --out}) go to the session's folder, and so do the files a page shows whole under a name
 * (a fence such as {@code ```csv demo/pujiang-2023-09.csv}), which its commands then read. A JSON excerpt
 * fenced with the command that prints it ({@code ```json $ java -jar target/ducha.jar evaluate …}, the command
 * invisible on the rendered page) is run at that point of the session, and every object the excerpt shows must be
 * found in what it printed, with the fields shown (arrays may be cut short, objects may have more fields).
 */
class DocsTests {

    private static final String DUCHA = "java -jar target/ducha.jar ";
    private static final String BUILD = "./mvnw ";

    private static final String DOCS_RECEIVER = "127.0.0.1:18099";
    private static final Pattern SECRET = Pattern.compile("signing secret: (whsec_\\S+)");

    @TempDir
    Path dir;

    private Receiver receiver;

    @ParameterizedTest(name = "docs/{0}")
    @ValueSource(strings = {"output.md", "ranking.md", "audit.md", "alerts.md", "brief.md", "sheets.md"})
    void showsWhatTheCommandsPrint(String doc) throws IOException {
        try (Receiver started = Receiver.start()) {
            // the webhook receiver the docs name, 127.0.0.1:18099, is this one
            this.receiver = started;
            session(doc);
        }
    }

    private void session(String doc) throws IOException {
        String url = TestDatabases.h2(dir);
        // the sheet audit.md submits: the samples' pujiang of 2023-09 with 125 items instead of 66
        Files.writeString(dir.resolve("pujiang-2023-09.json"), Files.readString(Path.of("samples/2023-09/pujiang.json"))
                .replace("\"tongban.cross_province_items_optimized\": 66", "\"tongban.cross_province_items_optimized\": 125"));
        List<String> page = Files.readAllLines(Path.of("docs", doc), UTF_8);
        for (var file : DocPages.files(page).entrySet()) {
            Path to = dir.resolve(file.getKey());
            Files.createDirectories(to.getParent());
            Files.writeString(to, file.getValue(), UTF_8);
        }
        int commands = 0;
        for (DocPages.Block fenced : DocPages.fenced(page)) {
            if (fenced.info().startsWith("json $ " + DUCHA)) {
                // a JSON excerpt of what a command prints: each object shown is found in what it printed
                String command = fenced.info().substring("json $ ".length());
                DocPages.assertContains(doc, command, fenced.text(), String.join("\n", run(command, url)));
                commands++;
                continue;
            }
            List<String> block = fenced.lines();
            if (!fenced.info().equals("text") || !block.stream().filter(l -> l.startsWith("$ "))
                    .allMatch(l -> l.startsWith("$ " + DUCHA) || l.startsWith("$ " + BUILD))) {
                continue;
            }
            for (int i = 0; i < block.size(); i++) {
                if (!block.get(i).startsWith("$ " + DUCHA)) {
                    continue;
                }
                String command = block.get(i).substring(2);
                List<String> shown = new ArrayList<>();
                while (i + 1 < block.size() && !block.get(i + 1).startsWith("$ ")) {
                    shown.add(block.get(++i));
                }
                List<String> printed = run(command, url);
                DocPages.assertPrints(doc, command, shown, printed);
                commands++;
            }
        }
        assertThat(commands).as("commands run from docs/%s", doc).isPositive();
    }

    /**
     * Runs one command line as a shell would: {@code # comment} dropped, {@code > /dev/null} prints nothing,
     * {@code | tail -1} keeps the last line; the store is the session's, files named in the doc are in {@link #dir}.
     */
    private List<String> run(String line, String url) {
        String command = line.substring(DUCHA.length());
        boolean quiet = false;
        boolean last = false;
        List<String> words = words(command);
        List<String> args = new ArrayList<>(List.of("--db", url));
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals(">") && i + 1 < words.size() && words.get(i + 1).equals("/dev/null")) {
                quiet = true;
                i++;
            } else if (w.equals("|") && words.subList(i, words.size()).equals(List.of("|", "tail", "-1"))) {
                last = true;
                break;
            } else if (w.contains(DOCS_RECEIVER)) {
                args.add(w.replace(DOCS_RECEIVER, address()));
            } else if (!w.startsWith("-") && Files.exists(dir.resolve(w))) {
                args.add(dir.resolve(w).toString());
            } else if (w.equals("--out") && i + 1 < words.size()) {
                args.add(w);
                args.add(dir.resolve(words.get(++i)).toString());
            } else {
                args.add(w);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Ducha.run(args.toArray(String[]::new), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        // 2 is a sheet refused, which the page then shows; 1 is a command that could not run at all
        assertThat(status).as("%s%n%s", line, err.toString(UTF_8)).isIn(0, Ducha.REJECTED);
        if (quiet) {
            return List.of();
        }
        // the files the doc names were given from the session's folder: shown as the doc names them
        String text = out.toString(UTF_8);
        Matcher secret = SECRET.matcher(text);
        if (secret.find()) {
            // a webhook added: the receiver checks its signatures with the secret it was given
            receiver.trust("/hook", secret.group(1));
        }
        List<String> printed = text.replace(dir + "/", "").replace(address(), DOCS_RECEIVER).lines()
                .map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
        return last && !printed.isEmpty() ? List.of(printed.get(printed.size() - 1)) : printed;
    }

    /** The receiver's host and port. */
    private String address() {
        return receiver.url("").replace("http://", "");
    }

    /** The words of a command line, quotes removed, a trailing {@code # comment} dropped. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '#' && word == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
