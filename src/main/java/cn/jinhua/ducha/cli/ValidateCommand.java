package cn.jinhua.ducha.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import cn.jinhua.ducha.factsheet.SheetBatch;
import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ducha validate FOLDER}: checks sheets only and lists every error; exit 2 when any is rejected. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "只校验报表，列出全部错误 / checks the sheets under FOLDER and lists every error.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    Ducha ducha;

    @Parameters(paramLabel = "FOLDER",
            description = "报表目录(递归读取 .json、.csv、.xlsx) / folder of fact sheets (.json, .csv, .xlsx), read recursively")
    Path folder;

    @Override
    public Integer call() {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("报表目录不存在 / no such folder: " + folder);
        }
        Rulebook rulebook = ducha.rulebook();
        SheetBatch batch = new SheetReader(rulebook.catalogue()).readFolder(folder);
        ducha.out.printf("已接受 %d 份报表，退回 %d 份 / %d sheets accepted, %d rejected%n",
                batch.accepted().size(), batch.rejected().size(), batch.accepted().size(), batch.rejected().size());
        if (batch.rejected().isEmpty()) {
            return 0;
        }
        TableReport.rejected(batch.rejected(), ducha.out);
        return Ducha.REJECTED;
    }
}
