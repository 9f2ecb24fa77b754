package cn.jinhua.ducha.ranking;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.evaluation.Status;

/**
 * A ranking as the command line's {@code --format json} and {@code GET /api/rankings} write it: plain ids, names
 * and numbers, every row with the verdicts that made its score, so that anyone can recompute it.
 *
 * @param area     the environment's id, null overall
 * @param areaName its Chinese name, {@code 总体} overall
 * @param run      the stored run ranked, null when judged from a folder
 * @param previous the month moved against; {@code ranked} says whether it had a ranking
 */
public record RankingReport(String period, String area, String areaName, Long run, String previous, boolean ranked,
                            Formula formula, List<Entry> rows) {

    /**
     * The formula in force: points per status, the published score's decimal places, and the formula in words.
     */
    public record Formula(Map<String, BigDecimal> points, int decimals, String text) {
    }

    /**
     * One unit's row.
     *
     * @param movement {@code UP}, {@code DOWN}, {@code SAME}, {@code NEW} or {@code UNRANKED}
     * @param places   places gained since the previous ranking (negative: lost); null when NEW or UNRANKED
     * @param label    the movement as written: {@code ↑2}, {@code ↓1}, {@code —}, {@code 新}
     * @param counts   the unit's verdicts by status (in the area), every status
     * @param verdicts the verdicts that made the score, each with the points it earned
     */
    public record Entry(String unit, String name, Integer rank, BigDecimal score, Integer previousRank,
                        String movement, Integer places, String label, BigDecimal points, int judged, int waived,
                        Map<String, Integer> counts, List<Made> verdicts) {
    }

    /** A verdict that counted: its stored id ({@code RUN-SEQ}; null from a folder), commitment, status, points. */
    public record Made(String id, String commitment, String status, BigDecimal points) {
    }

    /** The formula in words, Chinese then English. */
    public static final String FORMULA = "得分 = 100 × 各项结论分值之和 ÷ 评判项数(不适用与豁免项不计，未报数据计 0 分且计入项数)，"
            + "同分同名次 / score = 100 × the sum of the points of the verdicts ÷ how many were judged "
            + "(NOT_APPLICABLE and waived ones left out; NO_DATA scores 0 and counts), equal scores share a rank";

    /** The report of {@code ranking}. */
    public static RankingReport of(Ranking ranking) {
        Scoring scoring = ranking.scoring();
        Map<String, BigDecimal> points = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            if (s != Status.NOT_APPLICABLE) {
                points.put(s.name(), scoring.points(s));
            }
        }
        List<Entry> rows = ranking.rows().stream().map(r -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Status s : Status.values()) {
                counts.put(s.name(), r.counts().getOrDefault(s, 0));
            }
            List<Made> made = r.marks().stream()
                    .map(m -> new Made(m.verdict(), m.commitment(), m.status().name(), scoring.points(m.status())))
                    .toList();
            return new Entry(r.unit().id(), r.unit().name(), r.rank(), r.score(), r.previousRank(),
                    r.movement().direction().name(), r.movement().places(), r.movement().label(), r.points(),
                    r.judged(), r.waived(), counts, made);
        }).toList();
        return new RankingReport(ranking.period().toString(), ranking.area() == null ? null : ranking.area().id(),
                ranking.area() == null ? "总体" : ranking.area().name(), ranking.run(), ranking.previous().toString(),
                ranking.ranked(), new Formula(points, scoring.decimals(), FORMULA), rows);
    }
}
