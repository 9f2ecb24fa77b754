package cn.jinhua.ducha.catalogue;

/** How a commitment is judged (contract.md, "How each kind is judged"). */
public enum Kind {
    AT_LEAST("保持不低于"),
    AT_MOST("保持不高于"),
    REACH_BY("期末达到"),
    ANNUAL_AT_LEAST("年度累计达到"),
    MILESTONE("里程碑"),
    BENCHMARK_MARGIN("高于全省平均"),
    PROGRESS("任务进展");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Kinds judged against 序时进度 (time-elapsed progress). */
    public boolean isPaced() {
        return this == REACH_BY || this == ANNUAL_AT_LEAST;
    }

    /** Kinds that go on being judged after their window has ended (MET once reached, MISSED until then). */
    public boolean outlivesWindow() {
        return this == REACH_BY || this == MILESTONE;
    }
}
