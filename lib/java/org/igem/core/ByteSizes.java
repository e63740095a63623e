package org.igem.core;

import java.util.Locale;

/** Human-readable byte counts for command output ("512 B", "3.4 KB", "12.3 MB"; 1 KB = 1024 B). */
public final class ByteSizes {
    private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB"};

    private ByteSizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
    }
}
