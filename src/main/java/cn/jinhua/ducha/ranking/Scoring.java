package cn.jinhua.ducha.ranking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.evaluation.Status;

/**
 * The published formula of the 赛马 score (settings.yaml, {@code ranking:}): each judged verdict earns its status's
 * points, and the score is 100 × points / judged, rounded half-up to {@code decimals} places. Exact decimal
 * arithmetic throughout: the only rounding is the published score's.
 *
 * @param points   points per status, every status but NOT_APPLICABLE
 * @param decimals places of the published score
 */
public record Scoring(Map<Status, BigDecimal> points, int decimals) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Scoring {
        points = Map.copyOf(points);
        for (Status s : Status.values()) {
            if (s != Status.NOT_APPLICABLE && !points.containsKey(s)) {
                throw new IllegalArgumentException("赛马计分缺少 %s 的分值 / the ranking gives %s no points"
                        .formatted(s, s));
            }
        }
    }

    /**
     * The formula of the catalogue's settings.
     *
     * @throws IllegalStateException when the catalogue has no {@code ranking:} section (one stored before issue 15)
     */
    public static Scoring of(Catalogue catalogue) {
        Catalogue.RankingSettings r = catalogue.settings().ranking();
        if (r == null) {
            throw new IllegalStateException("规则集的 settings.yaml 没有 ranking 一节，无法排名 / the ruleset's "
                    + "settings.yaml has no ranking section: nothing can be ranked with it");
        }
        return new Scoring(Map.of(Status.MET, r.met(), Status.ON_TRACK, r.onTrack(), Status.AT_RISK, r.atRisk(),
                Status.OFF_TRACK, r.offTrack(), Status.MISSED, r.missed(), Status.NO_DATA, r.noData()), r.decimals());
    }

    /** The points a judged verdict of {@code status} earns; must not be NOT_APPLICABLE. */
    public BigDecimal points(Status status) {
        BigDecimal p = points.get(status);
        if (p == null) {
            throw new IllegalArgumentException(status + " is never scored");
        }
        return p;
    }

    /** The published score of {@code points} earned over {@code judged} verdicts; null when nothing was judged. */
    public BigDecimal score(BigDecimal points, int judged) {
        if (judged == 0) {
            return null;
        }
        return points.multiply(HUNDRED).divide(BigDecimal.valueOf(judged), decimals, RoundingMode.HALF_UP);
    }
}
