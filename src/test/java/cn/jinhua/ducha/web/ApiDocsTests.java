package cn.jinhua.ducha.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import cn.jinhua.ducha.DocPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/api.md's session with curl is what the server answers (issue 16): each {@code $ curl …} line of its
 * {@code console} blocks is run by bash with the real curl and jq, in order, against a server of its own started as
 * the page says (a new store holding August's and September's sample sheets, the administrator's password
 * {@code change-me-now}), and every line the page shows must be printed, with {@code …} for what differs from run to
 * run (times, the rules' hash). The session as it ran is left in target/docs/api-session.txt. {@code .ci/run}
 * installs curl and jq; the test is skipped where either is missing.
 */
class ApiDocsTests {

    private static final String DOC = "api.md";
    private static final String SHOWN_BASE = "http://localhost:8080";
    /** The session as it ran, to compare with the page when it fails. */
    private static final Path TRANSCRIPT = Path.of("target", "docs", "api-session.txt");

    @TempDir
    Path dir;

    @Test
    void theCurlSessionShowsWhatTheServerAnswers() throws IOException, InterruptedException {
        assumeTrue(onPath("curl") && onPath("jq"), "curl or jq is not installed");
        TestServer server = TestServer.bare(Map.of("ducha.admin.password", "change-me-now",
                "ducha.webhooks.deliver", false), null);
        try {
            // the page's starting point: java -jar target/ducha.jar submit samples/2023-08 samples/2023-09
            server.samplesStored("2023-08", "2023-09");
            Files.createSymbolicLink(dir.resolve("samples"), Path.of("samples").toAbsolutePath());
            Files.createDirectories(TRANSCRIPT.getParent());
            Files.deleteIfExists(TRANSCRIPT);
            int commands = 0;
            for (List<String> block : DocPages.blocks(Files.readAllLines(Path.of("docs", DOC), UTF_8), "console")) {
                for (int i = 0; i < block.size(); i++) {
                    if (!block.get(i).startsWith("$ curl ")) {
                        continue;
                    }
                    String command = block.get(i).substring(2);
                    List<String> shown = new ArrayList<>();
                    while (i + 1 < block.size() && !block.get(i + 1).startsWith("$ ")) {
                        shown.add(block.get(++i));
                    }
                    List<String> printed = bash(command.replace(SHOWN_BASE, server.base.toString()));
                    Files.writeString(TRANSCRIPT, "$ " + command + "\n" + String.join("\n", printed) + "\n", UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    DocPages.assertPrints(DOC, command, shown, printed);
                    commands++;
                }
            }
            assertThat(commands).as("curl commands run from docs/%s", DOC).isGreaterThanOrEqualTo(10);
        } finally {
            server.context.close();
        }
    }

    /** What bash printed running {@code command} in the session's folder, lines without trailing blanks. */
    private List<String> bash(String command) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String printed = Files.readString(out, UTF_8);
        assertThat(p.exitValue()).as("%s%n%s", command, printed).isZero();
        return printed.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
