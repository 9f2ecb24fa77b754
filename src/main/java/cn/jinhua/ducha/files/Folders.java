package cn.jinhua.ducha.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files under a folder, as a user who links folders expects them: symbolic links are followed (a linked folder
 * of sheets is the folder it stands for), each file is listed once however many links reach it (a folder
 * {@code latest} linked to {@code 2023-09} beside it does not make every sheet a duplicate), under the first of its
 * paths in path order. A link that loops back to a folder above it fails the walk
 * ({@link java.nio.file.FileSystemLoopException}, which the command line names).
 */
public final class Folders {

    private Folders() {
    }

    /**
     * Every regular file under {@code folder} (or {@code folder} itself, a file) in path order, each once.
     *
     * @throws UncheckedIOException when the folder cannot be walked
     */
    public static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            List<Path> files = new ArrayList<>();
            Set<Path> seen = new HashSet<>();
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (seen.add(file.toRealPath())) {
                    files.add(file);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
