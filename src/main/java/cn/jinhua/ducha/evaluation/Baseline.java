package cn.jinhua.ducha.evaluation;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * B of a REACH_BY commitment (contract.md, "REACH_BY"): where the unit started (基期值), and where that came from.
 *
 * @param value      the B used; exact
 * @param origin     the unit's own base-period sheet, the sum of the units' base values, or the catalogue
 * @param basePeriod the month before the window's first month, whose sheets give B
 * @param reported   the base-period value that was reported and not used because it is not below the target
 *                   (for CITY_TOTAL the sum), else null
 * @param units      for {@link Origin#UNITS_SUM}, the units whose base values were summed; otherwise empty
 */
public record Baseline(BigDecimal value, Origin origin, YearMonth basePeriod, BigDecimal reported, List<String> units) {

    /** Where B came from. */
    public enum Origin {
        /** The unit's own value in its base-period sheet. */
        OWN_BASE_SHEET,
        /** For CITY_TOTAL, the sum of the base-period values of the supervised units that reported one. */
        UNITS_SUM,
        /** The catalogue's baseline (0 where it gives none). */
        CATALOGUE
    }

    public Baseline {
        units = List.copyOf(units);
    }

    /** The catalogue's baseline, with the base-period value that was reported and not used (or null). */
    static Baseline catalogue(BigDecimal value, YearMonth basePeriod, BigDecimal reported) {
        return new Baseline(value, Origin.CATALOGUE, basePeriod, reported, List.of());
    }
}
