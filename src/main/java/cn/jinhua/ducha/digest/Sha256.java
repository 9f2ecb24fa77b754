package cn.jinhua.ducha.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in lower-case hex: of bytes, of text (UTF-8), or of parts added one by one. Every hash Ducha keeps or
 * compares (sheets, the audit chain, rulesets, tokens, idempotency keys) is computed here.
 */
public final class Sha256 {

    private final MessageDigest digest;

    private Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The hash of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return new Sha256().add(bytes).hex();
    }

    /** The hash of {@code text} as UTF-8. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A hash of parts, added in order with {@link #add}. */
    public static Sha256 of() {
        return new Sha256();
    }

    public Sha256 add(byte[] bytes) {
        digest.update(bytes);
        return this;
    }

    /** Adds {@code text} as UTF-8. */
    public Sha256 add(String text) {
        return add(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds one byte, such as the 0 that separates parts. */
    public Sha256 add(byte b) {
        digest.update(b);
        return this;
    }

    /** The hash of everything added. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
