package cn.jinhua.ducha.ranking;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jinhua.ducha.catalogue.Area;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Task;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.Status;
import cn.jinhua.ducha.store.Store;

/**
 * 赛马: ranks the catalogue's local units by the published score of {@link Scoring}, overall or within one of the
 * five environments (the areas of the plan's 38 tasks), and moves them against the previous period's ranking.
 * The one place the ranking is computed: the command line, the API, the dashboard and the brief all call it.
 */
public final class Rankings {

    private final Scoring scoring;
    private final List<Unit> units;
    private final List<Area> environments;
    private final Map<String, Area> areaOf = new HashMap<>();

    /**
     * @throws IllegalStateException when the catalogue has no {@code ranking:} settings
     */
    public Rankings(Catalogue catalogue) {
        this.scoring = Scoring.of(catalogue);
        this.units = catalogue.units().stream().filter(Unit::isLocal).toList();
        this.environments = catalogue.tasks().stream().map(Task::area).distinct().toList();
        catalogue.commitments().forEach(c -> areaOf.put(c.id(), c.area()));
    }

    public Scoring scoring() {
        return scoring;
    }

    /** The ten local units, in the registry's order. */
    public List<Unit> units() {
        return units;
    }

    /** The five environments (政务、法治、市场、经济生态、人文环境), in the catalogue's order. */
    public List<Area> environments() {
        return environments;
    }

    /**
     * The environment named by its id in any case ({@code GOVERNMENT}, {@code government}) or its Chinese name
     * ({@code 政务环境}); empty for any other area or none.
     */
    public Optional<Area> environment(String name) {
        return environments.stream().filter(a -> a.id().equalsIgnoreCase(name) || a.name().equals(name)).findFirst();
    }

    /** The message for an area that is not one of the five environments, naming them, Chinese then English. */
    public String notAnEnvironment(String name) {
        String ids = String.join("、", environments.stream().map(a -> a.id() + " " + a.name()).toList());
        return "\"%s\" 不是五大环境之一(%s) / is not one of the five environments (%s)".formatted(name, ids, ids);
    }

    /**
     * Ranks {@code period}'s verdicts in {@code area} (null: overall), and moves the units against
     * {@code previous}, the verdicts of the month before (null: no ranking then, every unit is NEW).
     *
     * @param run the stored run the verdicts came from, null when judged from a folder
     */
    public Ranking rank(YearMonth period, Area area, Long run, List<Mark> marks, List<Mark> previous) {
        Map<String, Integer> before = new HashMap<>();
        if (previous != null) {
            standings(area, previous).forEach(s -> before.put(s.unit.id(), s.rank));
        }
        List<Ranking.Row> rows = new ArrayList<>();
        for (Standing s : standings(area, marks)) {
            Integer was = before.get(s.unit.id());
            rows.add(new Ranking.Row(s.unit, s.rank, s.score, was, Movement.between(was, s.rank), s.counts, s.points,
                    s.judged, s.waived, s.marks));
        }
        return new Ranking(period, area, run, period.minusMonths(1), previous != null, scoring, rows);
    }

    /**
     * The ranking of the latest stored run of {@code period} in {@code area} (null: overall), moved against the
     * latest run of the month before; empty when {@code period} has no run.
     */
    public Optional<Ranking> fromStore(Store store, YearMonth period, Area area) {
        return store.runs().latest(period).map(run -> rank(period, area, run.id(), marks(store, run.id()),
                store.runs().latest(period.minusMonths(1)).map(r -> marks(store, r.id())).orElse(null)));
    }

    /** A stored run's verdicts (read without their traces) as the ranking reads them. */
    public static List<Mark> marks(Store store, long run) {
        return Mark.of(run, store.runs().verdictsOf(run, null), store.runs().waivers(run));
    }

    private static final class Standing {
        final Unit unit;
        final Map<Status, Integer> counts = new EnumMap<>(Status.class);
        final List<Mark> marks = new ArrayList<>();
        BigDecimal points = BigDecimal.ZERO;
        int judged;
        int waived;
        BigDecimal score;
        Integer rank;

        Standing(Unit unit) {
            this.unit = unit;
            for (Status s : Status.values()) {
                counts.put(s, 0);
            }
        }
    }

    private List<Standing> standings(Area area, List<Mark> marks) {
        Map<String, Standing> byUnit = new HashMap<>();
        List<Standing> standings = new ArrayList<>();
        for (Unit u : units) {
            Standing s = new Standing(u);
            byUnit.put(u.id(), s);
            standings.add(s);
        }
        for (Mark m : marks) {
            Standing s = byUnit.get(m.unit());
            // a commitment the catalogue no longer knows counts overall only: its area is unknown
            if (s == null || (area != null && !area.equals(areaOf.get(m.commitment())))) {
                continue;
            }
            s.counts.merge(m.status(), 1, Integer::sum);
            if (m.waived() && m.status() != Status.NOT_APPLICABLE) {
                s.waived++;
            }
            if (m.counts()) {
                s.points = s.points.add(scoring.points(m.status()));
                s.judged++;
                s.marks.add(m);
            }
        }
        standings.forEach(s -> s.score = scoring.score(s.points, s.judged));
        // best score first; equal scores keep the registry's order and share a rank (1, 2, 2, 4)
        standings.sort(Comparator.comparing((Standing s) -> s.score, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(s -> s.unit.order()));
        for (int i = 0; i < standings.size(); i++) {
            Standing s = standings.get(i);
            if (s.score == null) {
                break;
            }
            boolean tied = i > 0 && s.score.compareTo(standings.get(i - 1).score) == 0;
            s.rank = tied ? standings.get(i - 1).rank : i + 1;
        }
        return standings;
    }
}
