package cn.jinhua.ducha.factsheet;

import java.util.List;

/**
 * How an error names the field it is about: a JSON sheet by its path ({@code facts.village.high_frequency_items}),
 * a CSV or Excel sheet by the field as its row writes it and where that row is.
 */
@FunctionalInterface
interface FieldNames {

    /** A JSON sheet's fields, named by their dotted path. */
    FieldNames JSON_PATHS = path -> String.join(".", path);

    /** The name of the field at {@code path} in the JSON tree ({@code "facts", metric}). */
    String name(List<String> path);

    default String name(String... path) {
        return name(List.of(path));
    }
}
