package org.igem.nlp;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UCharacterDirection;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;

/**
 * Every Unicode property the normaliser and the boundary rule depend on, from ICU4J, so results
 * follow ICU's Unicode version ({@link #unicodeVersion()}) and not the JVM's: full lower-casing
 * (with the final-sigma context), NFKD, canonical combining class, Python's {@code str.isalnum()}
 * and {@code str.isspace()}. Per-code-point answers are cached lazily (benign races: each entry
 * is derived from immutable data, byte writes are atomic).
 */
final class UnicodeProps {
    private static final Normalizer2 NFKD = Normalizer2.getNFKDInstance();
    private static final int KNOWN = 1;
    private static final int ALNUM = 2;
    private static final int SPACE = 4;
    private static final int MARK = 8; // canonical combining class != 0
    private static final byte[] FLAGS = new byte[Character.MAX_CODE_POINT + 1];
    /** NFKD of the (context-free) full lower case of one BMP char, filled lazily. */
    private static final String[] LOWER_NFKD = new String[0x10000];
    static final char CAPITAL_SIGMA = '\u03A3';

    private UnicodeProps() {
    }

    /** The Unicode version of every property used here, e.g. {@code 16.0}. */
    static String unicodeVersion() {
        VersionInfo v = UCharacter.getUnicodeVersion();
        return v.getMajor() + "." + v.getMinor();
    }

    private static int flags(int cp) {
        int f = FLAGS[cp];
        if (f != 0) {
            return f;
        }
        f = KNOWN;
        int type = UCharacter.getType(cp);
        boolean alpha = type == UCharacterCategory.UPPERCASE_LETTER || type == UCharacterCategory.LOWERCASE_LETTER
                || type == UCharacterCategory.TITLECASE_LETTER || type == UCharacterCategory.MODIFIER_LETTER
                || type == UCharacterCategory.OTHER_LETTER;
        // Python: isalnum = isalpha (L*) or isnumeric (Numeric_Type decimal/digit/numeric, isdigit/isdecimal included)
        if (alpha || UCharacter.getIntPropertyValue(cp, UProperty.NUMERIC_TYPE) != UCharacter.NumericType.NONE) {
            f |= ALNUM;
        }
        // Python: isspace = bidirectional class WS, B or S, or general category Zs
        int dir = UCharacter.getDirection(cp);
        if (type == UCharacterCategory.SPACE_SEPARATOR || dir == UCharacterDirection.WHITE_SPACE_NEUTRAL
                || dir == UCharacterDirection.BLOCK_SEPARATOR || dir == UCharacterDirection.SEGMENT_SEPARATOR) {
            f |= SPACE;
        }
        if (UCharacter.getCombiningClass(cp) != 0) {
            f |= MARK;
        }
        FLAGS[cp] = (byte) f;
        return f;
    }

    /** Python's {@code str.isalnum()} of one code point: letters of every script, digits and other numerals. */
    static boolean isAlnum(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        }
        return (flags(cp) & ALNUM) != 0;
    }

    /** Python's {@code str.isspace()} of one code point (wider than Java's {@code \s}). */
    static boolean isSpace(int cp) {
        if (cp < 0x80) {
            return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        return (flags(cp) & SPACE) != 0;
    }

    /** Canonical combining class is non-zero (the marks the normaliser drops). */
    static boolean isMark(int cp) {
        return cp >= 0x300 && (flags(cp) & MARK) != 0;
    }

    /** Full lower case of a whole string (root locale; final sigma by context), as Python's {@code str.lower()}. */
    static String lower(String s) {
        return UCharacter.toLowerCase(ULocale.ROOT, s);
    }

    static String nfkd(String s) {
        return NFKD.normalize(s);
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
            if (!UCharacter.hasBinaryProperty(c, UProperty.CASE_IGNORABLE)) {
                break;
            }
            j -= Character.charCount(c);
        }
        if (j == 0 || !UCharacter.hasBinaryProperty(s.codePointBefore(j), UProperty.CASED)) {
            return false;
        }
        int k = i + 1;
        while (k < s.length()) {
            int c = s.codePointAt(k);
            if (!UCharacter.hasBinaryProperty(c, UProperty.CASE_IGNORABLE)) {
                break;
            }
            k += Character.charCount(c);
        }
        return k == s.length() || !UCharacter.hasBinaryProperty(s.codePointAt(k), UProperty.CASED);
    }
}
