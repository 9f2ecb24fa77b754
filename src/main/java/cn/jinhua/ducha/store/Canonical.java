package cn.jinhua.ducha.store;

import java.math.BigDecimal;

import cn.jinhua.ducha.digest.Sha256;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way content is written for hashing and storing: JSON with keys in order, decimals plain, no spacing;
 * and sha256 in lower-case hex.
 */
final class Canonical {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Canonical() {
    }

    /** Canonical JSON of maps, lists, strings, numbers and booleans. */
    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }

    /** A value of a sheet or verdict as canonical JSON text: numbers plain, booleans and strings as such. */
    static String value(Object value) {
        if (value == null) {
            return null;
        }
        return json(value instanceof BigDecimal d ? d.stripTrailingZeros() : value);
    }
}
