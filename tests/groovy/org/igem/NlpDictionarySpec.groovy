package org.igem

import org.igem.nlp.AliasDictionary
import org.igem.nlp.AliasRow
import org.igem.nlp.DictionaryOptions
import org.igem.nlp.NlpIndex
import spock.lang.Specification

/** The alias dictionary: what goes into the automaton, what is counted, the primary-name cache. */
class NlpDictionarySpec extends Specification {
    static AliasRow row(long id, long entity, String value, String norm, boolean primary = false, boolean active = true,
                        String type = 'Genes', String domain = 'Genomics') {
        new AliasRow(id, entity, value, norm, primary, active, type, domain)
    }

    static final List<AliasRow> ROWS = [
            row(1, 10, 'IL-6', 'il 6', true),
            row(2, 10, 'Interleukin 6', 'interleukin 6'),
            row(3, 11, 'IL6', 'il6', true, true, 'Proteins', 'Genomics'),
            row(5, 13, 'Zn', 'zn', true, true, 'Chemicals', 'Exposome'),            // short, primary
            row(6, 14, 'Disease', 'disease', true, true, 'Diseases', 'Knowledge'),   // stopword, primary
            row(7, 14, 'The', 'the'),                                               // stopword
            row(8, 15, 'Old name', 'old name', true, false),                       // inactive
            row(9, 16, 'No norm', null, true),                                     // null norm
            row(12, 21, 'P10', 'p10', false, true, 'Chemicals', 'Exposome'),        // several entries per norm
            row(11, 20, 'p10', 'p10'),
            row(13, 22, 'p-10', 'p10', false, true, null, null),       // no entity type: not loaded (inner join)
            row(41, 30, 'Beta name', 'beta name', true, true, 'Chemicals', 'Exposome'),
            row(40, 30, 'Alpha name', 'alpha name', true, true, 'Chemicals', 'Exposome'),
            row(50, 40, 'αβ', 'αβ'),                                               // 2 code points: short
            row(51, 41, '𝔘𝔘', '𝔘𝔘'),                                               // 4 chars, 2 code points: short
            row(52, 42, '😀😀😀', '😀😀😀'),                                          // 6 chars, 3 code points: kept
            row(53, 43, '', ''),                                                   // empty norm: short
    ]

    def "filters and counts with the default options"() {
        when:
        def index = NlpIndex.build(ROWS.iterator(), DictionaryOptions.defaults())
        def st = index.stats()

        then:
        st.rowsRead() == ROWS.size()
        st.inactive() == 1
        st.nullNorm() == 1
        st.filteredType() == 1 // the alias without an entity type
        st.filteredShort() == 4
        st.filteredStopword() == 2
        st.aliasCount() == 8
        index.aliasCount() == 8
        st.normCount() == 7 // il 6, interleukin 6, il6, p10, beta name, alpha name, 😀😀😀
        index.normCount() == 7
        st.minAliasLength() == 3
        st.nameCacheCount() == 5 // entities 10, 11, 13, 14, 30: filtered primaries kept, inactive / null-norm ones not

        and: 'the primary-name cache ignores the length and stopword filters; the smallest alias id wins'
        index.primaryName(10) == 'IL-6'
        index.primaryName(13) == 'Zn'
        index.primaryName(14) == 'Disease'
        index.primaryName(30) == 'Alpha name'
        index.primaryName(15) == null
        index.primaryName(16) == null
        index.primaryName(99) == null

        and: 'filtered norms are not in the automaton'
        index.lookup('Zn').isEmpty()
        index.lookup('disease').isEmpty()
        index.lookup('the').isEmpty()
        index.lookup('old name').isEmpty()
        index.lookup('αβ').isEmpty()
        index.lookup('😀😀😀')*.entityId() == [42L]
    }

