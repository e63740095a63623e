package org.igem

import groovy.sql.Sql
import org.igem.support.Backend
import org.igem.support.CliRun
import spock.lang.Shared
import spock.lang.Specification

/**
 * The reference data that {@code db create} / {@code db upgrade} seed (lib/resources/igem/seed/),
 * read back with SQL on one database per back end (created once in setupSpec). Expected
 * facts are written out here from §8.3; descriptions are left alone (the project words them
 * differently on purpose). Features that change rows put them back before they end.
 */
class SeedSpec extends Specification {

    static final List<String> BACKENDS = ['postgresql', 'sqlite']

    /** Rows per seeded table after db create (§8.1), in load order. */
    static final Map<String, Integer> SEED_COUNTS = [
            system_config            : 4,
            igem_metadata            : 1,
            etl_source_systems       : 25,
            etl_data_sources         : 52,
            entity_types             : 14,
            entity_relationship_types: 18,
            genome_assemblies        : 2,
            chemical_groups          : 9,
    ]

    static final Map<Integer, List<String>> ENTITY_TYPES = [
            1 : ['Variants', 'Genomics'],
            2 : ['Genes', 'Genomics'],
            3 : ['Proteins', 'Genomics'],
            4 : ['Transcriptomics', 'Genomics'],
            5 : ['Epigenomics', 'Genomics'],
            6 : ['Pathways', 'Knowledge'],
            7 : ['Gene Ontology', 'Knowledge'],
            8 : ['Diseases', 'Exposome'],
            9 : ['Chemicals', 'Exposome'],
            10: ['Phenotypes', 'Exposome'],
            11: ['Exposome', 'Exposome'],
            12: ['Metabolomics', 'Exposome'],
            13: ['Microbiome', 'Genomics'],
            14: ['Anatomy', 'Knowledge'],
    ]

    static final Map<Integer, String> RELATIONSHIP_TYPES = [
            1 : 'is_a', 2: 'part_of', 3: 'encodes', 4: 'interacts_with', 5: 'regulates', 6: 'associated_with',
            7 : 'in_pathway', 8: 'has_transcript', 9: 'GxG', 10: 'GxE', 11: 'ExE', 12: 'OxO', 13: 'co_occurs_with',
            14: 'has_genetic_basis', 15: 'has_phenotype', 16: 'has_location', 17: 'has_disruption_in', 18: 'responds_to',
    ]

    static final Map<Integer, String> CHEMICAL_GROUPS = [
            1: 'Metabolite', 2: 'Drug', 3: 'Pollutant', 4: 'Nutrient', 5: 'Toxin', 6: 'Hormone', 7: 'Vitamin',
            8: 'Lipid', 9: 'Amino-Acid',
    ]

    static final Map<String, String> ASSEMBLIES = [
            'GCF_000001405.40': 'GRCh38.p14',
            'GCF_000001405.25': 'GRCh37.p13',
    ]

    /** key -> [value, type, editable] */
    static final Map<String, List> SYSTEM_CONFIG = [
            igem_version            : ['0.1.0', 'string', false],
            data_root               : ['igem_data', 'string', true],
            nlp_model               : ['en_core_sci_sm', 'string', true],
            nlp_confidence_threshold: ['0.75', 'float', true],
    ]

    /** Data sources per source system (§8.3); ClinGen, OMIM and BioGRID have none. */
    static final Map<String, Integer> SOURCES_PER_SYSTEM = [
            gnomAD : 24,
            UniProt: 2, MONDO: 2, MESH: 2, Reactome: 2, HPO: 2, ChEBI: 2, CTD: 2,
            HGNC   : 1, NCBI: 1, Ensembl: 1, Pfam: 1, GO: 1, KEGG: 1, UBERON: 1, UniChem: 1, HMDB: 1, NLP: 1,
            IGEM   : 1, PubMed: 1, AlphaMissense: 1, GTEx: 1,
            ClinGen: 0, OMIM: 0, BioGRID: 0,
    ]

    /** "  <table>  created=N updated=N [unchanged=N] skipped=N" */
    static final def SEED_LINE = ~/^\s*(\w+)\s+created=(\d+)\s+updated=(\d+)(?:\s+unchanged=(\d+))?\s+skipped=(\d+)\s*$/

    @Shared Map<String, Backend> backends = [:]
    @Shared Map<String, String> uris = [:]
    @Shared Map<String, CliRun.Result> created = [:]

