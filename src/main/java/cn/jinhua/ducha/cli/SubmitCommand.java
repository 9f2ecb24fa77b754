package cn.jinhua.ducha.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.factsheet.FactSheet;
import cn.jinhua.ducha.factsheet.Rejection;
import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetFormat;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.files.Folders;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.Submissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ducha submit FILE_OR_FOLDER...}: validates each sheet as {@code validate} does and stores the accepted
 * ones, exact bytes and all, each as the next revision of its unit and period in its own transaction. Refusals
 * are recorded too; exit 2 when any sheet was refused.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "报送报表入库 / validates and stores sheets, each a new revision of its unit and period.")
final class SubmitCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Parameters(paramLabel = "FILE_OR_FOLDER", arity = "1..*",
            description = "报表文件或目录(递归读取 .json、.csv、.xlsx) / sheets, or folders of them read recursively")
    List<Path> paths;

    @Override
    public Integer call() {
        Map<String, byte[]> received = read(paths);
        Rulebook rulebook = ducha.rulebook();
        SheetReader reader = new SheetReader(rulebook.catalogue());
        List<SheetReader.Result> results = new ArrayList<>();
        received.forEach((source, bytes) -> results.add(bytes.length > SheetReader.MAX_BYTES
                ? reader.read(Path.of(source)) // refused by its size, which the file tells
                : reader.read(source, SheetFormat.of(source), bytes)));
        SheetBatch batch = reader.batch(results);
        try (Store store = ducha.openStore()) {
            Submissions submissions = store.submissions();
            for (FactSheet sheet : batch.accepted()) {
                Submissions.Revision r = submissions.add(sheet, received.get(sheet.source()), ducha.actor());
                ducha.out.printf("已存储 stored  %-9s %s 第 %d 版 revision %d · 报表 submission %d · %s%n",
                        r.unit(), r.period(), r.revision(), r.revision(), r.id(), r.source());
            }
            for (Rejection rejection : batch.rejected()) {
                Submissions.Refusal refusal = submissions.refuse(rejection, received.get(rejection.source()),
                        ducha.actor());
                ducha.out.printf("已退回 refused %s · 退回记录 refusal %d%n", refusal.source(), refusal.id());
                rejection.errors().forEach(e -> ducha.out.println("    - " + e));
            }
        }
        ducha.out.printf("已存储 %d 份，退回 %d 份 / %d stored, %d refused%n", batch.accepted().size(),
                batch.rejected().size(), batch.accepted().size(), batch.rejected().size());
        return batch.rejected().isEmpty() ? 0 : Ducha.REJECTED;
    }

    /**
     * Every sheet named, folders walked for .json, .csv and .xlsx files, in the order given and then path order. A
     * file named by itself is read in the format its name says, as JSON unless it ends in .csv or .xlsx.
     */
    private static Map<String, byte[]> read(List<Path> paths) {
        Map<String, byte[]> received = new LinkedHashMap<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("文件或目录不存在 / no such file or folder: " + path);
            }
            // links followed, each file once (Folders)
            List<Path> files = Folders.files(path).stream()
                    .filter(p -> !Files.isDirectory(path) || SheetFormat.isSheet(p)).toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("目录中没有报表文件(.json、.csv、.xlsx) / no sheets (.json, .csv, "
                        + ".xlsx) in the folder: " + path);
            }
            for (Path file : files) {
                // an oversized file is not read whole: its refusal keeps the first bytes, as evidence
                try (var in = Files.newInputStream(file)) {
                    received.put(file.toString(), in.readNBytes(SheetReader.MAX_BYTES + 1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return received;
    }
}
