package org.igem

import org.igem.nlp.AliasNormalizer
import org.igem.nlp.SyntheticVocabulary
import spock.lang.Specification

/** The sped-up generator keeps its outputs: norms as the ETL stores them, the same shapes. */
class NlpSyntheticVocabularySpec extends Specification {
    def "every generated norm is AliasNormalizer.normalizeForStorage of its value"() {
        expect:
        verifyEach((0L..<3_000L).collectMany { SyntheticVocabulary.aliasesOf(it, 42) } +
                [10_000_000L, 123_456_789_012L].collectMany { SyntheticVocabulary.aliasesOf(it, 5) }) {
            it.norm() == AliasNormalizer.normalizeForStorage(it.value())
        }
    }

    def "the fast norm falls back to the normaliser outside its fast alphabet"() {
        expect:
        SyntheticVocabulary.storageNorm(s) == AliasNormalizer.normalizeForStorage(s)

        where:
        s << ['IL-6', 'ΣΑΣ', 'Café', 'Α-β_γ/Ω', '  a  b ', '\u3392', 'x' * 1200, 'TNF\u2013α', '']
    }

    def "regex-free helpers equal what they replace"() {
        expect:
        verifyEach(['WXLI06', 'AB12C3', 'ABC', 'A1', '12', '']) {
            SyntheticVocabulary.hyphenBeforeTrailingDigits(it) == it.replaceFirst('(\\d+)$', '-$1')
        }
        verifyEach([0L, 7L, 1234567L, 12345678L, 99L]) {
            SyntheticVocabulary.zeroPadded7(it) == String.format(Locale.ROOT, '%07d', it)
        }
    }

    def "deterministic: same entity and seed, same aliases"() {
        expect:
        SyntheticVocabulary.aliasesOf(12345, 9) == SyntheticVocabulary.aliasesOf(12345, 9)
        SyntheticVocabulary.aliasesOf(12345, 9) != SyntheticVocabulary.aliasesOf(12345, 10)
    }
}