    def setupSpec() {
        Backend.both().each { Backend b ->
            backends[b.name] = b
            String uri = b.freshUri()
            def r = CliRun.run('db', 'create', '--db-uri', uri)
            assert r.exit == 0: "db create on $b.name failed:\n$r"
            uris[b.name] = uri
            created[b.name] = r
        }
    }

    def cleanupSpec() {
        backends.values().each { it.cleanup() }
    }

    // ------------------------------------------------------------------ helpers

    /** Runs {@code work} on a connection of its own (closed before the CLI touches the database again). */
    def <T> T withDb(String backend, Closure<T> work) {
        Sql sql = backends[backend].sql(uris[backend])
        try {
            return work(sql)
        } finally {
            sql.close()
        }
    }

    static boolean isPg(String backend) { backend == 'postgresql' }

    /** Row count of every user table (PostgreSQL: parents only, not partitions; no Flyway history). */
    Map<String, Long> tableCounts(String backend) {
        withDb(backend) { Sql sql ->
            List<String> names = isPg(backend)
                    ? sql.rows('''SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                                    AND c.relname NOT IN ('flyway_schema_history', 'alembic_version') ORDER BY 1''')*.relname
                    : sql.rows('''SELECT name AS relname FROM sqlite_master WHERE type = 'table'
                                  AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('flyway_schema_history', 'alembic_version') ORDER BY 1''')*.relname
            names.collectEntries { n -> [n, sql.firstRow('SELECT count(*) AS n FROM "' + n + '"').n as long] }
        }
    }

    /** table -> [created, updated, unchanged (or null), skipped] from the CLI's seed lines. */
    static Map<String, List<Integer>> seedLines(String out) {
        out.readLines().collect { SEED_LINE.matcher(it) }.findAll { it.matches() }.collectEntries { m ->
            [m.group(1), [m.group(2) as int, m.group(3) as int, m.group(4) == null ? null : m.group(4) as int, m.group(5) as int]]
        }
    }

    /**
     * What is wrong with the seed lines of a re-run on a fully seeded database: every table must
     * have its line, create nothing, skip nothing, and account for all of its seed rows.
     */
    static List<String> rerunProblems(String out) {
        Map<String, List<Integer>> lines = seedLines(out)
        List<String> problems = []
        if (lines.keySet() as List != SEED_COUNTS.keySet() as List) {
            problems << "seed lines for ${lines.keySet()}, expected ${SEED_COUNTS.keySet()}".toString()
        }
        SEED_COUNTS.each { t, n ->
            def l = lines[t]
            if (l != null && (l[0] != 0 || l[3] != 0 || l[0] + l[1] + (l[2] ?: 0) != n)) {
                problems << "$t: created=${l[0]} updated=${l[1]} unchanged=${l[2]} skipped=${l[3]} (expected created=0, skipped=0, $n rows in all)".toString()
            }
        }
        problems
    }

    static boolean bool(Object v) {
        v instanceof Boolean ? v : (v as int) != 0
    }

    // ------------------------------------------------------------------ after db create

    def "#backend: db create seeds #count rows into #table"() {
        expect:
        withDb(backend) { it.firstRow('SELECT count(*) AS n FROM ' + table).n } == count

        where:
        [backend, entry] << [BACKENDS, SEED_COUNTS.entrySet().toList()].combinations()
        table = entry.key
        count = entry.value
    }

    def "#backend: db create prints one seed line per table with created = the seeded rows"() {
        when:
        def r = created[backend]
        def lines = seedLines(r.out)

        then:
        lines.keySet() as List == SEED_COUNTS.keySet() as List
        verifyEach(SEED_COUNTS.keySet()) { t -> lines[t][0] == SEED_COUNTS[t] && lines[t][1] == 0 && lines[t][3] == 0 }

        where:
        backend << BACKENDS
    }

    def "#backend: after db create only the eight seeded tables have rows"() {
        when:
        def counts = tableCounts(backend)

        then:
        counts.size() == 45
        counts.findAll { t, n -> !(t in SEED_COUNTS) && n != 0 } == [:]

        where:
        backend << BACKENDS
    }

    def "#backend: entity types, relationship types and chemical groups carry their fixed ids"() {
        when:
        Map<Integer, List<String>> types = withDb(backend) { Sql sql ->
            sql.rows('SELECT id, name, domain FROM entity_types ORDER BY id').collectEntries { [(it.id as int): [it.name, it.domain as String]] }
        }
        Map<Integer, String> rels = withDb(backend) { Sql sql ->
            sql.rows('SELECT id, code FROM entity_relationship_types ORDER BY id').collectEntries { [(it.id as int): it.code] }
        }
        Map<Integer, String> chem = withDb(backend) { Sql sql ->
            sql.rows('SELECT id, name FROM chemical_groups ORDER BY id').collectEntries { [(it.id as int): it.name] }
        }

        then:
        types == ENTITY_TYPES
        rels == RELATIONSHIP_TYPES
        chem == CHEMICAL_GROUPS

        where:
        backend << BACKENDS
    }

