package cn.jinhua.ducha.web.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.jinhua.ducha.ranking.Ranking;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trend chart's data for ECharts: months, value, target and 序时进度 lines, written as JSON by the API's mapper
 * into a data attribute that dashboard.js reads (no JSON built by hand, no script inlined in the page).
 */
@Component
class Charts {

    private final JsonMapper json;
    private final MessageSource messages;

    Charts(JsonMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    /** What dashboard.js draws: a title, the months and three lines, each with its name in the user's language. */
    record Data(String title, String measure, List<String> months, List<Line> lines) {
    }

    /** One line of a chart. */
    record Line(String name, String kind, List<BigDecimal> values) {
    }

    /** A chart for a page: its series (for the page's text) and its data as JSON (for the script). */
    record Chart(Board.Series series, String data) {
    }

    Chart chart(Board.Series s, Locale locale) {
        String title = s.commitment().id() + " " + s.commitment().title();
        Data data = new Data(title, s.commitment().measure(), s.months(), List.of(
                new Line(word("chart.value", locale), "value", s.values()),
                new Line(word("chart.target", locale), "target", s.targets()),
                new Line(word("chart.expected", locale), "expected", s.expected())));
        return new Chart(s, json.writeValueAsString(data));
    }

    /**
     * The chart of ranks: one line per local unit over the months ranked, rank 1 at the top. {@code ranks} tells
     * dashboard.js to turn the axis over and count it in whole places from 1 to {@code units}.
     */
    record RankData(String title, List<String> months, List<Line> lines, boolean ranks, int units) {
    }

    /** The ranks of each unit over {@code rankings} (oldest first), as JSON for dashboard.js. */
    String ranks(List<Ranking> rankings, int units, Locale locale) {
        List<String> months = rankings.stream().map(r -> r.period().toString()).toList();
        List<Line> lines = new ArrayList<>();
        if (!rankings.isEmpty()) {
            for (Ranking.Row row : rankings.get(rankings.size() - 1).rows()) {
                List<BigDecimal> ranks = rankings.stream().map(r -> r.row(row.unit().id())
                        .map(Ranking.Row::rank).map(BigDecimal::valueOf).orElse(null)).toList();
                lines.add(new Line(row.unit().name(), "rank", ranks));
            }
        }
        return json.writeValueAsString(new RankData(word("ranking.chart", locale), months, lines, true, units));
    }

    private String word(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
