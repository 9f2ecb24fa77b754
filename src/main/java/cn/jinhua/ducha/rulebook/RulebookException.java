package cn.jinhua.ducha.rulebook;

import java.util.List;

/**
 * {@code rules/} cannot be turned into a rule base. Each problem names the file and the line, or the commitment
 * id, with the compiler's message. No partial rule base exists when this is thrown.
 */
public class RulebookException extends RuntimeException {

    private final List<String> problems;

    public RulebookException(List<String> problems) {
        super("规则无法编译 / the rules do not compile:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
