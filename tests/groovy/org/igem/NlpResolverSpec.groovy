package org.igem


import org.igem.core.IgemException;

import java.nio.file.Files

import org.igem.nlp.AliasNormalizer
import org.igem.nlp.AliasRow
import org.igem.nlp.DictionaryOptions
import org.igem.nlp.NlpCache
import org.igem.nlp.NlpIndex
import org.igem.nlp.ResolveOptions
import org.igem.nlp.ResolveOptions.Mode
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

/**
 * The original igem-server resolver's results: boundary rule, rows loaded, lower-casing,
 * lookup, the ResolvedMatch model, output modes and filters. The table's expected matches were
 * derived by applying the original's rules with Python 3.11 (str.lower, NFKD, combining, isalnum)
 * and checked by hand.
 */
class NlpResolverSpec extends Specification {
    static AliasRow stored(long id, long entity, String value, boolean primary, boolean active, Integer typeId,
                           String type, String domain, String aliasType, String xref) {
        new AliasRow(id, entity, value, AliasNormalizer.normalizeForStorage(value), primary, active, typeId, type, domain,
                aliasType, xref)
    }

    static final List<AliasRow> ROWS = [
            stored(10, 1, 'BRCA1', true, true, 2, 'Genes', 'Genomics', 'preferred', 'HGNC'),
            stored(11, 1, 'breast cancer 1', false, true, 2, 'Genes', 'Genomics', 'synonym', 'NCBI'),
            stored(20, 2, 'Breast cancer', true, true, 8, 'Diseases', 'Exposome', 'preferred', 'MONDO'),
            stored(30, 3, 'Cancer', true, true, 8, 'Diseases', 'Exposome', 'preferred', 'MONDO'),
            stored(40, 4, 'NF-κB', true, true, 3, 'Proteins', 'Genomics', 'preferred', 'UNIPROT'),
            stored(41, 4, 'NFKB', false, true, 3, 'Proteins', 'Genomics', 'code', 'UNIPROT'),
            stored(49, 5, 'IL 6', false, true, 2, 'Genes', 'Genomics', 'code', 'NCBI'),
            stored(50, 5, 'IL-6', true, true, 2, 'Genes', 'Genomics', 'preferred', 'HGNC'),
            stored(51, 5, 'il_6', false, true, 2, 'Genes', 'Genomics', 'synonym', 'ENSEMBL'),
            stored(52, 5, 'Interleukin 6', false, true, 2, 'Genes', 'Genomics', 'synonym', 'HGNC'),
            stored(60, 6, 'Interleukin-6 (protein)', true, true, 3, 'Proteins', 'Genomics', 'preferred', 'UNIPROT'),
            stored(61, 6, 'IL-6', false, true, 3, 'Proteins', 'Genomics', 'synonym', 'UNIPROT'),
            stored(70, 7, 'Lead(II) acetate', true, true, 9, 'Chemicals', 'Exposome', 'preferred', 'CHEBI'),
            stored(71, 7, '(II)', false, true, 9, 'Chemicals', 'Exposome', 'code', 'CHEBI'),
            stored(90, 9, 'CD4+', true, true, 10, 'Phenotypes', 'Exposome', 'preferred', 'HPO'),
            stored(100, 10, 'T cells', true, true, 14, 'Anatomy', 'Knowledge', 'preferred', 'UBERON'),
            stored(110, 11, 'Café-au-lait spots', true, true, 10, 'Phenotypes', 'Exposome', 'preferred', 'HPO'),
            stored(130, 13, 'Vitamin B₁₂', true, true, 9, 'Chemicals', 'Exposome', 'preferred', 'CHEBI'),
            stored(140, 14, 'α-Synuclein', true, true, 3, 'Proteins', 'Genomics', 'preferred', 'UNIPROT'),
            stored(150, 15, 'SNCA', true, true, 2, 'Genes', 'Genomics', 'preferred', 'HGNC'),
            stored(160, 16, 'Parkinson\'s disease', true, true, 8, 'Diseases', 'Exposome', 'preferred', 'MONDO'),
            stored(170, 17, 'CO2', true, true, 9, 'Chemicals', 'Exposome', 'preferred', 'CHEBI'),
            stored(171, 17, 'carbon dioxide', false, true, 9, 'Chemicals', 'Exposome', 'synonym', 'MESH'),
            stored(180, 18, 'TNF-α', true, true, 2, 'Genes', 'Genomics', 'preferred', 'HGNC'),
            stored(190, 19, 'ΣΤΑΣΙΣ', true, true, 10, 'Phenotypes', 'Exposome', 'preferred', 'HPO'),
            stored(210, 21, '1,2-Dichloroethane', true, true, 9, 'Chemicals', 'Exposome', 'preferred', 'CHEBI'),
            stored(220, 22, 'GO:0008150', false, true, 7, 'Gene Ontology', 'Knowledge', 'code', 'GO'),
            stored(221, 22, 'biological process', true, true, 7, 'Gene Ontology', 'Knowledge', 'preferred', 'GO'),
            stored(260, 26, 'Zn', true, true, 9, 'Chemicals', 'Exposome', 'preferred', 'CHEBI'),
            stored(261, 26, 'zinc', false, true, 9, 'Chemicals', 'Exposome', 'synonym', 'MESH'),
            stored(270, 27, 'Disease', true, true, 8, 'Diseases', 'Exposome', 'preferred', 'MONDO'),
            stored(290, 29, 'ghost gene', true, false, 2, 'Genes', 'Genomics', 'preferred', 'HGNC'),
            stored(300, 30, 'orphan alias', true, true, null, null, null, 'preferred', 'HGNC'),
            stored(305, 30, 'dangling alias', true, true, null, null, null, 'preferred', 'HGNC'),
            new AliasRow(310, 31, 'nullnorm', null, true, true, 2, 'Genes', 'Genomics', 'preferred', 'HGNC'),
            new AliasRow(320, 32, 'Empty-Norm Alias', '', true, true, 2, 'Genes', 'Genomics', 'preferred', 'HGNC'),
            stored(330, 33, 'HMDB_0001839', true, true, 9, 'Chemicals', 'Exposome', 'preferred', 'HMDB'),
            stored(340, 34, 'N,N-dimethylformamide', true, true, 9, 'Chemicals', 'Exposome', 'preferred', 'CHEBI'),
            stored(350, 35, 'TP53', true, true, 2, 'Genes', 'Genomics', 'preferred', 'HGNC'),
            stored(351, 35, 'p53', false, true, 2, 'Genes', 'Genomics', 'synonym', 'HGNC'),
            stored(352, 36, 'p53', true, true, 3, 'Proteins', 'Genomics', 'preferred', 'UNIPROT'),
            stored(360, 37, 'Alzheimer\'s', true, true, 8, 'Diseases', 'Exposome', 'synonym', 'MESH'),
            stored(361, 37, 'Alzheimer disease', false, true, 8, 'Diseases', 'Exposome', 'preferred', 'MONDO'),
            stored(370, 38, 'Na+/K+-ATPase', true, true, 3, 'Proteins', 'Genomics', 'preferred', 'UNIPROT'),
            stored(380, 39, 'ΔF508', true, true, 2, 'Genes', 'Genomics', 'preferred', 'NCBI'),
            stored(390, 40, 'naïve T cells', true, true, 14, 'Anatomy', 'Knowledge', 'preferred', 'UBERON'),
    ]

