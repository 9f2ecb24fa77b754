package cn.jinhua.ducha.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;

/**
 * The lights of a run laid out for 挂图作战: rows (units) × columns (tasks, or environments) → the verdicts' lights
 * counted, and the worst of them. The evaluation table, the dashboard's board and map and the 例会 brief all read
 * their lights from here, so that they agree on which light is worst and how lights are counted.
 */
public final class LightMatrix {

    /** Red over yellow over grey over green: a missing value (grey) is worse news than a green, better than a lag. */
    public static final Comparator<Light> SEVERITY = Comparator.comparingInt(LightMatrix::severity);

    /** The order lights are counted in, in every table and file: green, yellow, red, grey. */
    public static final List<Light> COUNTED = List.of(Light.GREEN, Light.YELLOW, Light.RED, Light.GREY);

    /** The column of the overall goals (总体目标). */
    public static final String GOALS = "G";
    /** The column of the five general works (五项面上工作). */
    public static final String GENERAL_WORKS = "M";
    /** The column of the safeguards (保障措施). */
    public static final String SAFEGUARDS = "S";

    private final Map<String, Map<String, Map<Light, Integer>>> cells;

    private LightMatrix(Map<String, Map<String, Map<Light, Integer>>> cells) {
        this.cells = cells;
    }

    /**
     * Counts the lights of {@code verdicts} by row and column; verdicts without a light (NOT_APPLICABLE) are left out.
     *
     * @param row    a verdict's row, usually its unit's id
     * @param column a verdict's column: {@link #column(Commitment)} for tasks, or an environment's id
     * @param light  a verdict's light, or null where it has none
     */
    public static <T> LightMatrix of(Collection<T> verdicts, Function<T, String> row, Function<T, String> column,
                                     Function<T, Light> light) {
        Map<String, Map<String, Map<Light, Integer>>> cells = new LinkedHashMap<>();
        for (T v : verdicts) {
            Light l = light.apply(v);
            if (l != null) {
                cells.computeIfAbsent(row.apply(v), k -> new LinkedHashMap<>())
                        .computeIfAbsent(column.apply(v), k -> new EnumMap<>(Light.class)).merge(l, 1, Integer::sum);
            }
        }
        return new LightMatrix(cells);
    }

    /** The worse of two lights by {@link #SEVERITY}; null counts as no light at all. */
    public static Light worse(Light a, Light b) {
        if (a == null) {
            return b;
        }
        return b == null || severity(a) >= severity(b) ? a : b;
    }

    private static int severity(Light light) {
        return switch (light) {
            case GREEN -> 0;
            case GREY -> 1;
            case YELLOW -> 2;
            case RED -> 3;
        };
    }

    /** The task columns in order: G (overall goals), M (general works), the plan's tasks 01..38, S (safeguards). */
    public static List<String> columns(Catalogue catalogue) {
        List<String> columns = new ArrayList<>();
        columns.add(GOALS);
        columns.add(GENERAL_WORKS);
        catalogue.tasks().forEach(t -> columns.add("%02d".formatted(t.number())));
        columns.add(SAFEGUARDS);
        return columns;
    }

    /** A commitment's task column: its task's number, else the first letter of its id (G, M or S). */
    public static String column(Commitment c) {
        return c.task() != null ? "%02d".formatted(c.task().number()) : c.id().substring(0, 1);
    }

    /** The worst light of a cell, null where no verdict of it has a light. */
    public Light worst(String row, String column) {
        return worst(cells.getOrDefault(row, Map.of()).getOrDefault(column, Map.of()));
    }

    /** The worst light of a whole row, null where none of its verdicts has a light. */
    public Light worst(String row) {
        Light worst = null;
        for (Map<Light, Integer> cell : cells.getOrDefault(row, Map.of()).values()) {
            worst = worse(worst, worst(cell));
        }
        return worst;
    }

    /** A row's verdicts by light (only the lights that occur). */
    public Map<Light, Integer> row(String row) {
        return sum(cells.getOrDefault(row, Map.of()).values());
    }

    /** A column's verdicts by light over every row (only the lights that occur). */
    public Map<Light, Integer> column(String column) {
        List<Map<Light, Integer>> all = new ArrayList<>();
        cells.values().forEach(r -> all.add(r.getOrDefault(column, Map.of())));
        return sum(all);
    }

    /** Every verdict with a light, by light (only the lights that occur). */
    public Map<Light, Integer> total() {
        List<Map<Light, Integer>> all = new ArrayList<>();
        cells.values().forEach(r -> all.addAll(r.values()));
        return sum(all);
    }

    /** The verdicts of some rows only (the units a table shows), by light. */
    public Map<Light, Integer> total(Collection<String> rows) {
        List<Map<Light, Integer>> some = new ArrayList<>();
        rows.forEach(r -> some.addAll(cells.getOrDefault(r, Map.of()).values()));
        return sum(some);
    }

    private static Light worst(Map<Light, Integer> cell) {
        Light worst = null;
        for (Light l : cell.keySet()) {
            worst = worse(worst, l);
        }
        return worst;
    }

    private static Map<Light, Integer> sum(Collection<Map<Light, Integer>> cells) {
        Map<Light, Integer> counts = new EnumMap<>(Light.class);
        cells.forEach(c -> c.forEach((l, n) -> counts.merge(l, n, Integer::sum)));
        return counts;
    }
}
