package org.igem

import org.igem.nlp.AliasNormalizer
import org.igem.nlp.AliasRow
import org.igem.nlp.DictionaryOptions
import org.igem.nlp.Hit
import org.igem.nlp.NlpIndex
import org.igem.nlp.SyntheticVocabulary
import spock.lang.Shared
import spock.lang.Specification

/** The Aho-Corasick search: every alias found, whole words only, overlaps longest first, exact spans. */
class NlpIndexSpec extends Specification {
    static final Map<Integer, List<String>> TYPES = [2: ['Genes', 'Genomics'], 9: ['Chemicals', 'Exposome'],
            8: ['Diseases', 'Knowledge'], 3: ['Proteins', 'Genomics'], 6: ['Pathways', 'Knowledge'],
            10: ['Phenotypes', 'Knowledge'], 14: ['Anatomy', 'Knowledge'], 7: ['GO Terms', 'Knowledge']]

    /** A 10k-alias synthetic vocabulary (2 500 entities), as dictionary rows. */
    static List<AliasRow> vocabulary(int entities, long seed) {
        long id = 1
        def rows = []
        for (long e = 0; e < entities; e++) {
            for (def a : SyntheticVocabulary.aliasesOf(e, seed)) {
                def t = TYPES[a.typeId()]
                rows << new AliasRow(id++, a.entityId(), a.value(), a.norm(), a.primary(), true, t[0], t[1])
            }
        }
        rows
    }

    @Shared List<AliasRow> rows = vocabulary(2_500, 7)
    @Shared NlpIndex index = NlpIndex.build(rows.iterator(), DictionaryOptions.defaults())

    def "the synthetic vocabulary has ~10k aliases, all in the automaton"() {
        expect:
        rows.size() >= 9_000
        index.aliasCount() == rows.size()
        index.stats().filteredShort() == 0
        index.stats().filteredStopword() == 0
    }

    def "every alias embedded in generated text is found at its exact span"() {
        given: 'each alias once, shuffled, between separators and punctuation'
        def rnd = new Random(42)
        def shuffled = new ArrayList<AliasRow>(rows)
        Collections.shuffle(shuffled, rnd)
        def separators = [' ', ', ', '; ', ' (', ') ', '. ', '\n', ' and ', ' - ', '\t', ' / ', ' [', '] ', ' "', '" ', '  ']
        def sb = new StringBuilder('Start: ')
        def placed = [] // [start, end, row]
        shuffled.each { r ->
            placed << [sb.length(), sb.length() + r.aliasValue().length(), r]
            sb.append(r.aliasValue()).append(separators[rnd.nextInt(separators.size())])
        }
        def text = sb.toString()

        when:
        def hits = index.search(text)
        def bySpanAndAlias = hits.collect { [it.start(), it.end(), it.aliasId()] } as Set

        then:
        verifyEach(placed) { p -> [p[0], p[1], p[2].aliasId()] in bySpanAndAlias }
        verifyEach(hits) {
            it.text() == text.substring(it.start(), it.end())
            AliasNormalizer.normalize(it.text()) == it.aliasNorm()
        }
    }

    def "nothing across word boundaries: an alias glued to letters or digits is not found"() {
        given:
        def sample = rows.findAll { it.aliasId() % 7 == 0 }

        expect:
        verifyEach(sample.collectMany { r ->
            ['x' + r.aliasValue() + 'x', 'q' + r.aliasValue() + ' ', ' ' + r.aliasValue() + 'z', '7' + r.aliasValue(), r.aliasValue() + 'é',
             'É' + r.aliasValue()].collect { glued -> [text: glued, norm: r.aliasNorm()] }
        }) { glued -> !(glued.norm in this.index.search(glued.text)*.aliasNorm()) }
    }

    def "whole words only, with punctuation counting as a boundary"() {
        given:
        def small = NlpIndex.build([new AliasRow(1, 1, 'IL-6', 'il 6', true, true, 'Genes', 'Genomics'),
                                    new AliasRow(2, 2, 'Lead(II)', 'lead(ii)', true, true, 'Chemicals', 'Exposome'),
                                    new AliasRow(3, 3, 'BRCA1', 'brca1', true, true, 'Genes', 'Genomics')].iterator(), null)

        expect:
        small.search(text).collect { it.text() } == found

        where:
        text                            || found
        'IL-6 rises'                    || ['IL-6']
        '(IL-6)'                        || ['IL-6']
        'il_6/IL 6'                     || ['il_6', 'IL 6']
        'IL-67'                         || []
        'pIL-6'                         || []
        'IL-6a'                         || []
        'IL-6.'                         || ['IL-6']
        'Lead(II)acetate'               || []   // the neighbour of ')' is alphanumeric: no span
        'xLead(II)'                     || []
        'BRCA1BRCA1'                    || []
        'BRCA1,BRCA1'                   || ['BRCA1', 'BRCA1']
        'BRCA1\u0301'                   || ['BRCA1\u0301'] // the accent is dropped, and stays in the span
        'brcа1'                         || [] // Cyrillic а
    }

    def "overlapping hits: longest first within a group of overlaps, groups in text order"() {
        given:
        def names = ['tumor necrosis factor', 'necrosis factor', 'tumor', 'factor alpha', 'necrosis', 'levels']
        def small = NlpIndex.build(names.withIndex().collect { n, i ->
            new AliasRow(i + 1, i + 1, n, n, true, true, 'Genes', 'Genomics')
        }.iterator(), null)

        when:
        def hits = small.search('Tumor Necrosis Factor alpha levels, tumor.')

        then:
        hits.collect { [it.start(), it.end(), it.text()] } == [
                [0, 21, 'Tumor Necrosis Factor'],
                [6, 21, 'Necrosis Factor'],
                [15, 27, 'Factor alpha'],
                [6, 14, 'Necrosis'],
                [0, 5, 'Tumor'],
                [28, 34, 'levels'],
                [36, 41, 'tumor']]
    }

