package cn.jinhua.ducha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test support: a copy of the project's {@code rules/} that a test may change or spoil. */
public final class RulesCopy {

    private static final Path RULES = Path.of("rules");

    private RulesCopy() {
    }

    /** Copies {@code rules/} to {@code dir/rules} and answers that folder. */
    public static Path in(Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path from : walk.toList()) {
                Path target = rules.resolve(RULES.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(from, target);
                }
            }
        }
        return rules;
    }
}
