package cn.jinhua.ducha.catalogue;

import java.util.List;

/** The catalogue in {@code rules/catalogue} cannot be used; every problem names its file and entry. */
public class CatalogueException extends RuntimeException {

    private final List<String> problems;

    public CatalogueException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