    @Shared NlpIndex index = NlpIndex.build(ROWS.iterator(), DictionaryOptions.defaults())
    static final ResolveOptions ALL = ResolveOptions.defaults().withMode(Mode.ALL_CANDIDATES)

    static List<String> found(NlpIndex ix, String text, ResolveOptions o = ALL) {
        ix.resolve(text, o).collect { "${it.matchedText()}=${it.entityId()}".toString() }
    }

    @Unroll
    def "tricky sentence #text"() {
        expect:
        found(index, text) == expected

        where:
        text || expected
        'BRCA1 mutations raise breast cancer risk.' || ['brca1=1', 'breast cancer=2', 'cancer=3']
        'Breast cancer 1 (BRCA1) is a tumour suppressor.' || ['breast cancer 1=1', 'breast cancer=2', 'cancer=3', 'brca1=1']
        'breast-cancer-1 carriers' || ['breast cancer 1=1', 'breast cancer=2', 'cancer=3']
        'Cancer, not breast cancer.' || ['cancer=3', 'breast cancer=2', 'cancer=3']
        'NF-κB activation' || ['nf κb=4']
        'NF-KB and NFKB' || ['nfkb=4']
        'nf_κb/NFKB' || ['nf κb=4', 'nfkb=4']
        'IL-6 levels' || ['il 6=5', 'il 6=6']
        'IL6 is not IL 6' || ['il 6=5', 'il 6=6']
        'il_6/IL-6' || ['il 6=5', 'il 6=6', 'il 6=5', 'il 6=6']
        'Interleukin-6 (protein) binds' || ['interleukin 6 (protein)=6', 'interleukin 6=5']
        'pIL-6 and IL-67 are not IL-6.' || ['il 6=5', 'il 6=6']
        'Lead(II) acetate poisoning' || ['lead(ii) acetate=7']
        'lead(II)acetate is not spaced' || []
        'the (II) form' || ['(ii)=7']
        'CD4+CD25+ T cells' || ['t cells=10']
        'CD4+ T cells' || ['cd4+=9', 't cells=10']
        '(CD4+)' || ['cd4+=9']
        'Café au lait spots were seen' || ['cafe au lait spots=11']
        'CAFE-AU-LAIT SPOTS' || ['cafe au lait spots=11']
        'café-au-lait spotsx' || []
        'Vitamin B12 and vitamin B₁₂' || ['vitamin b12=13', 'vitamin b12=13']
        'vitamin b12a' || []
        'α-synuclein aggregates' || ['α synuclein=14']
        'Α-SYNUCLEIN (capital alpha)' || ['α synuclein=14']
        'alpha-synuclein is spelled out' || []
        'SNCA/α-synuclein' || ['snca=15', 'α synuclein=14']
        'Parkinson\'s disease onset' || ['parkinson\'s disease=16']
        'Parkinson’s disease with a curly apostrophe' || []
        'Alzheimer\'s and Alzheimer disease' || ['alzheimer\'s=37', 'alzheimer disease=37']
        'CO2/HCO3- balance' || ['co2=17']
        'CO2-rich, carbon dioxide' || ['co2=17', 'carbon dioxide=17']
        'TNF-α and TNF–α' || ['tnf α=18']
        'ΣΤΑΣΙΣ-A' || ['στασις=19']
        'ΣΤΑΣΙΣA' || []
        '1,2-dichloroethane exposure' || ['1,2 dichloroethane=21']
        'GO:0008150 and biological process' || ['go:0008150=22', 'biological process=22']
        'GO:00081500' || []
        'zinc, Zn' || ['zinc=26']
        'the disease' || []
        'ghost gene, orphan alias, dangling alias, nullnorm' || []
        'empty norm alias found' || ['empty norm alias=32']
        'HMDB_0001839 / hmdb-0001839' || ['hmdb 0001839=33', 'hmdb 0001839=33']
        'N,N-dimethylformamide solvent' || ['n,n dimethylformamide=34']
        'TP53 and p53' || ['tp53=35', 'p53=35', 'p53=36']
        'p53-null cells' || ['p53=35', 'p53=36']
        'Na+/K+-ATPase pump' || ['na+ k+ atpase=38']
        'ΔF508 deletion' || ['δf508=39']
        'Naive T cells and naïve T-cells' || ['naive t cells=40', 't cells=10', 'naive t cells=40', 't cells=10']
        '❶BRCA1 and BRCA1❶' || []
        'BRCA1\u0903 BRCA1\ufe0f' || ['brca1=1', 'brca1=1']
        '〇SNCA ↂSNCA' || []
        'BRCA1ab, 1BRCA1, _BRCA1_' || ['brca1=1']
    }