    def "spans map to the original text: accents, case, several spaces, tabs, ligatures, İ, combining marks"() {
        given:
        def small = NlpIndex.build([
                new AliasRow(1, 1, 'Café au lait', 'cafe au lait', true, true, 'Phenotypes', 'Knowledge'),
                new AliasRow(2, 2, 'naive T cells', 'naive t cells', true, true, 'Anatomy', 'Knowledge'),
                new AliasRow(3, 3, 'Fibrinogène', 'fibrinogene', true, true, 'Proteins', 'Genomics'),
                new AliasRow(4, 4, 'IL-6', 'il 6', true, true, 'Genes', 'Genomics'),
                new AliasRow(5, 5, 'Straße', 'straße', true, true, 'Anatomy', 'Knowledge'),
                new AliasRow(6, 6, 'cafe', 'cafe', true, true, 'Anatomy', 'Knowledge')].iterator(), null)
        def text = 'Le  CAFÉ   au\tlait, Naïve T-cells et la \uFB01brinogène; İL_6 STRASSE straße. Cafe\u0301!'

        when:
        def hits = small.search(text)

        then:
        hits.collect { it.text() } == ['CAFÉ   au\tlait', 'CAFÉ', 'Naïve T-cells', '\uFB01brinogène', 'İL_6', 'straße', 'Cafe\u0301']
        verifyEach(hits) { text.substring(it.start(), it.end()) == it.text() }
        hits[0].start() == 4
        hits[0].entityId() == 1
        hits[0].alias() == 'Café au lait'
        hits[0].primaryName() == 'Café au lait'
        hits[0].entityType() == 'Phenotypes'
        hits[0].domain() == 'Knowledge'
    }

    def "a hit serialises to the documented JSON fields"() {
        when:
        Hit hit = index.search('about ' + rows[0].aliasValue() + ' only')[0]
        def json = hit.toJson()

        then:
        json.keySet() as List == ['start', 'end', 'text', 'alias', 'entity_id', 'primary_name', 'entity_type', 'domain']
        json.start == 6
        json.end == 6 + rows[0].aliasValue().length()
        json.text == rows[0].aliasValue()
        json.entity_id == rows[0].entityId()
        json.primary_name == rows.find { it.entityId() == rows[0].entityId() && it.isPrimary() }.aliasValue()
        json.entity_type == 'Genes'
        json.domain == 'Genomics'
    }

    def "lookup of every alias of the vocabulary returns its entry"() {
        expect:
        verifyEach(rows) { r -> r.aliasId() in index.lookup(r.aliasValue())*.aliasId() }
    }

    def "an empty or plain text has no hits"() {
        expect:
        index.search('').isEmpty()
        index.search('   \t ').isEmpty()
        !('nothing' in index.search('nothing to see here')*.aliasNorm())
    }

    /** Every span of every norm in {@code norms} in normalised {@code s} that the boundary rule keeps, found by plain indexOf: [start, end, norm] in code points. */
    static Set<List> naiveSpans(String s, Collection<String> norms) {
        def alnumAt = { int i -> i >= 0 && i < s.length() && AliasNormalizer.isAlnum(s.codePointAt(i)) }
        def spans = [] as Set
        norms.each { String norm ->
            for (int from = s.indexOf(norm); from >= 0; from = s.indexOf(norm, from + 1)) {
                int to = from + norm.length()
                boolean before = from == 0 || !AliasNormalizer.isAlnum(s.codePointBefore(from))
                boolean after = !alnumAt(to)
                if (before && after) {
                    spans << [s.codePointCount(0, from), s.codePointCount(0, to), norm]
                }
            }
        }
        spans
    }

    def "the resolver keeps exactly the spans a plain search of every norm keeps under the boundary rule (seed #seed)"() {
        given: 'aliases glued to letters, digits, numerals, marks, surrogate pairs and punctuation'
        def rnd = new Random(seed)
        def glue = ['', ' ', 'x', '9', '+', '(', ')', '-', "'", '/', 'Σ', 'ς', '\u2460', '\u3007', '\u0903', '\uFE0F',
                    '\uD835\uDC00', '\uD83D\uDE00', 'é', 'ß', ', ', '. ', '\t', 'ﬁ', 'İ']
        def sb = new StringBuilder()
        400.times {
            sb.append(glue[rnd.nextInt(glue.size())])
            sb.append(rows[rnd.nextInt(rows.size())].aliasValue())
            sb.append(glue[rnd.nextInt(glue.size())])
        }
        String text = sb.toString()
        String normalised = org.igem.nlp.NormalizedText.of(text).text()
        def norms = rows.collect { it.aliasNorm() }.findAll { it != null && it.length() >= 3 } as Set

        when:
        def found = index.resolve(text, org.igem.nlp.ResolveOptions.defaults().withMode(org.igem.nlp.ResolveOptions.Mode.ALL_CANDIDATES))
                .collect { [it.normStart(), it.normEnd(), it.matchedText()] } as Set
        def expected = naiveSpans(normalised, norms)

        then:
        verifyAll {
            expected.size() > 100
            (expected - found).isEmpty()
            (found - expected).isEmpty()
        }

        where:
        seed << [1, 2, 3]
    }
}