    def "#backend: genome assemblies, system config and metadata hold the seeded values"() {
        when:
        def assemblies = withDb(backend) { Sql sql -> sql.rows('SELECT id, accession, assembly_name, chromosome FROM genome_assemblies ORDER BY id') }
        Map<String, List> config = withDb(backend) { Sql sql ->
            sql.rows('SELECT "key" AS k, value, type, editable FROM system_config').collectEntries { [it.k, [it.value, it.type, bool(it.editable)]] }
        }
        def meta = withDb(backend) { Sql sql -> sql.firstRow('SELECT schema_version, etl_version, description FROM igem_metadata') }

        then:
        assemblies.collectEntries { [it.accession, it.assembly_name] } == ASSEMBLIES
        assemblies*.id == [1, 2]
        assemblies*.chromosome == [null] * assemblies.size()
        config == SYSTEM_CONFIG
        meta.schema_version == '0.1.0'
        meta.etl_version == '0.1.0'
        meta.description != null

        where:
        backend << BACKENDS
    }

    def "#backend: data sources belong to their source systems (#name -> #system)"() {
        expect:
        withDb(backend) { Sql sql ->
            sql.firstRow('''SELECT s.name FROM etl_data_sources d JOIN etl_source_systems s ON s.id = d.source_system_id
                            WHERE d.name = ?''', [name])?.name
        } == system

        where:
        [backend, pair] << [BACKENDS, [
                ['variant_gnomad_chr1', 'gnomAD'], ['variant_gnomad_chry', 'gnomAD'], ['gene_hgnc', 'HGNC'],
                ['pathway_kegg', 'KEGG'], ['variant_alphamissense', 'AlphaMissense'], ['variant_gtex_eqtl', 'GTEx'],
                ['chemical_groups', 'IGEM'], ['pubmed_nlp', 'PubMed'],
        ]].combinations()
        name = pair[0]
        system = pair[1]
    }

    def "#backend: data sources per source system, active flags and the internal chemical_groups source"() {
        when:
        Map<String, Integer> perSystem = withDb(backend) { Sql sql ->
            sql.rows('''SELECT s.name, count(d.id) AS n FROM etl_source_systems s
                        LEFT JOIN etl_data_sources d ON d.source_system_id = s.id GROUP BY s.name''')
                    .collectEntries { [it.name, it.n as int] }
        }
        List<String> inactive = withDb(backend) { Sql sql ->
            sql.rows('SELECT name FROM etl_data_sources WHERE active = FALSE ORDER BY name')*.name
        }
        int inactiveSystems = withDb(backend) { Sql sql ->
            sql.firstRow('SELECT count(*) AS n FROM etl_source_systems WHERE active = FALSE').n as int
        }
        def gnomad = withDb(backend) { Sql sql ->
            sql.rows('''SELECT d.name FROM etl_data_sources d JOIN etl_source_systems s ON s.id = d.source_system_id
                        WHERE s.name = 'gnomAD' ORDER BY d.name''')*.name
        }
        def chem = withDb(backend) { Sql sql -> sql.firstRow("SELECT source_url, format FROM etl_data_sources WHERE name = 'chemical_groups'") }

        then:
        perSystem == SOURCES_PER_SYSTEM
        inactive == ['pubmed_nlp']
        inactiveSystems == 0
        gnomad.size() == 24
        gnomad as Set == ((1..22).collect { "variant_gnomad_chr$it".toString() } + ['variant_gnomad_chrx', 'variant_gnomad_chry']) as Set
        chem.source_url == null
        chem.format == 'internal'

        where:
        backend << BACKENDS
    }

    // ------------------------------------------------------------------ idempotence

