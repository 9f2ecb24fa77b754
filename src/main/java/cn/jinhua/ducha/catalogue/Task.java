package cn.jinhua.ducha.catalogue;

/** One of the plan's 38 tasks, with its title and lead unit exactly as the seed words them. */
public record Task(int number, String title, Area area, String lead) {

    /** The task's code as progress reports use it: {@code T01} .. {@code T38}. */
    public String code() {
        return "T%02d".formatted(number);
    }
}
