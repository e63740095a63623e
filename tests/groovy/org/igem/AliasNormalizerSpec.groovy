package org.igem

import org.igem.nlp.AliasNormalizer
import spock.lang.Specification

/** docs/alias-normalisation.md: the alias normalisation, with its examples and more scripts. */
class AliasNormalizerSpec extends Specification {
    def "reference examples: #input"() {
        expect:
        AliasNormalizer.normalize(input) == expected

        where:
        input                               || expected
        'NF-κB'                             || 'nf κb'
        'IL-6'                              || 'il 6'
        '  Tumor   Necrosis\tFactor '       || 'tumor necrosis factor'
        'Café au lait'                      || 'cafe au lait'
        'Naïve T-cells'                     || 'naive t cells'
        'Ångström'                          || 'angstrom'
        'HMDB_0001839'                      || 'hmdb 0001839'
        'MESH:C007309'                      || 'mesh:c007309'
        'GO:0008150'                        || 'go:0008150'
        'R-HSA-109581'                      || 'r hsa 109581'
        'CO2/HCO3-'                         || 'co2 hco3'
        'Lead(II) acetate'                  || 'lead(ii) acetate'
        'N,N-dimethyl-formamide'            || 'n,n dimethyl formamide'
        '\uFB01brinogen'                    || 'fibrinogen'
        'Vitamin B\u2081\u2082'             || 'vitamin b12'
        '\u00B5g'                           || '\u03BCg'
        'Straße'                            || 'straße'
        'İstanbul'                          || 'istanbul'
        'ΣΑΣ'                               || 'σας'
        'TNF\u2013α'                        || 'tnf\u2013α'
        '1/2'                               || '1 2'
        '\u00BD'                            || '1\u20442'
        'x\u00A0y'                          || 'x y'
        '\u3392'                            || 'MHz'
        ''                                  || ''
    }

    def "more scripts and edge cases: #why"() {
        expect:
        AliasNormalizer.normalize(input) == expected

        where:
        input                          || expected                  | why
        'α-Synuclein'                  || 'α synuclein'             | 'Greek kept, hyphen to space'
        'Ωmega-3 ΔFosB'                || 'ωmega 3 δfosb'           | 'Greek capitals lower-cased'
        'æ Œuvre ﬀ ﬃ'                  || 'æ œuvre ff ffi'          | 'ligatures: ff/ffi decompose, æ/œ have no decomposition'
        '乳腺癌 BRCA1'                  || '乳腺癌 brca1'               | 'CJK kept'
        'ＡＢＣ１２３'                     || 'abc123'                  | 'full-width to ASCII'
        'a\u200Bb\uFEFFc'              || 'a\u200Bb\uFEFFc'         | 'zero-width space and BOM are not whitespace'
        'a\u2003\u3000\u0085b\u001Cc'  || 'a b c'                   | 'Python whitespace set'
        'e\u034Fx'                     || 'e\u034Fx'                | 'combining grapheme joiner has class 0: kept'
        '\u0915\u093F'                 || '\u0915\u093F'            | 'Devanagari vowel sign has class 0: kept'
        'a\u0323\u0302'                || 'a'                       | 'stacked marks of several classes dropped'
        '--__//'                       || ''                        | 'only separators'
        ' \t\n '                       || ''                        | 'only whitespace'
    }

    def "what the ETL stores: double pass, trim, 1000 code points, null stays null"() {
        expect:
        AliasNormalizer.normalizeForStorage('\u3392') == 'mhz'
        AliasNormalizer.normalizeForStorage(null) == null
        AliasNormalizer.normalize(null) == null
        AliasNormalizer.normalizeForStorage('😀' * 1200).codePointCount(0, AliasNormalizer.normalizeForStorage('😀' * 1200).length()) == 1000
        AliasNormalizer.normalizeForStorage('x' * 999 + 'Y') == 'x' * 999 + 'y'
    }
}