    def "a loaded cache resolves exactly as a fresh build (alias types, xref sources, type ids survive the file)"() {
        given:
        def dir = Files.createTempDirectory('nlp-resolver')
        NlpCache.write(NlpIndex.build(ROWS.iterator(), DictionaryOptions.defaults()), dir)
        def loaded = NlpCache.load(dir)

        expect:
        verifyEach(SENTENCES) { t -> loaded.resolve(t, ALL)*.toJson() == index.resolve(t, ALL)*.toJson() }
        loaded.resolve('IL-6', null)[0].xrefSource() == 'HGNC'
    }

    static final List<String> SENTENCES = ['BRCA1 mutations raise breast cancer risk.', 'IL-6 levels', 'Lead(II) acetate poisoning',
                                           'CD4+ T cells', 'zinc, Zn', 'TP53 and p53', 'GO:0008150 and biological process',
                                           'Naive T cells and naïve T-cells', 'ΣΤΑΣΙΣ-A']

    def "boundary: an alias ending in punctuation still needs a non-alphanumeric neighbour (CD4+ in CD4+CD25+)"() {
        expect:
        found(index, 'CD4+CD25+ T cells') == ['t cells=10']
        found(index, 'CD4+ T cells') == ['cd4+=9', 't cells=10']
    }

