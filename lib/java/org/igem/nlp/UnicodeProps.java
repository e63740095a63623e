package org.igem.nlp;

import org.igem.core.IgemException;
import org.igem.nlp.unicode.UnicodeData;

/**
 * Every Unicode property the normaliser and the boundary rule depend on, from ICU4J ({@link UnicodeData}), so
 * results follow ICU's Unicode version ({@link #unicodeVersion()}) and not the JVM's: full lower-casing (with the
 * final-sigma context), NFKD, canonical combining class, Python's {@code str.isalnum()} and {@code str.isspace()}.
 * Per-code-point answers are cached lazily (benign races: each entry is derived from immutable data, byte writes
 * are atomic). ASCII never reaches ICU4J.
 */
final class UnicodeProps {
    private static final int KNOWN = 1;
    private static final byte[] FLAGS = new byte[Character.MAX_CODE_POINT + 1];
    /** NFKD of the (context-free) full lower case of one BMP char, filled lazily. */
    private static final String[] LOWER_NFKD = new String[0x10000];
    static final char CAPITAL_SIGMA = '\u03A3';

    private UnicodeProps() {
    }

    /** Loaded at the first NLP use; where ICU4J must be fetched and cannot be, every use fails with that one line. */
    private static final class Data {
        static final UnicodeData DATA;
        static final IgemException MISSING;

        static {
            UnicodeData data = null;
            IgemException missing = null;
            try {
                data = UnicodeData.load();
            } catch (IgemException e) {
                missing = e;
            }
            DATA = data;
            MISSING = missing;
        }
    }

    private static UnicodeData data() {
        UnicodeData d = Data.DATA;
        if (d == null) {
            throw new IgemException(Data.MISSING.kind(), Data.MISSING.getMessage(), Data.MISSING);
        }
        return d;
    }

    /** The Unicode version of every property used here, e.g. {@code 16.0}. */
    static String unicodeVersion() {
        return data().unicodeVersion();
    }

    private static int flags(int cp) {
        int f = FLAGS[cp];
        if (f != 0) {
            return f;
        }
        f = KNOWN | data().flags(cp);
        FLAGS[cp] = (byte) f;
        return f;
    }

    /** Python's {@code str.isalnum()} of one code point: letters of every script, digits and other numerals. */
    static boolean isAlnum(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        }
        return (flags(cp) & UnicodeData.ALNUM) != 0;
    }

    /** Python's {@code str.isspace()} of one code point (wider than Java's {@code \s}). */
    static boolean isSpace(int cp) {
        if (cp < 0x80) {
            return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        return (flags(cp) & UnicodeData.SPACE) != 0;
    }

    /** Canonical combining class is non-zero (the marks the normaliser drops). */
    static boolean isMark(int cp) {
        return cp >= 0x300 && (flags(cp) & UnicodeData.MARK) != 0;
    }

    /** Full lower case of a whole string (root locale; final sigma by context), as Python's {@code str.lower()}. */
    static String lower(String s) {
        return data().lower(s);
    }

    static String nfkd(String s) {
        return data().nfkd(s);
    }

    /** NFKD of the full lower case of one code point other than capital sigma (context-free mappings only). */
    static String lowerNfkd(int cp) {
        if (cp < 0x10000) {
            String s = LOWER_NFKD[cp];
            if (s == null) {
                s = nfkd(lower(String.valueOf((char) cp)));
                LOWER_NFKD[cp] = s;
            }
            return s;
        }
        return nfkd(lower(new String(Character.toChars(cp))));
    }

    /**
     * Unicode's Final_Sigma context for the capital sigma at {@code i} (as Python and ICU apply it):
     * preceded by a cased letter (case-ignorable characters skipped) and not followed by one.
     */
    static boolean finalSigma(String s, int i) {
        int j = i;
        while (j > 0) {
            int c = s.codePointBefore(j);
            if (!data().caseIgnorable(c)) {
                break;
            }
            j -= Character.charCount(c);
        }
        if (j == 0 || !data().cased(s.codePointBefore(j))) {
            return false;
        }
        int k = i + 1;
        while (k < s.length()) {
            int c = s.codePointAt(k);
            if (!data().caseIgnorable(c)) {
                break;
            }
            k += Character.charCount(c);
        }
        return k == s.length() || !data().cased(s.codePointAt(k));
    }
}
