package cn.jinhua.ducha.evaluation;

/** An alert's level (contract.md, "Alerts"). */
public enum AlertLevel {
    RED("红色预警"), YELLOW("黄色预警"), DATA("数据预警");

    private final String label;

    AlertLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
