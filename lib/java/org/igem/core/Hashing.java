package org.igem.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 helpers for snapshot files (lowercase hex, as in manifest.json), and the digest of a
 * file in another algorithm (the SHA-1 a Maven repository publishes): every file hash of igem.
 */
public final class Hashing {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int BUFFER = 1 << 16;

    private Hashing() {
    }

    public static MessageDigest sha256() {
        return digest("SHA-256");
    }

    /** A fresh {@link MessageDigest} of {@code algorithm} (every JVM has SHA-1 and SHA-256). */
    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    /** Hashes the whole file, streaming. */
    public static String sha256(Path file) throws IOException {
        return hex(file, "SHA-256");
    }

    /** The lowercase hex digest of the whole file in {@code algorithm}, streaming. */
    public static String hex(Path file, String algorithm) throws IOException {
        MessageDigest md = digest(algorithm);
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