    def "boundary: (II) is no span inside lead(II)acetate"() {
        expect:
        found(index, 'lead(II)acetate') == []
        found(index, 'the (II) form') == ['(ii)=7']
    }

    def "boundary: a surviving combining mark is not alphanumeric (BRCA1 + U+0903 / U+FE0F is a hit)"() {
        expect:
        AliasNormalizer.normalize('BRCA1\u0903') == 'brca1\u0903'
        found(index, 'BRCA1\u0903') == ['brca1=1']
        found(index, 'BRCA1\ufe0f') == ['brca1=1']
    }

    def "boundary: other numerals are alphanumeric as in Python (❶ 〇 ↂ), though Java's isLetterOrDigit rejects them"() {
        expect:
        verifyEach(['❶', '〇', 'ↂ']) {
            !Character.isLetterOrDigit(it.codePointAt(0))
            AliasNormalizer.isAlnum(it.codePointAt(0))
        }
        found(index, '❶BRCA1') == []
        found(index, 'BRCA1❶') == []
        found(index, '〇SNCA') == []
        found(index, 'ↂSNCA') == []
    }

    def "boundary: letters the JVM's Unicode does not know yet count (U+0870, Unicode 14) — ICU's Unicode version"() {
        expect:
        AliasNormalizer.unicodeVersion() == '16.0'
        !Character.isLetter(0x870) // JDK 17: Unicode 13
        AliasNormalizer.isAlnum(0x870)
        found(index, 'BRCA1\u0870') == []
    }

    def "rows loaded: an alias whose type_id is NULL or dangling is not loaded (inner join)"() {
        expect:
        index.lookup('orphan alias').isEmpty()
        index.lookup('dangling alias').isEmpty()
        index.primaryName(30) == null
    }

    def "rows loaded: NULL alias_norm is skipped, an empty alias_norm falls back to normalize(alias_value)"() {
        expect:
        index.lookup('nullnorm').isEmpty()
        index.lookup('Empty-Norm Alias')*.aliasId() == [320L]
        found(index, 'empty norm alias found') == ['empty norm alias=32']
    }

    def "rows loaded: length < 3 and stopwords are filtered after the fallback; inactive aliases are not loaded"() {
        given:
        def rows = [new AliasRow(1, 1, 'Zn', '', true, true, 9, 'Chemicals', 'Exposome', 'preferred', null),
                    new AliasRow(2, 2, 'Disease', '', true, true, 8, 'Diseases', 'Exposome', 'preferred', null),
                    new AliasRow(3, 3, 'ghost gene', 'ghost gene', true, false, 2, 'Genes', 'Genomics', 'preferred', null)]
        def ix = NlpIndex.build(rows.iterator(), null)

        expect:
        ix.aliasCount() == 0
        ix.stats().filteredShort() == 1
        ix.stats().filteredStopword() == 1
        ix.stats().inactive() == 1
    }

    def "lower-casing is Python's str.lower(): full mapping, final sigma by context"() {
        expect:
        AliasNormalizer.normalize(input) == output

        where:
        input       || output
        'ΣΤΑΣΙΣ-A'  || 'στασις a'
        'Σ1Σ'       || 'σ1σ'      // Python 3.11 gives this: '1' is not cased, so the second Σ is not final
        'AΣ1'       || 'aς1'
        'ΣΑΣ'       || 'σας'
        'İstanbul'  || 'istanbul'
        'ΣΤΑΣΙΣA'   || 'στασισa'
    }

    def "lookup normalises its input once (㎒ normalises to MHz; the stored norm is mhz)"() {
        given:
        def ix = NlpIndex.build([stored(1, 1, '㎒', true, true, 9, 'Chemicals', 'Exposome', 'code', null)].iterator(), null)

        expect:
        AliasNormalizer.normalizeForStorage('㎒') == 'mhz'
        ix.lookup('㎒').isEmpty()
        ix.lookup('MHZ')*.entityId() == [1L]
        ix.lookup('mhz')*.entityId() == [1L]
    }

