package cn.jinhua.ducha.brief;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/** The two files a brief is written as: a Word document and a workbook, known by their extension. */
public enum BriefFormat {
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String mediaType;

    BriefFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format a file name asks for by its extension ({@code brief.docx}, {@code brief.XLSX}), if either. */
    public static Optional<BriefFormat> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (BriefFormat f : values()) {
            if (lower.endsWith("." + f.extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The brief's bytes in this format. */
    public byte[] write(Brief brief) {
        return this == DOCX ? BriefDocument.write(brief) : BriefWorkbook.write(brief);
    }

    /** A file name for people: 督查通报-2023-09.docx, or supervision-brief-2023-09.docx for the English edition. */
    public String fileName(Brief brief) {
        return brief.words().format("file.name", brief.period(), extension);
    }

    /** The same in ASCII, for the clients that cannot read the other: ducha-brief-2023-09.docx. */
    public String asciiFileName(Brief brief) {
        return "ducha-brief-%s.%s".formatted(brief.period(), extension);
    }

    /**
     * Writes the brief to {@code file} whole or not at all: into a file beside it first, then moved into place, so
     * that a reader (or a meeting's shared folder) never sees half a document.
     */
    public void writeTo(Brief brief, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path draft = dir.resolve("." + file.getFileName() + ".part");
        try {
            Files.write(draft, write(brief));
            Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
