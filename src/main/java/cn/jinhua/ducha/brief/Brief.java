package cn.jinhua.ducha.brief;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.store.Runs;

/**
 * What the 例会 brief says about a period, read from the store: the period's latest run, its lights by unit and by
 * environment, what happened to the followed-up alerts after {@code since}, the rectifications past their deadline,
 * the units that did not report, and the worst items. The Word and Excel writers only lay it out.
 *
 * @param since    the period after which alerts count as raised, escalated or closed (the month before, by default)
 * @param asOf     the store's time when the brief was read: rectification deadlines are days, not periods
 * @param ranking  the 赛马 ranking of the period; never null
 * @param verdicts every verdict of the run that has a light, in the run's order
 * @param language the edition: English (Locale.ENGLISH) or the Chinese 督查通报 (any other); its names, labels,
 *                 explanations and alert messages are already in that language
 */
public record Brief(YearMonth period, YearMonth since, Runs.Run run, Instant asOf, Summary summary,
                    List<LightRow> areas, List<LightRow> units, Ranking ranking, List<AlertLine> raised,
                    List<AlertLine> escalated, List<AlertLine> closed, List<AlertLine> overdue,
                    List<Silence> silent, List<Item> worst, List<Item> verdicts, Locale language) {

    /** 督查通报's own title. */
    public static final String TITLE = "金华市营商环境“一号改革工程”督查通报";

    /**
     * The seed's words that ask for the meeting the brief is for (三、保障措施 (二)), verbatim: a test finds them in
     * seeds/.
     */
    public static final String MEETINGS = "建立例会制度,原则上每两周召开专班例会,分析交流工作进展情况";

    /** Who issues it: the 专班's 综合组, which the seed places in 市委改革办 to 督促推进. */
    public static final String ISSUER = "金华市营商环境优化提升“一号改革工程”专班综合组（市委改革办）";

    /** The issue's number: the period's month within its year (2023 年第 9 期, No. 9 of 2023). */
    public String issue() {
        return words().format("issue", period.getYear(), period.getMonthValue());
    }

    /** Whether this is the English edition. */
    public boolean isEnglish() {
        return words().isEnglish();
    }

    /** The title in the brief's language. */
    public String title() {
        return words().get("title");
    }

    BriefWords words() {
        return BriefWords.of(language);
    }

    /** The day the values are as of: the period's last day (the sheets report the month's end). */
    public LocalDate asOfDay() {
        return period.atEndOfMonth();
    }

    /**
     * The figures at the head of the brief.
     *
     * @param units       the supervised units judged (the ten local units and the city)
     * @param commitments the commitments judged for at least one unit
     * @param lights      the run's verdicts by light (NOT_APPLICABLE has none and is not counted)
     * @param alerts      the alerts the run raised
     */
    public record Summary(int units, int commitments, Map<Light, Integer> lights, int alerts) {

        public Summary {
            lights = counts(lights);
        }

        /** Verdicts with a light. */
        public int judged() {
            return lights.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A row of lights: a unit's, or an environment's over every unit. */
    public record LightRow(String id, String name, Map<Light, Integer> lights) {

        public LightRow {
            lights = counts(lights);
        }

        public int count(Light light) {
            return lights.getOrDefault(light, 0);
        }

        public int total() {
            return lights.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * One verdict, for people: the unit, the commitment and its environment, the light and status, the values, the
     * plain-Chinese explanation the run stored, and the lead unit (牵头单位) answerable for the commitment.
     */
    public record Item(String unit, String unitName, String commitment, String title, String area, Integer task,
                       String status, String statusLabel, Light light, String value, String target,
                       String expected, String explanation, String lead) {
    }

    /**
     * A followed-up alert as the brief reports it: the event it is listed for (opened, escalated, closed ...), when
     * and by whom, and the alert's state at the brief's period.
     *
     * @param period   the period the alert was last raised for, up to the brief's period
     * @param deadline the rectification deadline in force (a day in Jinhua), null where none applies
     * @param note     the note of the event (a closing reason), null where there is none
     */
    public record AlertLine(long id, String unit, String unitName, String commitment, String title, String level,
                            String levelLabel, String state, String stateLabel, String period, String event,
                            String eventLabel, Instant at, String actor, String note, LocalDate deadline,
                            List<String> responsible, String message) {

        public AlertLine {
            responsible = List.copyOf(responsible);
        }
    }

    /**
     * A unit that did not report what it owed: no sheet at all, or values left out.
     *
     * @param missing the commitments it owed and did not report (id and title), in the run's order
     */
    public record Silence(String unit, String unitName, boolean noSheet, List<String> missing) {

        public Silence {
            missing = List.copyOf(missing);
        }
    }

    /**
     * The 赛马 ranking for the brief: the overall ranking of the local units, with each unit's rank in each of the
     * five environments.
     *
     * @param available    whether the ranking could be made; when not, {@code note} says why and the rows are empty
     * @param note         how the score is made (the published formula), or why there is no ranking
     * @param environments the names of the environments, in the order of each row's {@code environmentRanks}
     */
    public record Ranking(boolean available, String note, List<String> environments, List<RankRow> rows) {

        public Ranking {
            environments = List.copyOf(environments);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A unit's place in the ranking.
     *
     * @param rank             null when nothing of the unit was judged
     * @param score            the published score, "—" when there is none
     * @param movement         the change of rank since the month before ("↑2", "↓1", "—", "新"); never null
     * @param environmentRanks the unit's rank in each environment, "—" where it has none
     * @param basis            the verdicts that made the score, counted by status
     */
    public record RankRow(Integer rank, String unit, String unitName, String score, String movement,
                          List<String> environmentRanks, String basis) {

        public RankRow {
            environmentRanks = List.copyOf(environmentRanks);
        }
    }

    private static Map<Light, Integer> counts(Map<Light, Integer> lights) {
        Map<Light, Integer> copy = new EnumMap<>(Light.class);
        for (Light l : Light.values()) {
            copy.put(l, lights.getOrDefault(l, 0));
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
