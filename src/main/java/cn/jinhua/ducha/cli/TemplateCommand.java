package cn.jinhua.ducha.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.catalogue.Commitment;
import cn.jinhua.ducha.catalogue.Unit;
import cn.jinhua.ducha.factsheet.ExcelTemplate;
import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.SheetReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha template --unit U --period YYYY-MM [--out FILE] [--from FOLDER]}: writes the Excel template of the
 * values a unit owes for a period, with last month's values from FOLDER's sheets when given.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "生成某单位某月的 Excel 报表模板 / writes the Excel template of the values a unit owes for a period.")
final class TemplateCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Option(names = "--unit", required = true, paramLabel = "UNIT",
            description = "单位 id、代码或名称 / the unit: id, code or Chinese name")
    String unit;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "报表月份 / the period")
    String period;

    @Option(names = "--out", paramLabel = "FILE",
            description = "输出文件 / where to write it (default: UNIT-YYYY-MM.xlsx here)")
    Path out;

    @Option(names = "--from", paramLabel = "FOLDER",
            description = "上期报表所在目录(递归读取) / folder of sheets holding last month's, for reference")
    Path from;

    @Override
    public Integer call() {
        YearMonth month = EvaluateCommand.period(period);
        if (from != null && !Files.isDirectory(from)) {
            throw new IllegalArgumentException("报表目录不存在 / no such folder: " + from);
        }
        Catalogue catalogue = Catalogue.load(ducha.rules());
        Unit u = catalogue.unit(unit).orElseThrow(() -> new IllegalArgumentException(
                "--unit: 未知单位 \"%s\" / unknown unit \"%s\"".formatted(unit, unit)));
        FactSheet last = from == null ? null : lastPeriod(catalogue, u, month);
        Path file = out != null ? out : Path.of("%s-%s.xlsx".formatted(u.id(), month));
        try {
            Files.write(file, ExcelTemplate.write(catalogue, u, month, last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Commitment> asked = ExcelTemplate.asked(catalogue, u, month);
        long progress = asked.stream().filter(Commitment::isProgress).count();
        ducha.out.printf("已生成 %s %s 报表模板：%d 项数值、%d 项任务进展 → %s / wrote the template for %s %s: %d values, "
                        + "%d progress entries → %s%n", u.name(), month, asked.size() - progress, progress, file, u.id(),
                month, asked.size() - progress, progress, file);
        return 0;
    }

    /** The unit's accepted sheet for the month before under --from, or null (saying so) when there is none. */
    private FactSheet lastPeriod(Catalogue catalogue, Unit u, YearMonth month) {
        YearMonth before = month.minusMonths(1);
        List<FactSheet> found = new SheetReader(catalogue).readFolder(from).of(before).stream()
                .filter(s -> s.unit().id().equals(u.id())).toList();
        if (found.isEmpty()) {
            ducha.err.printf("%s 下没有 %s %s 的有效报表，上期值一栏留空 / no accepted sheet of %s for %s under %s: the "
                    + "last period column stays empty%n", from, u.name(), before, u.id(), before, from);
            return null;
        }
        return found.get(0);
    }
}
