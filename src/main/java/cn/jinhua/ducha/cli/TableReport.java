package cn.jinhua.ducha.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.evaluation.Alert;
import cn.jinhua.ducha.evaluation.Evaluation;
import cn.jinhua.ducha.evaluation.Explanations;
import cn.jinhua.ducha.evaluation.Forecast;
import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.evaluation.LightMatrix;
import cn.jinhua.ducha.evaluation.Verdict;
import cn.jinhua.ducha.factsheet.Rejection;

/**
 * The evaluation for people: a matrix of units × tasks with the worst light of each cell (挂图作战), then the
 * alerts, the forecasts (提前预警), then the rejected sheets. Colours only on a terminal; every light also reads as a character.
 */
final class TableReport {

    private static final String RESET = "\u001b[0m";
    private static final Map<Light, String> COLOURS = new EnumMap<>(Map.of(
            Light.GREEN, "\u001b[42;30m", Light.YELLOW, "\u001b[43;30m",
            Light.RED, "\u001b[41;97m", Light.GREY, "\u001b[47;30m"));
    private static final Map<Light, String> MARKS = new EnumMap<>(Map.of(
            Light.GREEN, "绿", Light.YELLOW, "黄", Light.RED, "红", Light.GREY, "灰"));

    private final Catalogue catalogue;
    private final Explanations explanations;
    private final boolean colour;

    TableReport(Catalogue catalogue, Explanations explanations, boolean colour) {
        this.catalogue = catalogue;
        this.explanations = explanations;
        this.colour = colour;
    }

    void print(Evaluation evaluation, PrintStream out) {
        out.printf("督查 Ducha · %s 营商环境“一号改革工程”评判 / evaluation · 规则集 ruleset %s%n%n",
                evaluation.period(), evaluation.ruleset());
        List<String> columns = LightMatrix.columns(catalogue);
        StringBuilder header = new StringBuilder(pad("单位 unit", 20));
        columns.forEach(c -> header.append(' ').append(pad(c, 2)));
        header.append("  绿  黄  红  灰");
        out.println(header);
        LightMatrix matrix = LightMatrix.of(evaluation.verdicts(), v -> v.unit().id(),
                v -> LightMatrix.column(v.commitment()), Verdict::light);
        List<String> shown = new ArrayList<>();
        for (Unit unit : catalogue.units()) {
            if (!unit.isSupervised()) {
                continue;
            }
            shown.add(unit.id());
            StringBuilder row = new StringBuilder(pad(unit.name(), 20));
            for (String column : columns) {
                row.append(' ').append(cell(matrix.worst(unit.id(), column)));
            }
            Map<Light, Integer> counts = matrix.row(unit.id());
            for (Light light : LightMatrix.COUNTED) {
                row.append(String.format(" %3d", counts.getOrDefault(light, 0)));
            }
            out.println(row);
        }
        Map<Light, Integer> city = matrix.total(shown);
        StringBuilder total = new StringBuilder();
        LightMatrix.COUNTED.forEach(l -> total.append(String.format(" %3d", city.getOrDefault(l, 0))));
        out.printf("%s%s%n", pad("全市 city", 20 + columns.size() * 3), total);
        out.println();
        out.println("图例 legend: 绿 达标或进度正常 green · 黄 滞后 yellow · 红 严重滞后或未达标 red · 灰 未报数据 grey · "
                + "· 无评判 none;  G 总体目标 goals, M 五项面上工作 general works, 01-38 任务 tasks, S 保障措施 safeguards");
        out.println();
        out.printf("预警 alerts (%d)%n", evaluation.alerts().size());
        for (Alert a : evaluation.alerts()) {
            out.println("  " + explanations.message(a));
        }
        if (!evaluation.forecasts().isEmpty()) {
            out.println();
            out.printf("提前预警 forecasts (%d)：按近三个月进度预计期末达不到目标，灯色尚为绿或黄 / at the last three months' "
                    + "pace the target is not reached by the window's end, while the light is still green or yellow%n",
                    evaluation.forecasts().size());
            for (Forecast f : evaluation.forecasts()) {
                out.println("  " + explanations.message(f));
                out.println("    " + explanations.message(f, java.util.Locale.ENGLISH));
            }
        }
        if (!evaluation.waivers().isEmpty()) {
            out.println();
            out.printf("豁免 waivers (%d)：其结论照常评判，但不发预警 / judged as usual, no alerts raised%n",
                    evaluation.waivers().size());
            evaluation.waivers().forEach(w -> out.printf("  %s %s · %s%n",
                    catalogue.unit(w.unit()).map(Unit::name).orElse(w.unit()), w.commitment(), w.reason()));
        }
        if (!evaluation.rejected().isEmpty()) {
            out.println();
            rejected(evaluation.rejected(), out);
        }
    }

    static void rejected(List<Rejection> rejected, PrintStream out) {
        out.printf("退回的报表 rejected sheets (%d)%n", rejected.size());
        for (Rejection r : rejected) {
            out.println("  " + r.source());
            r.errors().forEach(e -> out.println("    - " + e));
        }
    }

    private String cell(Light light) {
        if (light == null) {
            return "· ";
        }
        return colour ? COLOURS.get(light) + MARKS.get(light) + RESET : MARKS.get(light);
    }

    /** Pads to a display width, counting CJK characters as two columns. */
    static String pad(String text, int width) {
        int w = text.codePoints().map(TableReport::width).sum();
        return text + " ".repeat(Math.max(0, width - w));
    }

    private static int width(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN
                || (codePoint >= 0x3000 && codePoint <= 0x303F) || (codePoint >= 0xFF00 && codePoint <= 0xFFEF) ? 2 : 1;
    }
}
