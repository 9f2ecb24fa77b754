package cn.jinhua.ducha.factsheet;

/** A task's reported progress (contract.md, "A fact sheet"). */
public enum ProgressStatus {
    NOT_STARTED("未启动"),
    IN_PROGRESS("推进中"),
    DONE("已完成"),
    BLOCKED("受阻");

    private final String label;

    ProgressStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
