package cn.jinhua.ducha.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;

/**
 * The password of an H2 store, generated when the store is first opened and kept beside it in
 * {@code <file>.credentials}, readable by its owner only (0600). H2 serves the file to other processes of the
 * same user (AUTO_SERVER, bound to loopback by {@link Store}); the password means that a copy of the lock file's
 * key alone no longer opens it. A store made before there was a password gets one the first time it is opened.
 *
 * @param user     H2's user, the empty name H2 gives when none is given
 * @param password the generated password
 */
public record H2Credentials(String user, String password) {

    private static final String SUFFIX = ".credentials";
    private static final String WRONG_PASSWORD = "28000";
    private static final int ATTEMPTS = 20;

    /** The file the password of the H2 store {@code file} (without {@code .mv.db}) is kept in. */
    public static Path fileOf(Path file) {
        return Path.of(file + SUFFIX);
    }

    /** The credentials kept for the H2 store {@code file}, for tools and tests that connect to it directly. */
    public static H2Credentials read(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(fileOf(file))) {
            p.load(in);
        } catch (IOException e) {
            throw new StoreException("无法读取数据库口令文件 %s / cannot read the store's credentials %s: %s"
                    .formatted(fileOf(file), fileOf(file), e.getMessage()), e);
        }
        return new H2Credentials(p.getProperty("user", ""), p.getProperty("password"));
    }

    /**
     * The credentials of the existing H2 store {@code file} at {@code url}: those kept beside it, made now if there
     * are none, and set on the store if it still has none (a store made before, or a crash between the two steps).
     */
    static H2Credentials secure(Path file, String url) {
        H2Credentials kept = Files.exists(fileOf(file)) ? read(file) : create(file);
        for (int attempt = 1; ; attempt++) {
            try {
                try (Connection c = DriverManager.getConnection(url, kept.user(), kept.password())) {
                    return kept;
                } catch (SQLException e) {
                    if (!WRONG_PASSWORD.equals(e.getSQLState())) {
                        throw e;
                    }
                }
                try (Connection c = DriverManager.getConnection(url, kept.user(), "");
                     Statement s = c.createStatement()) {
                    s.execute("alter user \"" + kept.user() + "\" set password '" + kept.password() + "'");
                    return kept;
                }
            } catch (SQLException e) {
                // another process holds the file while it opens or closes it, or set the password between our two
                // tries (the kept one refused, then the empty one): either passes within moments
                if (attempt == ATTEMPTS) {
                    throw new StoreException(("无法以 %s 中的口令打开数据库 %s / cannot open the store %s with the password "
                            + "kept in %s: %s").formatted(fileOf(file), file, file, fileOf(file), e.getMessage()), e);
                }
                try {
                    Thread.sleep(250L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("打开数据库时被中断 / interrupted while opening the store", interrupted);
                }
            }
        }
    }

    /** Writes new credentials owner-only, atomically; of two processes doing so at once, the first file wins. */
    private static H2Credentials create(Path file) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        H2Credentials made = new H2Credentials("", Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        Path target = fileOf(file);
        Path draft = Path.of(target + ".draft-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Store.ownerOnlyDirectories(target.toAbsolutePath().getParent());
            try (OutputStream out = ownerOnly(draft)) {
                Properties p = new Properties();
                p.setProperty("user", made.user());
                p.setProperty("password", made.password());
                p.store(out, "Ducha H2 store password: keep this file readable by its owner only (0600)");
            }
            try {
                Files.createLink(target, draft);
            } catch (FileAlreadyExistsException anotherProcessWon) {
                return read(file);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(draft, target);
            }
            return made;
        } catch (IOException e) {
            throw new StoreException("无法写入数据库口令文件 %s / cannot write the store's credentials %s: %s"
                    .formatted(target, target, e.getMessage()), e);
        } finally {
            try {
                Files.deleteIfExists(draft);
            } catch (IOException e) {
                // a draft left behind is owner-only and harms nothing
            }
        }
    }

    private static OutputStream ownerOnly(Path path) throws IOException {
        try {
            return Files.newOutputStream(Files.createFile(path,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
        } catch (UnsupportedOperationException notPosix) {
            return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW);
        }
    }
}
