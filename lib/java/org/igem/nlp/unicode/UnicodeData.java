package org.igem.nlp.unicode;

/**
 * The Unicode character data the normaliser and the boundary rule ask for, from one Unicode version that does
 * not change with the JVM. {@link #load()} gives the ICU4J implementation: directly when ICU4J is on the class
 * path (igem.jar, igem.java, Maven), else, through JBang, after fetching it at the first NLP use (the released
 * artifact declares ICU4J optional: 15 MB of a cold {@code jbang igem@…} that only the NLP commands use).
 */
public interface UnicodeData {
    /** {@link #flags} bit: Python's {@code str.isalnum()} (letters of every script, digits, other numerals). */
    int ALNUM = 2;
    /** {@link #flags} bit: Python's {@code str.isspace()} (bidi class WS, B or S, or category Zs). */
    int SPACE = 4;
    /** {@link #flags} bit: canonical combining class is non-zero. */
    int MARK = 8;

    /** The Unicode version of every property, e.g. {@code 16.0}. */
    String unicodeVersion();

    /** {@link #ALNUM}, {@link #SPACE} and {@link #MARK} bits of one code point. */
    int flags(int codePoint);

    /** Full lower case of a whole string (root locale, final sigma by context), as Python's {@code str.lower()}. */
    String lower(String s);

    /** Compatibility decomposition (NFKD). */
    String nfkd(String s);

    /** Unicode's Case_Ignorable property. */
    boolean caseIgnorable(int codePoint);

    /** Unicode's Cased property. */
    boolean cased(int codePoint);

    /** The ICU4J implementation, fetched first where this build of igem leaves ICU4J out. */
    static UnicodeData load() {
        return UnicodeDataLoader.load();
    }
}
