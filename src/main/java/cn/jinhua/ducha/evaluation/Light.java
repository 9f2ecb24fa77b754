package cn.jinhua.ducha.evaluation;

/** The traffic light (红黄绿灯) of a verdict; NOT_APPLICABLE has none. */
public enum Light {
    GREEN("绿灯"), YELLOW("黄灯"), RED("红灯"), GREY("灰灯");

    private final String label;

    Light(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
