package cn.jinhua.ducha.alerting;

/** Where an alert stands in its life. */
public enum AlertState {
    OPEN("待处理"), ACKNOWLEDGED("已签收"), ESCALATED("已升级督办"), RESOLVED("已自动解除"), CLOSED("已关闭");

    private final String label;

    AlertState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Still asking for action: open, acknowledged or escalated. */
    public boolean isActive() {
        return this == OPEN || this == ACKNOWLEDGED || this == ESCALATED;
    }
}