    def "several entries per norm, ordered by entity id then alias id, with names and types"() {
        given:
        def index = NlpIndex.build(ROWS.iterator(), DictionaryOptions.defaults())

        when:
        def entries = index.lookup('P10')

        then:
        entries*.entityId() == [20L, 21L]
        entries*.aliasId() == [11L, 12L]
        entries*.alias() == ['p10', 'P10']
        entries*.aliasNorm() == ['p10', 'p10']
        entries*.entityType() == ['Genes', 'Chemicals']
        entries*.domain() == ['Genomics', 'Exposome']
        entries*.primaryName() == [null, null]

        and: 'lookup normalises its argument'
        index.lookup('IL-6')*.alias() == ['IL-6']
        index.lookup('  il_6 ')*.alias() == ['IL-6']
        index.lookup('IL-6')[0].primary()
        index.lookup('IL-6')[0].primaryName() == 'IL-6'
        index.lookup('interleukin-6')[0].primaryName() == 'IL-6'
        !index.lookup('interleukin-6')[0].primary()
        index.lookup('il').isEmpty()
        index.lookup('').isEmpty()
        index.lookup(null).isEmpty()
    }

    def "entity type and domain filters (case-insensitive), counted; the name cache ignores them"() {
        when:
        def genes = NlpIndex.build(ROWS.iterator(), DictionaryOptions.defaults().withEntityTypes(['genes']))

        then:
        genes.stats().filteredType() == 7 // every active row with a norm that is not a Genes alias
        genes.stats().filteredShort() == 3
        genes.stats().filteredStopword() == 1
        genes.aliasCount() == 4
        genes.lookup('p10')*.entityId() == [20L]
        genes.lookup('il6').isEmpty()
        genes.primaryName(11) == 'IL6'
        genes.primaryName(30) == 'Alpha name'

        when:
        def exposome = NlpIndex.build(ROWS.iterator(), DictionaryOptions.defaults().withDomains(['Exposome']))

        then:
        exposome.lookup('p10')*.entityId() == [21L]
        exposome.lookup('alpha name')*.entityId() == [30L]
        exposome.lookup('il 6').isEmpty()
        exposome.stats().filteredShort() == 1 // Zn
        exposome.aliasCount() == 3

        when:
        def both = NlpIndex.build(ROWS.iterator(), DictionaryOptions.defaults().withDomains(['genomics']).withEntityTypes(['Proteins']))

        then:
        both.aliasCount() == 1
        both.lookup('il6')*.entityId() == [11L]
    }

    def "custom minimum length and stopwords"() {
        when:
        def index = NlpIndex.build(ROWS.iterator(), DictionaryOptions.defaults().withMinAliasLength(2).withStopwords(['IL-6', 'P10']))

        then:
        index.lookup('zn')*.entityId() == [13L]
        index.lookup('αβ')*.entityId() == [40L]
        index.lookup('the')*.entityId() == [14L]
        index.lookup('il 6').isEmpty()
        index.stats().filteredStopword() == 3 // il 6 and the two typed p10
        index.stats().filteredShort() == 1 // the empty norm
    }

    def "the default stopwords are the resolver's list"() {
        expect:
        DictionaryOptions.DEFAULT_STOPWORDS.size() == 59
        DictionaryOptions.defaults().stopwords() == DictionaryOptions.DEFAULT_STOPWORDS as Set
        verifyEach(['disease', 'factor', 'protein', 'gene', 'pathway', 'complex', 'the', 'off']) { it in DictionaryOptions.DEFAULT_STOPWORDS }
        DictionaryOptions.defaults().minAliasLength() == 3
    }

    def "an empty input gives an empty dictionary that still answers"() {
        when:
        def index = NlpIndex.build([].iterator(), null)

        then:
        index.aliasCount() == 0
        index.normCount() == 0
        index.search('IL-6 and anything').isEmpty()
        index.lookup('il 6').isEmpty()
    }

    def "AliasDictionary.build alone reports the same counts"() {
        when:
        def d = AliasDictionary.build(ROWS.iterator(), DictionaryOptions.defaults())

        then:
        d.entryCount() == 8
        d.normCount() == 7
        d.nameCacheCount() == 5
        d.primaryName(14) == 'Disease'
        NlpIndex.of(d).lookup('il6')*.entityId() == [11L]
    }
}
