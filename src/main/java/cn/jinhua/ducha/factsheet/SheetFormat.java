package cn.jinhua.ducha.factsheet;

import java.nio.file.Path;
import java.util.Locale;

/** How a fact sheet is written: the contract's JSON, or the row layout of README.md in CSV or Excel. */
public enum SheetFormat {
    JSON, CSV, XLSX;

    /**
     * The format a file's name says: {@code .csv} and {@code .xlsx} by their extension, anything else JSON (a file
     * named on the command line has always been read as JSON, whatever its name).
     */
    public static SheetFormat of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".xlsx")) {
            return XLSX;
        }
        return JSON;
    }

    /**
     * Whether a file met while walking a folder is a sheet: {@code .json}, {@code .csv} or {@code .xlsx}, but not the
     * lock file ({@code ~$name.xlsx}, {@code ~$name.csv}) that Excel leaves beside a file it has open.
     */
    public static boolean isSheet(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        return (name.endsWith(".csv") || name.endsWith(".xlsx")) && !name.startsWith("~$");
    }
}
