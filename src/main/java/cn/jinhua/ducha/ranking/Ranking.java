package cn.jinhua.ducha.ranking;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Area;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.Status;

/**
 * The local units of one period ranked overall or in one environment, best first, each row with what made its
 * score.
 *
 * @param area     the environment ranked in; null for the overall ranking
 * @param run      the stored run the verdicts came from; null when judged from a folder
 * @param previous the period moved against (the month before), whether or not it was ranked
 * @param ranked   whether the previous period had a ranking to move against; if not, every ranked unit is NEW
 * @param rows     every local unit, by rank (then the registry's order), those with nothing judged last
 */
public record Ranking(YearMonth period, Area area, Long run, YearMonth previous, boolean ranked, Scoring scoring,
                      List<Row> rows) {

    public Ranking {
        rows = List.copyOf(rows);
    }

    /**
     * One unit's standing.
     *
     * @param rank         1 for the best score; units with equal scores share a rank and the next rank skips
     *                     (1, 2, 2, 4); null when nothing of the unit was judged
     * @param score        the published score, 0..100; null when nothing was judged
     * @param previousRank the unit's rank in the previous period's ranking; null when it had none
     * @param counts       the unit's verdicts by status, every status (NOT_APPLICABLE and waived ones included,
     *                     though they do not count)
     * @param points       the points earned, exact: the score is 100 × points / judged
     * @param judged       the verdicts that count: judged, not waived
     * @param waived       the verdicts left out because a waiver covers them
     * @param marks        the verdicts that made the score, in the evaluation's order (waived and NOT_APPLICABLE
     *                     ones left out)
     */
    public record Row(Unit unit, Integer rank, BigDecimal score, Integer previousRank, Movement movement,
                      Map<Status, Integer> counts, BigDecimal points, int judged, int waived, List<Mark> marks) {

        public Row {
            counts = Map.copyOf(counts);
            marks = List.copyOf(marks);
        }
    }

    /** The row of {@code unit} (an id). */
    public Optional<Row> row(String unit) {
        return rows.stream().filter(r -> r.unit().id().equals(unit)).findFirst();
    }
}
