package cn.jinhua.ducha.evaluation;

/** A verdict's status (contract.md, "Statuses and lights"). */
public enum Status {
    MET(Light.GREEN, "已达标"),
    ON_TRACK(Light.GREEN, "进度正常"),
    AT_RISK(Light.YELLOW, "滞后"),
    OFF_TRACK(Light.RED, "严重滞后"),
    MISSED(Light.RED, "未达标"),
    NO_DATA(Light.GREY, "未报数据"),
    NOT_APPLICABLE(null, "不适用");

    private final Light light;
    private final String label;

    Status(Light light, String label) {
        this.light = light;
        this.label = label;
    }

    /** The light, or null for NOT_APPLICABLE. */
    public Light light() {
        return light;
    }

    public String label() {
        return label;
    }

    /** AT_RISK or worse: what, two periods running, turns a yellow alert red. */
    public boolean isBehind() {
        return this == AT_RISK || this == OFF_TRACK || this == MISSED;
    }

    /** The statuses that raise a RED alert of their own. */
    public boolean isRed() {
        return light == Light.RED;
    }
}
