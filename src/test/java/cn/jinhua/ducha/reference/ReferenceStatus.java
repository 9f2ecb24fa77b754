package cn.jinhua.ducha.reference;

/**
 * The contract's statuses with their lights, restated from contract.md ("Statuses and lights") rather than taken
 * from the production enum, so that a wrong light there shows up as a difference.
 */
public enum ReferenceStatus {
    MET("GREEN"),
    ON_TRACK("GREEN"),
    AT_RISK("YELLOW"),
    OFF_TRACK("RED"),
    MISSED("RED"),
    NO_DATA("GREY"),
    NOT_APPLICABLE(null);

    private final String light;

    ReferenceStatus(String light) {
        this.light = light;
    }

    /** The light's name, or null for NOT_APPLICABLE. */
    public String light() {
        return light;
    }

    /** AT_RISK or worse: two periods running, this turns a yellow alert red (连续两月滞后). */
    boolean isBehind() {
        return this == AT_RISK || this == OFF_TRACK || this == MISSED;
    }
}
