package cn.jinhua.ducha.factsheet;

import java.util.List;

/** A sheet refused whole, with every reason found, each naming the field, in Chinese and English. */
public record Rejection(String source, List<String> errors) {

    public Rejection {
        errors = List.copyOf(errors);
    }
}
