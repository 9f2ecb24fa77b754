package cn.jinhua.ducha.web;

/** What a user may do (docs/api.md, "Roles"); each user has exactly one. */
public enum Role {
    /** 区县督查员: reads and submits for their own unit only. */
    COUNTY("区县督查员", "county supervisor"),
    /** 市级督查员: reads every unit, submits for the city, starts evaluations, follows alerts up. */
    CITY("市级督查员", "city supervisor"),
    /** 审计员: reads everything, the audit trail included, and changes nothing. */
    AUDITOR("审计员", "auditor"),
    /** 管理员: manages rules, webhooks and users. */
    ADMIN("管理员", "administrator");

    private final String chinese;
    private final String english;

    Role(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String label() {
        return chinese + " / " + english;
    }

    /** The Spring Security authority of this role. */
    String authority() {
        return "ROLE_" + name();
    }
}
