package cn.jinhua.ducha.factsheet;

import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Unit;

/**
 * One unit's accepted monthly sheet: values as of the last day of {@code period}.
 *
 * @param source   where the sheet came from (a path as given), for messages
 * @param facts    metric key to {@link java.math.BigDecimal} or {@link Boolean}
 * @param progress task code ({@code T05}) or general work ({@code M1}) to its reported progress
 */
public record FactSheet(String source, Unit unit, YearMonth period, String submittedBy,
                        Map<String, Object> facts, Map<String, Progress> progress) {

    private static final String PROGRESS_PREFIX = "progress.";

    public FactSheet {
        facts = Map.copyOf(facts);
        progress = Map.copyOf(progress);
    }

    /**
     * The value of a metric on this sheet: a fact, or for {@code progress.Txx} ({@code progress.Mw}) the reported status name.
     */
    public Optional<Object> value(String metric) {
        if (metric.startsWith(PROGRESS_PREFIX)) {
            return Optional.ofNullable(progress.get(metric.substring(PROGRESS_PREFIX.length())))
                    .map(p -> p.status().name());
        }
        return Optional.ofNullable(facts.get(metric));
    }

    /** Every metric this sheet reports, progress included, with its value. */
    public Map<String, Object> values() {
        var all = new java.util.LinkedHashMap<String, Object>(facts);
        progress.forEach((task, p) -> all.put(PROGRESS_PREFIX + task, p.status().name()));
        return all;
    }
}
