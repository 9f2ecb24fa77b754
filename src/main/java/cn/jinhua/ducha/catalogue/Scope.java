package cn.jinhua.ducha.catalogue;

/** Which units a commitment judges (contract.md, "Scopes"). */
public enum Scope {
    /** Each of the ten local units, on its own sheet. */
    LOCAL("各县(市、区)"),
    /** The city's own sheet ({@code jinhua}) alone. */
    CITY("市本级"),
    /** The sum over the ten local sheets and the city's, judged once for the city. */
    CITY_TOTAL("全市合计"),
    /** The local units in the free-trade zone; the other local units are NOT_APPLICABLE. */
    FTZ("自贸试验区所在县(市、区)"),
    /** The ten local units and the city. */
    ALL("各县(市、区)及市本级");

    private final String label;

    Scope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the commitment is judged for {@code unit} (the unit gets a verdict other than NOT_APPLICABLE). */
    public boolean judges(Unit unit) {
        return switch (this) {
            case LOCAL -> unit.isLocal();
            case CITY, CITY_TOTAL -> unit.isCity();
            case FTZ -> unit.isLocal() && unit.ftz();
            case ALL -> unit.isSupervised();
        };
    }

    /** Whether {@code unit} gets NOT_APPLICABLE: a local unit that the scope leaves out. */
    public boolean excludes(Unit unit) {
        return this == FTZ && unit.isLocal() && !unit.ftz();
    }

    /** Whether {@code unit} owes this commitment's value on its sheet when the commitment is judged. */
    public boolean owedBy(Unit unit) {
        return this == CITY_TOTAL ? unit.isSupervised() : judges(unit);
    }
}
