package cn.jinhua.ducha.catalogue;

import java.util.List;

/**
 * A reporting unit of the contract: one of the ten local units, the city ({@code jinhua}) or the province.
 *
 * @param code GB/T 2260 code, null where the unit has none (金华开发区)
 * @param ftz   whether the unit lies in the free-trade zone (金义片区)
 * @param order position in the registry, for stable reports
 */
public record Unit(String id, String name, List<String> aliases, String code, UnitKind kind, boolean ftz,
                   int order) {

    public Unit {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public boolean isLocal() {
        return kind == UnitKind.LOCAL;
    }

    public boolean isCity() {
        return kind == UnitKind.CITY;
    }

    public boolean isProvince() {
        return kind == UnitKind.PROVINCE;
    }

    /** Supervised units owe sheets: the ten local units and the city, never the province. */
    public boolean isSupervised() {
        return kind != UnitKind.PROVINCE;
    }

    /** Whether {@code name} is this unit's id, code, Chinese name or one of its aliases. */
    public boolean answersTo(String name) {
        return id.equals(name) || name.equals(code) || this.name.equals(name) || aliases.contains(name);
    }
}
