package org.igem

import org.igem.nlp.AliasNormalizer
import org.igem.nlp.NormalizedText
import spock.lang.Specification

/** NormalizedText: the normaliser with offsets into the original text. */
class NlpNormalizedTextSpec extends Specification {
    /** The inputs of AliasNormalizerSpec (the rule's examples and more scripts). */
    static final List<String> EXAMPLES = [
            'NF-κB', 'IL-6', '  Tumor   Necrosis\tFactor ', 'Café au lait', 'Naïve T-cells', 'Ångström', 'HMDB_0001839',
            'MESH:C007309', 'GO:0008150', 'R-HSA-109581', 'CO2/HCO3-', 'Lead(II) acetate', 'N,N-dimethyl-formamide',
            '\uFB01brinogen', 'Vitamin B\u2081\u2082', '\u00B5g', 'Straße', 'İstanbul', 'ΣΑΣ', 'TNF\u2013α', '1/2',
            '\u00BD', 'x\u00A0y', '\u3392', '', 'α-Synuclein', 'Ωmega-3 ΔFosB', 'æ Œuvre ﬀ ﬃ', '乳腺癌 BRCA1', 'ＡＢＣ１２３',
            'a\u200Bb\uFEFFc', 'a\u2003\u3000\u0085b\u001Cc', 'e\u034Fx', '\u0915\u093F', 'a\u0323\u0302', '--__//', ' \t\n ',
            'ΣΑΣ ΟΔΟΣ σΣ', 'İİ İi', 'x\u0301\u0323y', '😀 𝔘𝔫𝔦 \uD835', '\uDC00lone', 'Ǆ ǅ ǆ ﬅ', '\u1E9E ß ﬆ']

    def "text() equals AliasNormalizer.normalize for the normaliser's examples: #input"() {
        expect:
        NormalizedText.of(input).text() == AliasNormalizer.normalize(input)
        spansAreSane(input)

        where:
        input << EXAMPLES
    }

    def "text() equals AliasNormalizer.normalize for random strings of many scripts"() {
        given:
        def alphabet = ('abcXYZ019 -_/\t\n\r\u000B\u000C\u001C\u001F\u0085\u00A0\u1680\u2000\u200A\u2028\u2029\u202F\u205F\u3000' +
                '\u200B\uFEFFéÉèàÀçÇñÑöÖüÜøÅåİıΣσςΑαΩωΔδµ\u0301\u0302\u0323\u0327\u034F\u093F\u0915ﬁﬂﬀﬃﬄ½¼²₁₂㎒㎏ＡＢ１２' +
                'ǄǅǆßẞŉĳĲ乳腺癌한국어–−‐()[]:;,.\'′+=*&%$#@!?~^`|\\"').codePoints().toArray()
        def extra = ['😀', '𝔘', '\uD835\uDD18', '\uD835', '\uDC00', 'A\u030A', '\u1100\u1161', '\u0130'] // astral, lone surrogates, jamo
        def rnd = new Random(20240601)
        List<String> samples = (0..<4000).collect { n ->
            def sb = new StringBuilder()
            int len = rnd.nextInt(30)
            len.times {
                if (rnd.nextInt(10) == 0) {
                    sb.append(extra[rnd.nextInt(extra.size())])
                } else {
                    sb.appendCodePoint(alphabet[rnd.nextInt(alphabet.length)])
                }
            }
            sb.toString()
        }

        expect: 'a failure names the sample by its code points'
        verifyEach(samples, { s -> s.codePoints().toArray().collect { Integer.toHexString(it) } }) { s ->
            NormalizedText.of(s).text() == AliasNormalizer.normalize(s)
            spansAreSane(s)
        }
    }

    def "offsets point at the original code point of each normalised character"() {
        given:
        def original = '  Café \u00A0 ﬁbrinogène/İL-6  '
        def nt = NormalizedText.of(original)

        expect:
        nt.text() == 'cafe fibrinogene il 6'
        // 'c' of cafe ← 'C' at 2, 'e' ← 'é' at 5
        nt.originalStart(0) == 2 && nt.originalEnd(0) == 3
        nt.originalStart(3) == 5 && nt.originalEnd(3) == 6
        // the collapsed space run maps to its first separator
        nt.originalStart(4) == 6
        // both letters of the ligature map to the ligature
        nt.originalStart(5) == 9 && nt.originalEnd(5) == 10
        nt.originalStart(6) == 9 && nt.originalEnd(6) == 10
        // 'i' of İ (which lower-cases to i + combining dot)
        original.substring(nt.originalStart(17), nt.originalEnd(17)) == 'İ'
        original.substring(nt.originalStart(20), nt.originalEnd(20)) == '6'
        nt.originalSpan(5, 16) as List == [9, 19]
        original.substring(9, 19) == 'ﬁbrinogène'
    }

    def "an astral character maps both UTF-16 units to its surrogate pair"() {
        given:
        def nt = NormalizedText.of('a 😀x')

        expect:
        nt.text() == 'a 😀x'
        nt.originalStart(2) == 2 && nt.originalEnd(2) == 4
        nt.originalStart(3) == 2 && nt.originalEnd(3) == 4
        nt.originalStart(4) == 4
    }

    private static boolean spansAreSane(String s) {
        def nt = NormalizedText.of(s)
        int prev = 0
        for (int i = 0; i < nt.length(); i++) {
            int a = nt.originalStart(i)
            int b = nt.originalEnd(i)
            if (a < prev || a >= b || b > s.length()) {
                return false
            }
            prev = a
        }
        true
    }
}