    def "the output model: spans, normalised span, context, entity, best alias, method, confidence, status"() {
        when:
        def m = index.resolve('😀 IL-6 rises', ALL)

        then:
        m.size() == 2
        with(m[0]) {
            matchedText() == 'il 6'
            [start(), end()] == [3, 7]
            text() == 'IL-6'
            [normStart(), normEnd()] == [2, 6] // code points of '😀 il 6 rises'
            context() == '😀 IL-6 rises'
            entityId() == 5
            primaryName() == 'IL-6'
            [entityTypeId(), entityType(), domain()] == [2, 'Genes', 'Genomics']
            // preferred beats the code alias 49 with the smaller id, and synonym 51
            [aliasId(), aliasValue(), aliasType(), xrefSource()] == [50L, 'IL-6', 'preferred', 'HGNC']
            matchMethod() == 'exact_aho'
            confidence() == 0.5d
            reviewStatus() == 'pending'
            sourceRecordId() == null
            sourceField() == null
        }
        with(m[1]) {
            entityId() == 6
            primaryName() == 'Interleukin-6 (protein)'
            [entityTypeId(), entityType(), aliasId(), aliasType(), xrefSource()] == [3, 'Proteins', 61L, 'synonym', 'UNIPROT']
        }
    }

    def "best alias: ties of alias type go to the smallest alias id"() {
        given:
        def rows = [stored(9, 1, 'Tnf Alpha', false, true, 2, 'Genes', 'Genomics', 'other', null),
                    stored(8, 1, 'TNF-alpha', false, true, 2, 'Genes', 'Genomics', 'synonym', 'A'),
                    stored(7, 1, 'tnf alpha', false, true, 2, 'Genes', 'Genomics', 'synonym', 'B'),
                    stored(3, 1, 'TNF ALPHA', false, true, 2, 'Genes', 'Genomics', 'code', 'C')]

        expect:
        NlpIndex.build(rows.iterator(), null).resolve('tnf-alpha', null)*.aliasId() == [7L]
    }

    def "the primary name comes from the is_primary alias even when that alias is filtered out (Zn: too short)"() {
        expect:
        index.lookup('Zn').isEmpty()
        index.resolve('zinc', null)*.primaryName() == ['Zn']
    }

    def "context is about 100 characters: 50 either side of the span"() {
        given:
        String text = 'x' * 80 + ' BRCA1 ' + 'y' * 80

        when:
        def m = index.resolve(text, null)[0]

        then:
        m.context() == 'x' * 49 + ' BRCA1 ' + 'y' * 49
        m.context().length() == 105
    }

    def "sorted by span start, then confidence descending"() {
        expect:
        index.resolve('p53 and breast cancer 1', ALL).collect { [it.start(), it.confidence(), it.entityId()] } ==
                [[0, 0.5d, 35L], [0, 0.5d, 36L], [8, 1.0d, 1L], [8, 1.0d, 2L], [15, 1.0d, 3L]]
    }

    def "modes: best_match one per span, all_candidates every entity, smart top-1 only at or above the threshold"() {
        expect:
        found(index, 'IL-6 and BRCA1', ResolveOptions.defaults().withMode(mode).withThreshold(threshold)) == expected
        index.resolve('IL-6', ResolveOptions.defaults().withThreshold(threshold))*.reviewStatus() == [status]

        where:
        mode                | threshold || expected                              | status
        Mode.BEST_MATCH     | 0.9       || ['il 6=5', 'brca1=1']                 | 'pending'
        Mode.ALL_CANDIDATES | 0.9       || ['il 6=5', 'il 6=6', 'brca1=1']       | 'pending'
        Mode.SMART          | 0.9       || ['il 6=5', 'il 6=6', 'brca1=1']       | 'pending'
        Mode.SMART          | 0.5       || ['il 6=5', 'brca1=1']                 | 'auto'
    }

    def "filters by entity type names and by domains (case-insensitive); filtered entities do not count in the confidence"() {
        expect:
        index.resolve('IL-6 and p53', ALL.withEntityTypes(['proteins'])).collect { [it.entityId(), it.confidence()] } ==
                [[6L, 1.0d], [36L, 1.0d]]
        found(index, 'BRCA1, breast cancer and zinc', ALL.withDomains(['exposome'])) == ['breast cancer=2', 'cancer=3', 'zinc=26']
        found(index, 'BRCA1, breast cancer and zinc', ALL.withDomains(['Exposome']).withEntityTypes(['Chemicals'])) == ['zinc=26']
    }

    def "modes parse the original's names; a bad mode or threshold is a usage error"() {
        expect:
        Mode.parse('best_match') == Mode.BEST_MATCH
        Mode.parse('all-candidates') == Mode.ALL_CANDIDATES
        Mode.parse('SMART') == Mode.SMART

        when:
        Mode.parse('fuzzy')

        then:
        def e = thrown(IgemException)
        e.exitCode() == 2
        e.message.contains('best_match, all_candidates or smart')

        when:
        ResolveOptions.defaults().withThreshold(1.5)

        then:
        thrown(IgemException)
    }
}
