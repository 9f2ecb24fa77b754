package cn.jinhua.ducha.whatif;

import java.util.List;

import cn.jinhua.ducha.factsheet.Rejection;

/**
 * The values or sheets supposed are refused as intake would refuse them: each rejection's source names what was
 * supposed ({@code set.yiwu} for values set on 义乌市's sheet, or a file), its errors are intake's own, each naming
 * its field.
 */
public final class HypothesisRefused extends RuntimeException {

    private final transient List<Rejection> rejections;

    HypothesisRefused(List<Rejection> rejections) {
        super("假设不予接收 / the hypothesis is refused: " + String.join("; ", rejections.stream()
                .flatMap(r -> r.errors().stream().map(e -> r.source() + ": " + e)).toList()));
        this.rejections = List.copyOf(rejections);
    }

    public List<Rejection> rejections() {
        return rejections;
    }
}
