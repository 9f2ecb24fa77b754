package cn.jinhua.ducha.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.brief.Brief;
import cn.jinhua.ducha.brief.BriefFormat;
import cn.jinhua.ducha.brief.Briefs;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.evaluation.Light;
import cn.jinhua.ducha.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha brief --period P [--since P0] [--lang zh|en] --out FILE.docx|FILE.xlsx}: the 例会 brief of a period,
 * from the store's latest run of it and the followed-up alerts, as a Word document or a workbook, in Chinese (the
 * 督查通报) or in English.
 */
@Command(name = "brief", mixinStandardHelpOptions = true,
        description = "例会督查通报 / writes the meeting brief (督查通报) of a period from the store, as .docx or .xlsx.")
final class BriefCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "通报月份 / the period")
    String period;

    @Option(names = "--since", paramLabel = "YYYY-MM",
            description = "预警变化自该月之后统计 / count the alerts' changes after this period (default: the month "
                    + "before --period)")
    String since;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "输出文件 .docx 或 .xlsx / the file to write, .docx (Word) or .xlsx (Excel)")
    Path out;

    @Option(names = "--lang", defaultValue = "zh", paramLabel = "zh|en",
            description = "通报语言：zh 中文督查通报（默认）或 en 英文版 / the edition: zh, the Chinese 督查通报 (default), or "
                    + "en, the English one")
    String lang;

    @Override
    public Integer call() {
        YearMonth month = EvaluateCommand.period(period);
        YearMonth after = since == null ? null : EvaluateCommand.period(since);
        BriefFormat format = BriefFormat.of(out.getFileName().toString()).orElseThrow(() ->
                new IllegalArgumentException("--out: %s 须以 .docx 或 .xlsx 结尾 / must end in .docx or .xlsx"
                        .formatted(out)));
        Locale language = switch (lang) {
            case "zh" -> Locale.SIMPLIFIED_CHINESE;
            case "en" -> Locale.ENGLISH;
            default -> throw new IllegalArgumentException("--lang: %s 须为 zh 或 en / must be zh or en".formatted(lang));
        };
        Catalogue catalogue = Catalogue.load(ducha.rules());
        try (Store store = ducha.openStore()) {
            Brief brief = new Briefs(store, ducha.supervision(store), catalogue).of(month, after, language)
                    .orElseThrow(() -> new IllegalArgumentException(("%s 尚无评判运行：请先提交报表并运行 evaluate --period %s "
                            + "/ %s has no run in the store: submit the sheets and run evaluate --period %s first")
                            .formatted(month, month, month, month)));
            format.writeTo(brief, out);
            var lights = brief.summary().lights();
            ducha.out.printf("已写出 %s %s：运行 %d，绿 %d 黄 %d 红 %d 灰 %d，%s 之后新发预警 %d、督办升级 %d、关闭与解除 %d，整改逾期 %d%n"
                            + "wrote %s for %s: run %d, %d raised, %d escalated, %d closed after %s, %d past their "
                            + "deadline%n",
                    out, brief.isEnglish() ? brief.period() + " 英文版" : brief.issue(), brief.run().id(),
                    lights.get(Light.GREEN), lights.get(Light.YELLOW),
                    lights.get(Light.RED), lights.get(Light.GREY), brief.since(), brief.raised().size(),
                    brief.escalated().size(), brief.closed().size(), brief.overdue().size(),
                    out, brief.period(), brief.run().id(), brief.raised().size(), brief.escalated().size(),
                    brief.closed().size(), brief.since(), brief.overdue().size());
            if (!brief.ranking().available()) {
                ducha.err.println(brief.ranking().note());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("无法写出 %s / cannot write %s".formatted(out, out), e);
        }
        return 0;
    }
}
