package cn.jinhua.ducha.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.jinhua.ducha.factsheet.SheetReader;
import cn.jinhua.ducha.rulebook.Rulebook;
import cn.jinhua.ducha.store.Store;
import cn.jinhua.ducha.store.Submissions;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The samples' sheets sent to a store as a unit would send them. */
final class Sheets {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SAMPLES = Path.of("samples");

    private Sheets() {
    }

    /**
     * Pujiang's real sheet for 2023-09 with its count of optimised cross-province items set: 66 leaves T05.1 far
     * behind 序时进度 (a red alert), 125 puts it on track.
     */
    static Submissions.Revision pujiang(Store store, Rulebook rulebook, int crossProvinceItemsOptimized) {
        try {
            ObjectNode sheet = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLES.resolve("2023-09/pujiang.json")));
            ((ObjectNode) sheet.get("facts")).put("tongban.cross_province_items_optimized", crossProvinceItemsOptimized);
            return submit(store, rulebook, "pujiang.json", JSON.writeValueAsBytes(sheet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pujiang's real sheet for {@code month} (2023-10, say) with its count of optimised cross-province items set. */
    static Submissions.Revision pujiangIn(String month, Store store, Rulebook rulebook, int crossProvinceItemsOptimized) {
        try {
            ObjectNode sheet = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLES.resolve(month + "/pujiang.json")));
            ((ObjectNode) sheet.get("facts")).put("tongban.cross_province_items_optimized", crossProvinceItemsOptimized);
            return submit(store, rulebook, "pujiang.json", JSON.writeValueAsBytes(sheet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pujiang's real sheet for 2023-09 with one fact set to {@code value}. */
    static Submissions.Revision pujiang(Store store, Rulebook rulebook, String metric, int value) {
        try {
            ObjectNode sheet = (ObjectNode) JSON.readTree(Files.readAllBytes(SAMPLES.resolve("2023-09/pujiang.json")));
            ((ObjectNode) sheet.get("facts")).put(metric, value);
            return submit(store, rulebook, "pujiang.json", JSON.writeValueAsBytes(sheet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unit's sample sheet for a month, as received. */
    static Submissions.Revision sample(Store store, Rulebook rulebook, String month, String unit) {
        Path file = SAMPLES.resolve(month).resolve(unit + ".json");
        try {
            return submit(store, rulebook, file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Submissions.Revision submit(Store store, Rulebook rulebook, String source, byte[] bytes) {
        SheetReader.Result read = new SheetReader(rulebook.catalogue()).read(source, bytes);
        return store.submissions().add(read.sheet().orElseThrow(
                () -> new IllegalStateException("the sample sheet " + source + " was refused: " + read.rejection())),
                bytes, "tester");
    }
}