    def "#backend: two db upgrades and a db create --overwrite change no table's row count and create nothing"() {
        given:
        Map<String, Long> before = tableCounts(backend)

        when:
        def up1 = CliRun.run('db', 'upgrade', '--db-uri', uris[backend])
        def afterUp1 = tableCounts(backend)
        def up2 = CliRun.run('db', 'upgrade', '--db-uri', uris[backend])
        def afterUp2 = tableCounts(backend)

        then:
        up1.exit == 0
        up2.exit == 0
        afterUp1 == before
        afterUp2 == before
        rerunProblems(up1.out) == []
        rerunProblems(up2.out) == []

        and: 'the same check does flag the first run, which created every row'
        rerunProblems(created[backend].out).size() == SEED_COUNTS.size()

        when:
        def over = CliRun.run('db', 'create', '--overwrite', '--db-uri', uris[backend])
        def afterOver = tableCounts(backend)

        then:
        over.exit == 0
        afterOver == before
        rerunProblems(over.out) == []
        withDb(backend) { it.firstRow('SELECT schema_revision FROM igem_metadata').schema_revision } == '846c774a8f66'

        where:
        backend << BACKENDS
    }

    def "#backend: db upgrade restores edited seed values but a null in the seed never clears data"() {
        given: 'hand edits: seeded values changed, a row deleted, a column the seed leaves null filled in'
        withDb(backend) { Sql sql ->
            sql.execute("UPDATE entity_types SET domain = 'Knowledge' WHERE id = 1")
            sql.execute("UPDATE system_config SET value = 'elsewhere' WHERE \"key\" = 'data_root'")
            sql.execute("UPDATE etl_data_sources SET active = TRUE WHERE name = 'pubmed_nlp'")
            sql.execute("UPDATE entity_relationship_types SET code = 'is_a_edited' WHERE id = 1")
            sql.execute("DELETE FROM chemical_groups WHERE id = 9")
            sql.execute("UPDATE genome_assemblies SET chromosome = '1' WHERE accession = 'GCF_000001405.40'")
        }

        expect: 'the edits are in place'
        withDb(backend) { Sql sql -> sql.firstRow('SELECT domain FROM entity_types WHERE id = 1').domain as String } == 'Knowledge'
        withDb(backend) { Sql sql -> sql.firstRow('SELECT count(*) AS n FROM chemical_groups').n as int } == 8

        when:
        def r = CliRun.run('db', 'upgrade', '--db-uri', uris[backend])
        def lines = seedLines(r.out)

        then:
        r.exit == 0
        withDb(backend) { Sql sql -> sql.firstRow('SELECT domain FROM entity_types WHERE id = 1').domain as String } == 'Genomics'
        withDb(backend) { Sql sql -> sql.firstRow("SELECT value FROM system_config WHERE \"key\" = 'data_root'").value } == 'igem_data'
        withDb(backend) { Sql sql -> bool(sql.firstRow("SELECT active FROM etl_data_sources WHERE name = 'pubmed_nlp'").active) } == false
        withDb(backend) { Sql sql -> sql.firstRow('SELECT code FROM entity_relationship_types WHERE id = 1').code } == 'is_a'
        withDb(backend) { Sql sql -> sql.firstRow('SELECT id, name FROM chemical_groups WHERE id = 9')?.name } == 'Amino-Acid'

        and: 'the seed has chromosome: null for this assembly, which must not clear the hand-set value'
        withDb(backend) { Sql sql -> sql.firstRow("SELECT chromosome FROM genome_assemblies WHERE accession = 'GCF_000001405.40'").chromosome } == '1'

        and: 'the seed lines report the work done'
        lines.chemical_groups[0] == 1
        lines.entity_types[0] == 0
        lines.entity_types[1] >= 1

        and: 'nothing was duplicated'
        tableCounts(backend).findAll { t, n -> t in SEED_COUNTS }.collectEntries { t, n -> [t, n as int] } == SEED_COUNTS

        cleanup:
        withDb(backend) { Sql sql ->
            sql.execute("UPDATE genome_assemblies SET chromosome = NULL WHERE accession = 'GCF_000001405.40'")
        }

        where:
        backend << BACKENDS
    }

    // ------------------------------------------------------------------ sequences (PostgreSQL)

    def "postgresql: the id sequence of #table was advanced past the seeded ids (next id #nextId)"() {
        when:
        def id = withDb('postgresql') { Sql sql -> sql.firstRow("INSERT INTO $table ($column$extraColumns) VALUES ('Extra'$extraValues) RETURNING id".toString()).id }

        then:
        id == nextId

        cleanup:
        withDb('postgresql') { Sql sql -> sql.execute("DELETE FROM $table WHERE $column = 'Extra'".toString()) }

        where:
        table                       | column | extraColumns | extraValues    || nextId
        'entity_types'              | 'name' | ', domain'   | ", 'Knowledge'" || 15
        'chemical_groups'           | 'name' | ''           | ''             || 10
        'entity_relationship_types' | 'code' | ''           | ''             || 19
    }
}
