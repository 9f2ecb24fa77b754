package cn.jinhua.ducha.brief;

/**
 * The sections of the brief, in order: a heading in the Word document (Chinese then English, English alone in the
 * English edition) and a worksheet of the workbook each (the 督查通报's names here; BriefWords names them by
 * edition). The verdicts are the workbook's alone: the document keeps to what a meeting reads.
 */
public enum Section {
    SUMMARY("总体情况", "Summary", "概况 Summary"),
    AREAS("分领域红黄绿灯", "Lights by environment", "分领域 Areas"),
    UNITS("各单位红黄绿灯", "Lights by unit", "各单位 Units"),
    RANKING("赛马排名", "Ranking", "赛马排名 Ranking"),
    RAISED("新发预警", "Alerts raised", "新发预警 Raised"),
    ESCALATED("督办升级", "Alerts escalated", "督办升级 Escalated"),
    CLOSED("关闭与解除", "Alerts closed or resolved", "关闭解除 Closed"),
    OVERDUE("整改逾期", "Rectifications past their deadline", "整改逾期 Overdue"),
    SILENT("未报数据的单位", "Units that did not report", "未报数据 No data"),
    WORST("红灯事项", "Red items", "红灯事项 Red items"),
    VERDICTS("全部结论", "Every verdict", "全部结论 Verdicts");

    private final String chinese;
    private final String english;
    private final String sheet;

    Section(String chinese, String english, String sheet) {
        this.chinese = chinese;
        this.english = english;
        this.sheet = sheet;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** The worksheet's name (at most 31 characters, none of Excel's forbidden ones). */
    public String sheet() {
        return sheet;
    }

    /** Whether the Word document has this section (every one but the full list of verdicts). */
    public boolean inDocument() {
        return this != VERDICTS;
    }
}
