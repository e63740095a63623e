package org.igem.nlp;

/**
 * The alias normalisation of the IGEM ETL and NLP resolver ({@code entity_aliases.alias_norm}):
 * full lower-case (final sigma by context, as Python's {@code str.lower()}), NFKD, drop characters
 * whose canonical combining class is non-zero, {@code - _ /} to spaces, collapse Python's
 * whitespace set to one space, trim. Text is scanned with the same function, so keys and input
 * always agree. Every character property comes from ICU4J ({@link #unicodeVersion()}), not the JVM.
 */
public final class AliasNormalizer {
    /** Longest stored {@code alias_norm}, in code points. */
    public static final int MAX_STORED_CODE_POINTS = 1000;

    private AliasNormalizer() {
    }

    /** The Unicode version of the case mapping, NFKD, combining classes, alphanumerics and whitespace used. */
    public static String unicodeVersion() {
        return UnicodeProps.unicodeVersion();
    }

    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            return "";
        }
        String decomposed = UnicodeProps.nfkd(UnicodeProps.lower(text));
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '-' || cp == '_' || cp == '/' || UnicodeProps.isSpace(cp)) {
                pendingSpace = true;
                continue;
            }
            if (UnicodeProps.isMark(cp)) {
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
        return UnicodeProps.isSpace(cp);
    }

    /** Canonical combining class is non-zero. */
    static boolean hasNonZeroCombiningClass(int cp) {
        return UnicodeProps.isMark(cp);
    }

    /** Python's {@code str.isalnum()} of one code point (the boundary rule of the resolver). */
    public static boolean isAlnum(int cp) {
        return UnicodeProps.isAlnum(cp);
    }
}
