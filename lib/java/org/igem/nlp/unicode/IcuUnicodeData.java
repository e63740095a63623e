package org.igem.nlp.unicode;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UCharacterDirection;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;

/**
 * {@link UnicodeData} from ICU4J. The only class that names ICU4J: where ICU4J is fetched at first use, this
 * class is loaded beside it by {@link UnicodeDataLoader} (so keep its name under {@code Icu}).
 */
public final class IcuUnicodeData implements UnicodeData {
    private final Normalizer2 nfkd = Normalizer2.getNFKDInstance();

    public IcuUnicodeData() {
    }

    @Override
    public String unicodeVersion() {
        VersionInfo v = UCharacter.getUnicodeVersion();
        return v.getMajor() + "." + v.getMinor();
    }

    @Override
    public int flags(int cp) {
        int f = 0;
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
        return f;
    }

    @Override
    public String lower(String s) {
        return UCharacter.toLowerCase(ULocale.ROOT, s);
    }

    @Override
    public String nfkd(String s) {
        return nfkd.normalize(s);
    }

    @Override
    public boolean caseIgnorable(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.CASE_IGNORABLE);
    }

    @Override
    public boolean cased(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.CASED);
    }
}
