package org.igem.nlp;

import java.util.Arrays;

/**
 * A text normalised exactly as {@link AliasNormalizer#normalize(String)} does, with the offsets
 * of every normalised character in the original text, so a match in the normalised text maps
 * back to the exact span of the input: {@code NormalizedText.of(x).text()} equals
 * {@code AliasNormalizer.normalize(x)} for every {@code x}.
 *
 * <p>How: each original code point is lower-cased on its own (ICU's full root-locale mapping;
 * the capital sigma, the only context-sensitive one, by the Final_Sigma rule on the original
 * text, as Python and ICU apply it) and decomposed (NFKD) on its own, which gives the same
 * characters as decomposing the whole string once the combining marks (the only characters
 * canonical reordering moves) are dropped. The separator / whitespace / trim rules are then the
 * same as the normaliser's. Every normalised character remembers the original code point it
 * came from; a collapsed whitespace run maps to its first separator, and a code point that leaves
 * nothing (a combining mark on its own) extends the span of the character before it.
 *
 * <p>Offsets are UTF-16 indices of the original {@code String}.
 */
public final class NormalizedText {
    private final String original;
    private final String text;
    private final char[] chars;
    private final int[] start;
    private final int[] end;

    private NormalizedText(String original, char[] chars, int length, int[] start, int[] end) {
        this.original = original;
        this.chars = chars;
        this.text = new String(chars, 0, length);
        this.start = start;
        this.end = end;
    }

    public static NormalizedText of(String original) {
        if (original == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        int n = original.length();
        Builder b = new Builder(n + 16);
        for (int i = 0; i < n; ) {
            char ch = original.charAt(i);
            if (ch < 0x80) {
                i = b.asciiRun(original, i, n);
                continue;
            }
            int cp = original.codePointAt(i);
            int segEnd = i + Character.charCount(cp);
            String seg;
            if (cp == UnicodeProps.CAPITAL_SIGMA) {
                // the only context-sensitive lower case of the root locale
                seg = UnicodeProps.finalSigma(original, i) ? "\u03C2" : "\u03C3";
            } else {
                seg = UnicodeProps.lowerNfkd(cp);
            }
            int before = b.len;
            boolean separator = false;
            for (int k = 0; k < seg.length(); ) {
                int d = seg.codePointAt(k);
                k += Character.charCount(d);
                if (d == '-' || d == '_' || d == '/' || UnicodeProps.isSpace(d)) {
                    separator = true;
                    b.separator(i, segEnd);
                } else if (!UnicodeProps.isMark(d)) {
                    b.emit(d, i, segEnd);
                }
            }
            if (b.len == before && !separator && !b.pendingSpace && b.len > 0) {
                // only dropped marks (e.g. a combining accent): they belong to the previous character
                b.oe[b.len - 1] = segEnd;
            }
            i = segEnd;
        }
        return new NormalizedText(original, b.out, b.len, b.os, b.oe);
    }

    /** The normalised chars with, for each, the original span it came from; separators collapse to one space. */
    private static final class Builder {
        char[] out;
        int[] os;
        int[] oe;
        int len;
        boolean pendingSpace;
        private int spaceStart;
        private int spaceEnd;

        Builder(int capacity) {
            out = new char[capacity];
            os = new int[capacity];
            oe = new int[capacity];
        }

        /**
         * Copies the ASCII run of {@code s} that starts at {@code i} (lower case of one char is one
         * char, NFKD is the identity, no marks) and returns where it ends: the common case, kept in
         * locals, since every char costs three stores.
         */
        int asciiRun(String s, int i, int n) {
            // at most one char per input char, plus a pending space
            int need = len + (n - i) + 1;
            if (need > out.length) {
                int cap = Math.max(need, out.length * 2);
                out = Arrays.copyOf(out, cap);
                os = Arrays.copyOf(os, cap);
                oe = Arrays.copyOf(oe, cap);
            }
            char[] o = out;
            int[] st = os;
            int[] en = oe;
            int l = len;
            boolean pending = pendingSpace;
            int ss = spaceStart;
            int se = spaceEnd;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                if (c == ' ' || c == '-' || c == '_' || c == '/' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) {
                    if (!pending) {
                        pending = true;
                        ss = i;
                        se = i + 1;
                    }
                    continue;
                }
                if (pending && l > 0) {
                    o[l] = ' ';
                    st[l] = ss;
                    en[l] = se;
                    l++;
                }
                pending = false;
                o[l] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                st[l] = i;
                en[l] = i + 1;
                l++;
            }
            len = l;
            pendingSpace = pending;
            spaceStart = ss;
            spaceEnd = se;
            return i;
        }

        /** A separator or whitespace: the first of a run is remembered, the run becomes one space later. */
        void separator(int start, int end) {
            if (!pendingSpace) {
                pendingSpace = true;
                spaceStart = start;
                spaceEnd = end;
            }
        }

        /** Appends code point {@code cp} that came from original[start, end), after any pending space. */
        void emit(int cp, int start, int end) {
            if (len + 3 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
                os = Arrays.copyOf(os, out.length);
                oe = Arrays.copyOf(oe, out.length);
            }
            if (pendingSpace && len > 0) {
                put(' ', spaceStart, spaceEnd);
            }
            pendingSpace = false;
            if (cp < 0x10000) {
                put((char) cp, start, end);
            } else {
                put(Character.highSurrogate(cp), start, end);
                put(Character.lowSurrogate(cp), start, end);
            }
        }

        private void put(char c, int start, int end) {
            out[len] = c;
            os[len] = start;
            oe[len] = end;
            len++;
        }
    }

    /** The input, unchanged. */
    public String original() {
        return original;
    }

    /** The normalised text: equals {@code AliasNormalizer.normalize(original())}. */
    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** The normalised chars, {@code [0, length())} (shared, not to be changed): what the scan reads without bounds checks per char. */
    char[] chars() {
        return chars;
    }

    /** Offset in the original text of the code point that produced normalised char {@code i}. */
    public int originalStart(int i) {
        return start[i];
    }

    /** End offset (exclusive) in the original text of the code point that produced normalised char {@code i}. */
    public int originalEnd(int i) {
        return end[i];
    }

    /** Original span [start, end) of the normalised span [from, to); {@code from < to}. */
    public int[] originalSpan(int from, int to) {
        return new int[] {start[from], end[to - 1]};
    }
}
