package org.igem.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers for snapshot files (lowercase hex, as in manifest.json). */
public final class Hashing {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int BUFFER = 1 << 16;

    private Hashing() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Hashes the whole file, streaming. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        update(md, file);
        return hex(md.digest());
    }

    /** Feeds the file's bytes into {@code md}; returns the number of bytes read. */
    public static long update(MessageDigest md, Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
                n += r;
            }
        }
        return n;
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static boolean isSha256Hex(String s) {
        return s != null && SHA256_HEX.matcher(s).matches();
    }

    /** The first 12 hex digits, for messages. */
    public static String shortHex(String hex) {
        return hex == null ? "<none>" : hex.length() > 12 ? hex.substring(0, 12) + "…" : hex;
    }
}
