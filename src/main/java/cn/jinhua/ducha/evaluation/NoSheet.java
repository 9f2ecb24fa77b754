package cn.jinhua.ducha.evaluation;

import java.time.YearMonth;
import java.util.List;

import cn.jinhua.ducha.catalogue.Unit;

/**
 * A supervised unit that owes values for {@code period} and sent no sheet, with every pair judged for it: one
 * fact per unit, not one per pair, so that a month with few sheets costs little.
 *
 * @param subjects the unit's pairs that scope and window call for (CITY_TOTAL aside: the city total is judged
 *                 on what the others reported)
 */
public record NoSheet(Unit unit, YearMonth period, List<Subject> subjects) {

    public String getUnitId() {
        return unit.id();
    }
}
