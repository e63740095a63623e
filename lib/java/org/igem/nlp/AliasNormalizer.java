package org.igem.nlp;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The alias normalisation of the IGEM ETL and NLP resolver ({@code entity_aliases.alias_norm}):
 * lower-case, NFKD, drop characters whose canonical combining class is non-zero, {@code - _ /}
 * to spaces, collapse Python's whitespace set to one space, trim. Text is scanned with the same
 * function, so keys and input always agree.
 */
public final class AliasNormalizer {
    /** Longest stored {@code alias_norm}, in code points. */
    public static final int MAX_STORED_CODE_POINTS = 1000;

    // 0 = unknown, 1 = combining class 0 (kept), 2 = non-zero (dropped); filled lazily per code point.
    private static final byte[] COMBINING = new byte[Character.MAX_CODE_POINT + 1];

    private AliasNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '-' || cp == '_' || cp == '/' || isPythonWhitespace(cp)) {
                pendingSpace = true;
                continue;
            }
            if (cp >= 0x300 && hasNonZeroCombiningClass(cp)) {
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /**
     * What the ETL stores: normalise (twice, as the original's guard does), trim and keep the
     * first {@value #MAX_STORED_CODE_POINTS} code points. Null stays null.
     */
    public static String normalizeForStorage(String value) {
        if (value == null) {
            return null;
        }
        String n = normalize(normalize(value)).strip();
        int cps = n.codePointCount(0, n.length());
        return cps <= MAX_STORED_CODE_POINTS ? n : n.substring(0, n.offsetByCodePoints(0, MAX_STORED_CODE_POINTS));
    }

    /** Python's {@code str.isspace()} set, which is wider than Java's {@code \s}. */
    static boolean isPythonWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /**
     * The JDK exposes no canonical combining class, but canonical reordering reveals it: NFD swaps
     * two adjacent marks when the first has the higher non-zero class. A mark of class 1..229 is
     * moved in front of U+0301 (class 230); one of class 2..254 moves behind U+0334 (class 1).
     */
    static boolean hasNonZeroCombiningClass(int cp) {
        byte known = COMBINING[cp];
        if (known != 0) {
            return known == 2;
        }
        String c = new String(Character.toChars(cp));
        String nfd = Normalizer.normalize(c, Normalizer.Form.NFD);
        boolean nonZero = false;
        if (nfd.equals(c)) {
            nonZero = !Normalizer.normalize("\u0301" + c, Normalizer.Form.NFD).startsWith("\u0301")
                    || !Normalizer.normalize(c + "\u0334", Normalizer.Form.NFD).startsWith(c);
        }
        COMBINING[cp] = (byte) (nonZero ? 2 : 1);
        return nonZero;
    }
}
