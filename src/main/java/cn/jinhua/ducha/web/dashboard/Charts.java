package cn.jinhua.ducha.web.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

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

    private String word(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
