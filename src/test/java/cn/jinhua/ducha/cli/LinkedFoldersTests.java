package cn.jinhua.ducha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.jinhua.ducha.store.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders reached through a symbolic link are read as the folders they stand for: sheets submitted or judged, rules
 * compiled. Before, a linked folder of sheets stored nothing and said "0 stored", and a linked rules folder failed
 * to compile with a null buffer; a folder with no sheets at all is now refused by name.
 */
class LinkedFoldersTests {

    private static final Path SAMPLES = Path.of("samples").toAbsolutePath();
    private static final Path RULES = Path.of("rules").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aLinkedFolderOfSheetsIsSubmittedWhole() throws IOException {
        Path linked = Files.createSymbolicLink(dir.resolve("september"), SAMPLES.resolve("2023-09"));
        long sheets;
        try (var files = Files.list(SAMPLES.resolve("2023-09"))) {
            sheets = files.count();
        }
        Run submit = Run.of("--db", TestDatabases.h2(dir), "submit", linked);

        assertThat(submit.status()).as(submit.err()).isZero();
        assertThat(submit.lines()).last().isEqualTo("已存储 %d 份，退回 0 份 / %d stored, 0 refused".formatted(sheets, sheets));
    }

    @Test
    void aSheetReachedByTwoPathsIsReadOnceNotRefusedAsItsOwnDuplicate() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sheets"));
        Path september = Files.createSymbolicLink(folder.resolve("2023-09"), SAMPLES.resolve("2023-09"));
        Files.createSymbolicLink(folder.resolve("latest"), september);
        long sheets;
        try (var files = Files.list(SAMPLES.resolve("2023-09"))) {
            sheets = files.count();
        }

        Run submit = Run.of("--db", TestDatabases.h2(dir), "submit", folder);
        Run evaluate = Run.of("evaluate", folder, "--period", "2023-09", "--format", "json");

        assertThat(submit.status()).as(submit.out() + submit.err()).isZero();
        assertThat(submit.lines()).last().isEqualTo("已存储 %d 份，退回 0 份 / %d stored, 0 refused".formatted(sheets, sheets));
        assertThat(submit.out()).as("each under its first path").doesNotContain("latest");
        assertThat(evaluate.status()).as(evaluate.err()).isZero();
        assertThat(evaluate.json().get("rejected")).isEmpty();
    }

    @Test
    void aFolderWithoutSheetsIsRefusedByName() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "not a sheet");

        Run submit = Run.of("--db", TestDatabases.h2(dir), "submit", empty);

        assertThat(submit.status()).isNotZero();
        assertThat(submit.err()).contains("目录中没有报表文件", "no sheets (.json, .csv, .xlsx) in the folder: " + empty);
        assertThat(submit.out()).doesNotContain("stored");
    }

    @Test
    void aLinkThatLoopsBackIsRefusedByNameNotFollowedForever() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sheets/2023-09"));
        Files.copy(SAMPLES.resolve("2023-09/pujiang.json"), folder.resolve("pujiang.json"));
        Path loop = Files.createSymbolicLink(folder.resolve("again"), dir.resolve("sheets"));

        Run submit = Run.of("--db", TestDatabases.h2(dir), "submit", dir.resolve("sheets"));
        Run evaluate = Run.of("evaluate", dir.resolve("sheets"), "--period", "2023-09");

        for (Run run : new Run[] {submit, evaluate}) {
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("符号链接指回其上级目录，构成循环 / a symbolic link loops back to a "
                    + "folder above it: " + loop);
        }
        assertThat(submit.out()).doesNotContain("stored");
    }

    @Test
    void linkedRulesAndSheetsJudgeAsTheFoldersThemselves() throws IOException {
        Path rules = Files.createSymbolicLink(dir.resolve("rules"), RULES);
        Path samples = Files.createSymbolicLink(dir.resolve("samples"), SAMPLES);

        Run linked = Run.of("evaluate", samples, "--period", "2023-09", "--rules", rules, "--format", "json");
        Run real = Run.of("evaluate", SAMPLES, "--period", "2023-09", "--rules", RULES, "--format", "json");

        assertThat(linked.status()).as(linked.err()).isEqualTo(real.status());
        assertThat(linked.json().get("verdicts")).isEqualTo(real.json().get("verdicts"));
        assertThat(linked.json().get("verdicts").size()).isGreaterThan(600);
    }
}
