package cn.jinhua.ducha.factsheet;

/** A task's progress entry on a sheet; {@code note} may be null. */
public record Progress(ProgressStatus status, String note) {
}
