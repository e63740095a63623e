package org.igem.core;

/**
 * Text from untrusted sources (a remote manifest's versions and names, server messages) made safe
 * for a terminal: control characters (C0 including ESC, CR and BEL, DEL, C1) and the bidirectional
 * overrides and isolates that reorder what a user sees are shown as {@code \\uXXXX}.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code s} with every unsafe character escaped; null stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** {@link #clean} and at most {@code max} characters ("…" marks a cut). */
    public static String clean(String s, int max) {
        String c = clean(s);
        if (c == null || c.length() <= max) {
            return c;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(c.charAt(end - 1))) {
            end--;
        }
        return c.substring(0, end) + "…";
    }

    public static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0xfeff;
    }
}
