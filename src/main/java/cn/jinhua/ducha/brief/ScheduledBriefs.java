package cn.jinhua.ducha.brief;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import cn.jinhua.ducha.alerting.Schedule;
import cn.jinhua.ducha.alerting.Supervision;
import cn.jinhua.ducha.catalogue.Catalogue;
import cn.jinhua.ducha.store.Store;

/**
 * The schedule's 例会 brief: on the days of the month given (the 1st and the 15th: "原则上每两周召开专班例会"), the
 * brief of the newest judged period is written into a folder as {@code brief-PERIOD-DAY.docx} and {@code .xlsx}.
 * A brief already in the folder for that day is not written again, and the schedule's ShedLock lock keeps two
 * instances from writing at once, so instances that share the folder write each day's brief once.
 */
public final class ScheduledBriefs implements Schedule.Job {

    /** The days of the month a brief is written by default. */
    public static final Set<Integer> DAYS = Set.of(1, 15);

    private final Store store;
    private final Supervision supervision;
    private final Supplier<Catalogue> catalogue;
    private final Path folder;
    private final Set<Integer> days;

    /**
     * @param catalogue the catalogue in force, asked for on each brief (a server may reload its rules)
     * @param folder    where the files go; created when missing
     * @param days      the days of the month (1..31) to write on
     */
    public ScheduledBriefs(Store store, Supervision supervision, Supplier<Catalogue> catalogue, Path folder,
                           Set<Integer> days) {
        this.store = store;
        this.supervision = supervision;
        this.catalogue = catalogue;
        this.folder = folder;
        this.days = Set.copyOf(days);
    }

    @Override
    public String name() {
        return "ducha-brief";
    }

    @Override
    public void run(LocalDate today, List<String> done) {
        if (!days.contains(today.getDayOfMonth()) || writtenOn(today)) {
            return;
        }
        Briefs briefs = new Briefs(store, supervision, catalogue.get());
        Optional<YearMonth> period = briefs.latestPeriod();
        if (period.isEmpty()) {
            done.add("例会通报 %s：尚无评判，未生成 / brief of %s: nothing judged yet".formatted(today, today));
            return;
        }
        Brief brief = briefs.of(period.get(), null).orElseThrow();
        try {
            for (BriefFormat format : BriefFormat.values()) {
                Path file = folder.resolve("brief-%s-%s.%s".formatted(brief.period(), today, format.extension()));
                format.writeTo(brief, file);
                done.add("例会通报 %s / wrote the brief %s".formatted(file, file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("无法写出例会通报 / cannot write the brief to " + folder, e);
        }
    }

    /** Whether the day's brief is in the folder already (both files: the workbook is written last). */
    private boolean writtenOn(LocalDate day) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith("-" + day + ".xlsx")
                    && f.getFileName().toString().startsWith("brief-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
