package org.igem

import groovy.sql.Sql
import org.igem.support.Backend
import org.igem.support.CliRun
import org.igem.support.Project
import spock.lang.Shared
import spock.lang.Specification

import java.sql.SQLException

/**
 * The schema that {@code igem db create} builds, read back from the database catalog
 * (pg_catalog / information_schema on PostgreSQL, sqlite_master and the PRAGMA functions on
 * SQLite) and compared with the IGEM schema reference (columns via reference-schema.tsv,
 * everything else written out below). One database per back end, created once in setupSpec.
 * Features that write rows use ids / names of their own and remove them again.
 */
class SchemaCatalogSpec extends Specification {

    static final List<String> BACKENDS = ['postgresql', 'sqlite']

    static final String HEAD = '846c774a8f66'

    static final List<String> VARIANT_PARENTS = ['variant_masters', 'variant_molecular_effects',
            'variant_effect_predictions', 'variant_regulatory_elements', 'variant_gene_regulatory_evidence']

    /** §2.5, in creation order, values in sort order. */
    static final Map<String, List<String>> ENUMS = [
            etl_status_enum          : ['pending', 'running', 'completed', 'failed', 'not-applicable', 'up-to-date'],
            etl_extract_status_enum  : ['pending', 'running', 'completed', 'failed', 'not-applicable', 'up-to-date'],
            etl_transform_status_enum: ['pending', 'running', 'completed', 'failed', 'not-applicable', 'up-to-date'],
            etl_load_status_enum     : ['pending', 'running', 'completed', 'failed', 'not-applicable', 'up-to-date'],
            entity_domain_enum       : ['Genomics', 'Exposome', 'Knowledge'],
            discovery_method_enum    : ['structured', 'regex', 'nlp', 'pubmed', 'manual'],
            strand_enum              : ['+', '-'],
            go_namespace_enum        : ['MF', 'BP', 'CC'],
            anatomy_level_enum       : ['system', 'organ', 'tissue', 'region', 'structure'],
            match_method_enum        : ['exact_aho', 'code_pattern', 'tsvector', 'fuzzy', 'embedding', 'manual'],
            match_review_status_enum : ['auto', 'confirmed', 'rejected', 'pending'],
    ]

    /** Every explicitly named (ix_*) index of §3: name -> [table, columns, unique]. */
    static final Map<String, List> IX = [
            ix_entities_type_id                     : ['entities', ['type_id'], false],
            ix_entity_aliases_entity_id             : ['entity_aliases', ['entity_id'], false],
            ix_entity_aliases_alias_norm            : ['entity_aliases', ['alias_norm'], false],
            ix_entity_relationships_entity_1_id     : ['entity_relationships', ['entity_1_id'], false],
            ix_entity_relationships_entity_1_type_id: ['entity_relationships', ['entity_1_type_id'], false],
            ix_entity_relationships_entity_2_id     : ['entity_relationships', ['entity_2_id'], false],
            ix_entity_relationships_entity_2_type_id: ['entity_relationships', ['entity_2_type_id'], false],
            ix_er_entity1_id                        : ['entity_relationships', ['entity_1_id'], false],
            ix_er_entity2_id                        : ['entity_relationships', ['entity_2_id'], false],
            ix_er_type_pair                         : ['entity_relationships', ['entity_1_type_id', 'entity_2_type_id'], false],
            ix_er_discovery_method                  : ['entity_relationships', ['discovery_method'], false],
            ix_er_data_source_id                    : ['entity_relationships', ['data_source_id'], false],
            ix_entity_locations_entity_id           : ['entity_locations', ['entity_id'], false],
            ix_entity_locations_entity_type_id      : ['entity_locations', ['entity_type_id'], false],
            ix_entity_locations_assembly_id         : ['entity_locations', ['assembly_id'], false],
            ix_entity_locations_chromosome          : ['entity_locations', ['chromosome'], false],
            ix_gene_masters_entity_id               : ['gene_masters', ['entity_id'], true],
            ix_gene_masters_symbol                  : ['gene_masters', ['symbol'], false],
            ix_gene_masters_chromosome              : ['gene_masters', ['chromosome'], false],
            ix_variant_snp_merges_rs_canonical_id   : ['variant_snp_merges', ['rs_canonical_id'], false],
            ix_disease_masters_entity_id            : ['disease_masters', ['entity_id'], true],
            ix_disease_masters_disease_id           : ['disease_masters', ['disease_id'], true],
            ix_disease_masters_icd10                : ['disease_masters', ['icd10'], false],
            ix_disease_masters_mondo_id             : ['disease_masters', ['mondo_id'], false],
            ix_disease_masters_omim_id              : ['disease_masters', ['omim_id'], false],
            ix_disease_masters_mesh_id              : ['disease_masters', ['mesh_id'], false],
            ix_disease_group_memberships_disease_id : ['disease_group_memberships', ['disease_id'], false],
            ix_disease_group_memberships_group_id   : ['disease_group_memberships', ['group_id'], false],
            ix_chemical_masters_entity_id           : ['chemical_masters', ['entity_id'], true],
            ix_chemical_masters_ctd_id              : ['chemical_masters', ['ctd_id'], false],
            ix_chemical_masters_cas_number          : ['chemical_masters', ['cas_number'], false],
            ix_chemical_masters_pubchem_cid         : ['chemical_masters', ['pubchem_cid'], false],
            ix_chemical_masters_chebi_id            : ['chemical_masters', ['chebi_id'], false],
            ix_chemical_masters_inchi_key           : ['chemical_masters', ['inchi_key'], false],
            ix_pathway_masters_entity_id            : ['pathway_masters', ['entity_id'], true],
            ix_pathway_masters_pathway_id           : ['pathway_masters', ['pathway_id'], true],
            ix_protein_pfams_pfam_acc               : ['protein_pfams', ['pfam_acc'], true],
            ix_protein_pfams_pfam_id                : ['protein_pfams', ['pfam_id'], false],
            ix_protein_masters_protein_id           : ['protein_masters', ['protein_id'], true],
            ix_protein_entities_entity_id           : ['protein_entities', ['entity_id'], false],
            ix_protein_entities_protein_id          : ['protein_entities', ['protein_id'], false],
            ix_go_masters_entity_id                 : ['go_masters', ['entity_id'], true],
            ix_go_masters_go_id                     : ['go_masters', ['go_id'], true],
            ix_go_relations_parent_id               : ['go_relations', ['parent_id'], false],
            ix_go_relations_child_id                : ['go_relations', ['child_id'], false],
            ix_phenotype_masters_entity_id          : ['phenotype_masters', ['entity_id'], true],
            ix_phenotype_masters_hp_id              : ['phenotype_masters', ['hp_id'], true],
            ix_phenotype_relations_parent_id        : ['phenotype_relations', ['parent_id'], false],
            ix_phenotype_relations_child_id         : ['phenotype_relations', ['child_id'], false],
            ix_anatomy_masters_entity_id            : ['anatomy_masters', ['entity_id'], true],
            ix_anatomy_masters_uberon_id            : ['anatomy_masters', ['uberon_id'], true],
            ix_anatomy_masters_anatomy_level        : ['anatomy_masters', ['anatomy_level'], false],
            ix_entity_matches_etl_package_id        : ['entity_matches', ['etl_package_id'], false],
            ix_entity_matches_source_record_id      : ['entity_matches', ['source_record_id'], false],
            ix_entity_matches_alias_id              : ['entity_matches', ['alias_id'], false],
            ix_entity_matches_entity_id             : ['entity_matches', ['entity_id'], false],
            ix_em_package_record                    : ['entity_matches', ['etl_package_id', 'source_record_id'], false],
            ix_em_entity_method                     : ['entity_matches', ['entity_id', 'match_method'], false],
            ix_em_review_status                     : ['entity_matches', ['review_status'], false],
    ]

    /** Named multi-column UNIQUE constraints: name -> [table, columns]. */
    static final Map<String, List> UQ = [
            uq_entity_aliases_semantic         : ['entity_aliases', ['entity_id', 'alias_type', 'xref_source', 'alias_value']],
            uq_entity_relationships_pair_source: ['entity_relationships', ['entity_1_id', 'entity_2_id', 'relationship_type_id', 'data_source_id']],
            uq_entity_location_assembly        : ['entity_locations', ['entity_id', 'assembly_id']],
            uq_disease_group_membership        : ['disease_group_memberships', ['disease_id', 'group_id']],
            uq_protein_entity_link             : ['protein_entities', ['entity_id', 'protein_id']],
            uq_go_relation                     : ['go_relations', ['parent_id', 'child_id', 'relation_type']],
            uq_phenotype_relation              : ['phenotype_relations', ['parent_id', 'child_id', 'relation_type']],
            uq_variant_masters_natkey          : ['variant_masters', ['chromosome', 'position_start', 'position_end', 'reference_allele', 'alternate_allele']],
    ]

    /** unique=True columns without index=True: unnamed UNIQUE constraints (PG name <table>_<column>_key). */
    static final List<List<String>> UNNAMED_UNIQUE = [
            ['system_config', 'key'], ['genome_assemblies', 'accession'], ['etl_source_systems', 'name'],
            ['etl_data_sources', 'name'], ['entity_types', 'name'], ['entity_relationship_types', 'code'],
            ['gene_locus_groups', 'name'], ['gene_locus_types', 'name'], ['gene_groups', 'name'],
            ['variant_consequence_groups', 'name'], ['variant_consequence_categories', 'name'],
            ['variant_consequences', 'name'], ['variant_impacts', 'name'], ['variant_biotypes', 'name'],
            ['disease_groups', 'name'], ['chemical_groups', 'name'],
    ]

    /** Primary keys of the partitioned tables (§4.2); variant_masters differs on SQLite. */
    static final Map<String, List<String>> VARIANT_PK = [
            variant_masters                 : ['chromosome', 'variant_id'],
            variant_molecular_effects       : ['chromosome', 'variant_id', 'transcript_id', 'consequence_id'],
            variant_effect_predictions      : ['chromosome', 'variant_id', 'predictor_key'],
            variant_regulatory_elements     : ['chromosome', 'variant_id', 'reg_element_key'],
            variant_gene_regulatory_evidence: ['chromosome', 'variant_id', 'evidence_key'],
    ]

    /** Non-provenance foreign keys of §5 as "child.column -> parent.column ACTION". */
    static final List<String> FKS_EXPLICIT = [
            'etl_data_sources.source_system_id -> etl_source_systems.id CASCADE',
            'etl_packages.data_source_id -> etl_data_sources.id CASCADE',
            'entities.type_id -> entity_types.id SET NULL',
            'entity_aliases.entity_id -> entities.id CASCADE',
            'entity_aliases.type_id -> entity_types.id SET NULL',
            'entity_relationships.entity_1_id -> entities.id CASCADE',
            'entity_relationships.entity_2_id -> entities.id CASCADE',
            'entity_relationships.entity_1_type_id -> entity_types.id CASCADE',
            'entity_relationships.entity_2_type_id -> entity_types.id CASCADE',
            'entity_relationships.relationship_type_id -> entity_relationship_types.id CASCADE',
            'entity_locations.entity_id -> entities.id CASCADE',
            'entity_locations.entity_type_id -> entity_types.id SET NULL',
            'entity_locations.assembly_id -> genome_assemblies.id CASCADE',
            'gene_masters.entity_id -> entities.id CASCADE',
            'gene_masters.locus_group_id -> gene_locus_groups.id SET NULL',
            'gene_masters.locus_type_id -> gene_locus_types.id SET NULL',
            'gene_group_memberships.gene_id -> gene_masters.id CASCADE',
            'gene_group_memberships.group_id -> gene_groups.id CASCADE',
            'variant_consequences.consequence_group_id -> variant_consequence_groups.id SET NULL',
            'variant_consequences.consequence_category_id -> variant_consequence_categories.id SET NULL',
            'disease_masters.entity_id -> entities.id CASCADE',
            'disease_group_memberships.disease_id -> disease_masters.id CASCADE',
            'disease_group_memberships.group_id -> disease_groups.id CASCADE',
            'chemical_masters.entity_id -> entities.id CASCADE',
            'chemical_group_memberships.chemical_id -> chemical_masters.id CASCADE',
            'chemical_group_memberships.group_id -> chemical_groups.id CASCADE',
            'pathway_masters.entity_id -> entities.id CASCADE',
            'protein_entities.entity_id -> entities.id CASCADE',
            'protein_entities.protein_id -> protein_masters.id CASCADE',
            'protein_pfam_links.protein_id -> protein_masters.id CASCADE',
            'protein_pfam_links.pfam_pk_id -> protein_pfams.id CASCADE',
            'go_masters.entity_id -> entities.id CASCADE',
            'go_relations.parent_id -> go_masters.id CASCADE',
            'go_relations.child_id -> go_masters.id CASCADE',
            'phenotype_masters.entity_id -> entities.id CASCADE',
            'phenotype_relations.parent_id -> phenotype_masters.id CASCADE',
            'phenotype_relations.child_id -> phenotype_masters.id CASCADE',
            'anatomy_masters.entity_id -> entities.id CASCADE',
            'entity_matches.etl_package_id -> etl_packages.id CASCADE',
            'entity_matches.alias_id -> entity_aliases.id SET NULL',
            'entity_matches.entity_id -> entities.id CASCADE',
    ]

    @Shared Map<String, Backend> backends = [:]
    @Shared Map<String, String> uris = [:]
    @Shared Map<String, Sql> sqls = [:]
    @Shared List<Map<String, String>> reference

    def setupSpec() {
        reference = Project.referenceColumns()
        Backend.both().each { Backend b ->
            backends[b.name] = b
            String uri = b.freshUri()
            def r = CliRun.run('db', 'create', '--db-uri', uri)
            assert r.exit == 0: "db create on $b.name failed:\n$r"
            uris[b.name] = uri
            sqls[b.name] = b.sql(uri)
        }
    }

    def cleanupSpec() {
        sqls.values().each { it.close() }
        backends.values().each { it.cleanup() }
    }

    // ------------------------------------------------------------------ catalog helpers

    Sql db(String backend) { sqls[backend] }

    static boolean isPg(String backend) { backend == 'postgresql' }

    /** User tables (PostgreSQL: no partitions) except the schema bookkeeping (Flyway's history, alembic_version). */
    Set<String> tables(String backend) {
        if (isPg(backend)) {
            return db(backend).rows('''
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                  AND NOT c.relispartition AND c.relname NOT IN ('flyway_schema_history', 'alembic_version') ''')*.relname as Set
        }
        db(backend).rows('''SELECT name FROM sqlite_master WHERE type IN ('table', 'view')
                AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('flyway_schema_history', 'alembic_version') ''')*.name as Set
    }

    /** [table, column, position, type, nullable] in column order, from the catalog. */
    List<Map> catalogColumns(String backend) {
        if (isPg(backend)) {
            return db(backend).rows('''
                SELECT c.relname AS tbl, a.attname AS col, a.attnum AS pos,
                       format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS nn
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND c.relname NOT IN ('flyway_schema_history', 'alembic_version') AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY c.relname, a.attnum''').collect {
                [table: it.tbl, column: it.col, position: it.pos as int, type: it.type,
                 nullable: it.nn ? 'NO' : 'YES']
            }
        }
        tables(backend).sort().collectMany { String t ->
            db(backend).rows('SELECT cid, name, type, "notnull" AS nn FROM pragma_table_info(?) ORDER BY cid', [t]).collect {
                [table: t, column: it.name, position: (it.cid as int) + 1, type: it.type,
                 nullable: (it.nn as int) == 1 ? 'NO' : 'YES']
            }
        }
    }

    String sqliteTableSql(String table) {
        db('sqlite').firstRow("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table])?.sql
    }

    static boolean declaresConstraint(String ddl, String name, String kind) {
        ddl != null && ddl =~ /(?is)CONSTRAINT\s+["`]?${name}["`]?\s+${kind}/
    }

    /** SQLite indexes of a table: name -> [unique, origin, columns]. */
    Map<String, Map> sqliteIndexes(String table) {
        db('sqlite').rows('SELECT name, "unique" AS u, origin FROM pragma_index_list(?)', [table]).collectEntries {
            def cols = db('sqlite').rows('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [it.name])*.name
            [(it.name): [unique: (it.u as int) == 1, origin: it.origin, columns: cols]]
        }
    }

    /** PostgreSQL indexes of the schema: name -> [table, unique, primary, columns]. */
    Map<String, Map> pgIndexes() {
        db('postgresql').rows('''
            SELECT i.relname AS name, t.relname AS tbl, x.indisunique AS uniq, x.indisprimary AS prim,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',') AS cols
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND NOT t.relispartition''').collectEntries {
            [(it.name): [table: it.tbl, unique: it.uniq, primary: it.prim, columns: (it.cols as String).split(',') as List]]
        }
    }

    /** PostgreSQL constraints on non-partition tables: name -> [table, type, columns]. */
    Map<String, Map> pgConstraints() {
        db('postgresql').rows('''
            SELECT c.conname AS name, t.relname AS tbl, c.contype::text AS type,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',') AS cols
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND NOT t.relispartition''').collectEntries {
            [(it.name): [table: it.tbl, type: it.type, columns: (it.cols as String).split(',') as List]]
        }
    }

    /** Foreign keys as "child.col -> parent.col ACTION" (single-column FKs only exist in this schema). */
    List<String> foreignKeys(String backend) {
        if (isPg(backend)) {
            Map<String, String> action = [c: 'CASCADE', n: 'SET NULL', a: 'NO ACTION', r: 'RESTRICT', d: 'SET DEFAULT']
            return db(backend).rows('''
                SELECT t.relname AS tbl, a.attname AS col, ft.relname AS ftbl, fa.attname AS fcol,
                       c.confdeltype::text AS del, array_length(c.conkey, 1) AS n
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
                JOIN pg_class ft ON ft.oid = c.confrelid
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
                WHERE c.contype = 'f' AND ns.nspname = current_schema() AND NOT t.relispartition''').collect {
                assert it.n == 1
                "${it.tbl}.${it.col} -> ${it.ftbl}.${it.fcol} ${action[it.del]}".toString()
            }
        }
        tables(backend).collectMany { String t ->
            def fks = db(backend).rows('SELECT id, seq, "table" AS ftbl, "from" AS col, "to" AS fcol, on_delete FROM pragma_foreign_key_list(?)', [t])
            assert fks*.seq.collect { it as int }.findAll { it != 0 } == []
            fks.collect { "${t}.${it.col} -> ${it.ftbl}.${it.fcol} ${it.on_delete}".toString() }
        }
    }

    /** Runs {@code statement} and returns the error message, or null when it succeeded. */
    static String failureOf(Sql sql, String statement) {
        try {
            // Plain JDBC: groovy.sql.Sql would log every expected failure as a WARNING.
            sql.connection.createStatement().withCloseable { it.execute(statement) }
            return null
        } catch (SQLException e) {
            return e.message
        }
    }

    static String literal(Object v) {
        v instanceof Number ? v.toString() : "'" + v.toString().replace("'", "''") + "'"
    }

    // ------------------------------------------------------------------ tables and columns

    def "#backend: exactly the 45 reference tables exist"() {
        given:
        Set<String> expected = reference*.table as Set

        expect:
        expected.size() == 45
        tables(backend) == expected

        where:
        backend << BACKENDS
    }

    def "#backend: every reference column exists with its type and nullability, and there are no extra columns"() {
        given:
        boolean pg = isPg(backend)
        Map<String, List> expected = reference
                .findAll { !(pg && it.table == 'entity_aliases' && it.column == 'embedding') }
                .collectEntries { ["${it.table}.${it.column}".toString(), [pg ? it.pg_type : it.sqlite_type, it.nullable]] }
        Map<String, List> actual = catalogColumns(backend).collectEntries {
            ["${it.table}.${it.column}".toString(), [pg ? it.type : (it.type as String).toUpperCase(), it.nullable]]
        }
        def missing = (expected.keySet() - actual.keySet()).sort()
        def extra = (actual.keySet() - expected.keySet()).sort()
        def wrong = expected.findAll { k, v -> actual.containsKey(k) && actual[k] != v }
                .collect { k, v -> "$k: expected $v, found ${actual[k]}".toString() }.sort()

        expect:
        expected.size() == (pg ? 387 : 388)
        missing == []
        extra == []
        wrong == []

        where:
        backend << BACKENDS
    }

    def "sqlite: every column sits at the reference position"() {
        given:
        Map<String, Integer> expected = reference.collectEntries { ["${it.table}.${it.column}".toString(), it.position as int] }
        Map<String, Integer> actual = catalogColumns('sqlite').collectEntries { ["${it.table}.${it.column}".toString(), it.position] }
        def wrong = expected.findAll { k, v -> actual[k] != v }.collect { k, v -> "$k: expected $v, found ${actual[k]}".toString() }

        expect:
        wrong == []
        actual['entity_aliases.embedding'] == 10
        actual['variant_masters.variant_id'] == 1
        actual['variant_masters.chromosome'] == 2
    }

    def "postgresql: column order follows the reference (variant_masters starts chromosome, variant_id)"() {
        given:
        Map<String, List<String>> actual = catalogColumns('postgresql').groupBy { it.table }
                .collectEntries { t, cols -> [t, cols.sort { it.position }*.column] }
        Map<String, List<String>> expected = reference.findAll { !(it.table == 'entity_aliases' && it.column == 'embedding') }
                .groupBy { it.table }.collectEntries { t, cols -> [t, cols.sort { it.position as int }*.column] }
        expected.variant_masters = ['chromosome', 'variant_id'] + (expected.variant_masters - ['chromosome', 'variant_id'])
        def wrong = expected.findAll { t, cols -> actual[t] != cols }.collect { t, cols -> "$t: expected $cols, found ${actual[t]}".toString() }

        expect:
        wrong == []
        actual.variant_masters.take(3) == ['chromosome', 'variant_id', 'entity_id']
    }

    def "postgresql: without pgvector entity_aliases.embedding is absent and db info says pgvector is not available"() {
        given:
        Sql sql = db('postgresql')

        expect: 'this server has no pgvector (precondition of the expectation below)'
        sql.firstRow("SELECT count(*) AS n FROM pg_available_extensions WHERE name = 'vector'").n == 0

        and:
        sql.firstRow('''SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = current_schema()
                        AND table_name = 'entity_aliases' AND column_name = 'embedding' ''').n == 0
        sql.firstRow("SELECT count(*) AS n FROM pg_extension WHERE extname = 'vector'").n == 0

        when:
        def r = CliRun.run('db', 'info', '--db-uri', uris.postgresql)
        def line = r.out.readLines().find { it.startsWith('pgvector') }

        then:
        r.exit == 0
        line != null
        line ==~ /pgvector\s*:.*not available.*/
        line.contains('embedding not created')
    }

    def "sqlite: entity_aliases.embedding is declared VECTOR(768)"() {
        expect:
        db('sqlite').firstRow("SELECT type FROM pragma_table_info('entity_aliases') WHERE name = 'embedding'")?.type == 'VECTOR(768)'
    }

    // ------------------------------------------------------------------ partitioning (PostgreSQL)

    def "postgresql: exactly the five variant tables are LIST-partitioned on chromosome"() {
        when:
        def rows = db('postgresql').rows('''
            SELECT c.relname AS tbl, p.partstrat::text AS strat, p.partnatts AS natts, a.attname AS keycol
            FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
            WHERE n.nspname = current_schema()''')

        then:
        rows*.tbl.sort() == VARIANT_PARENTS.sort()
        verifyEach(rows, { it.tbl }) {
            it.strat == 'l'
            it.natts == 1
            it.keycol == 'chromosome'
        }
    }

    def "postgresql: #parent has exactly 25 child tables named <parent>_chr_1..25, each bound to its number"() {
        when:
        def children = db('postgresql').rows('''
            SELECT c.relname AS child, pg_get_expr(c.relpartbound, c.oid) AS bound
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            JOIN pg_namespace n ON n.oid = p.relnamespace
            WHERE n.nspname = current_schema() AND p.relname = ? AND c.relkind = 'r' ''', [parent])

        then:
        children.size() == 25
        children*.child as Set == (1..25).collect { "${parent}_chr_$it".toString() } as Set
        verifyEach(children, { it.child }) { it.bound == "FOR VALUES IN (${(it.child as String).replaceFirst(/.*_chr_/, '')})".toString() }

        where:
        parent << VARIANT_PARENTS
    }

    def "postgresql: a chromosome-23 variant lands in variant_masters_chr_23; chromosome 26 has no partition"() {
        given:
        Sql sql = db('postgresql')
        Closure<String> insert = { int chromosome ->
            """INSERT INTO variant_masters (chromosome, position_start, position_end, reference_allele, alternate_allele)
               VALUES ($chromosome, 424242, 424242, 'A', 'T')""".toString()
        }

        when:
        sql.execute(insert(23))
        def row = sql.firstRow("SELECT tableoid::regclass::text AS part, variant_id FROM variant_masters WHERE position_start = 424242")

        then:
        row.part == 'variant_masters_chr_23'
        row.variant_id != null
        sql.firstRow('SELECT count(*) AS n FROM ONLY variant_masters_chr_23 WHERE position_start = 424242').n == 1
        sql.firstRow('SELECT count(*) AS n FROM ONLY variant_masters_chr_1 WHERE position_start = 424242').n == 0

        when:
        String err = failureOf(sql, insert(26))

        then:
        err != null
        err.contains('no partition of relation "variant_masters" found for row')
        sql.firstRow('SELECT count(*) AS n FROM variant_masters WHERE position_start = 424242').n == 1

        cleanup:
        sql.execute('DELETE FROM variant_masters WHERE position_start = 424242')
    }

    // ------------------------------------------------------------------ enums

    def "postgresql: the 11 enum types exist with their values in order"() {
        when:
        Map<String, List<String>> actual = [:]
        db('postgresql').rows('''
            SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = current_schema() ORDER BY t.typname, e.enumsortorder''').each {
            actual.computeIfAbsent(it.typname as String) { [] } << (it.enumlabel as String)
        }

        then:
        actual.keySet() == ENUMS.keySet()
        verifyEach(ENUMS.keySet()) { name -> actual[name] == ENUMS[name] }
    }

    def "#backend: #target rejects '#bad' (#enumName) and accepts '#good'"() {
        given:
        Sql sql = db(backend)
        // Literals, not bind parameters: PostgreSQL would type a bound string as varchar, not as the enum.
        Closure<String> insert = { String value ->
            def values = (fixed.values() as List) + [value]
            List<String> cols = (fixed.keySet() as List) + [column]
            "INSERT INTO $table (${cols.join(', ')}) VALUES (${values.collect { literal(it) }.join(', ')})".toString()
        }

        when:
        String err = failureOf(sql, insert(bad))

        then:
        err != null
        err.contains(enumName)
        sql.firstRow("SELECT count(*) AS n FROM $table WHERE $keyCol = ?".toString(), [fixed[keyCol]]).n == 0

        when:
        String ok = failureOf(sql, insert(good))

        then:
        ok == null
        sql.firstRow("SELECT $column AS v FROM $table WHERE $keyCol = ?".toString(), [fixed[keyCol]]).v as String == good

        cleanup:
        sql.execute("DELETE FROM $table WHERE $keyCol = ?".toString(), [fixed[keyCol]])

        where:
        [backend, c] << [BACKENDS, [
                [table: 'entity_types', column: 'domain', enumName: 'entity_domain_enum', bad: 'Bogus', good: 'Knowledge',
                 keyCol: 'id', fixed: [id: 9101, name: 'spec enum type']],
                [table: 'entity_types', column: 'domain', enumName: 'entity_domain_enum', bad: 'genomics', good: 'Genomics',
                 keyCol: 'id', fixed: [id: 9102, name: 'spec enum type 2']],
                [table: 'etl_packages', column: 'load_status', enumName: 'etl_load_status_enum', bad: 'done', good: 'up-to-date',
                 keyCol: 'id', fixed: [id: 9103, data_source_id: 1, status: 'pending']],
                [table: 'etl_packages', column: 'status', enumName: 'etl_status_enum', bad: 'finished', good: 'not-applicable',
                 keyCol: 'id', fixed: [id: 9104, data_source_id: 1]],
        ]].combinations()
        table = c.table
        column = c.column
        enumName = c.enumName
        bad = c.bad
        good = c.good
        keyCol = c.keyCol
        fixed = c.fixed
        target = "${c.table}.${c.column}"
    }

    // ------------------------------------------------------------------ indexes and constraints

    def "#backend: all ix_* indexes of the reference exist on the right columns with the right uniqueness, and no others"() {
        given:
        Map<String, Map> actual
        if (isPg(backend)) {
            actual = pgIndexes().findAll { k, v -> k.startsWith('ix_') }
        } else {
            actual = tables('sqlite').collectEntries { t -> sqliteIndexes(t).findAll { k, v -> v.origin == 'c' }.collectEntries { k, v -> [k, v + [table: t]] } }
        }
        def wrong = IX.findAll { name, exp ->
            def a = actual[name]
            a == null || a.table != exp[0] || a.columns != exp[1] || a.unique != exp[2]
        }.collect { name, exp -> "$name: expected $exp, found ${actual[name]}".toString() }

        expect:
        wrong == []
        actual.keySet() == IX.keySet()
        actual.ix_gene_masters_entity_id.unique == true
        actual.ix_gene_masters_symbol.unique == false

        where:
        backend << BACKENDS
    }

    def "#backend: baseline-era variant_masters indexes and its old unique constraint are gone"() {
        given:
        List<String> old = ['ix_variant_masters_entity_id', 'ix_variant_masters_chromosome', 'ix_variant_masters_rsid',
                            'ix_variant_masters_assembly_id']
        Set<String> indexNames = isPg(backend) ? pgIndexes().keySet()
                : db(backend).rows("SELECT name FROM sqlite_master WHERE type = 'index'")*.name as Set

        expect:
        indexNames.intersect(old).isEmpty()
        isPg(backend) ? !pgConstraints().containsKey('uq_variant_masters_allele')
                : !declaresConstraint(sqliteTableSql('variant_masters'), 'uq_variant_masters_allele', 'UNIQUE')

        where:
        backend << BACKENDS
    }

    def "postgresql: unique constraints are exactly the named uq_* ones plus the <table>_<column>_key ones"() {
        given:
        Map<String, Map> unique = pgConstraints().findAll { k, v -> v.type == 'u' }
        Map<String, List> expected = UQ + UNNAMED_UNIQUE.collectEntries { t, col -> ["${t}_${col}_key".toString(), [t, [col]]] }
        def wrong = expected.findAll { name, exp -> unique[name]?.table != exp[0] || unique[name]?.columns != exp[1] }
                .collect { name, exp -> "$name: expected $exp, found ${unique[name]}".toString() }

        expect: 'unique=True + index=True columns (e.g. gene_masters.entity_id) are unique indexes, not constraints'
        wrong == []
        unique.keySet() == expected.keySet()
        !unique.containsKey('ix_gene_masters_entity_id')
    }

    def "sqlite: unique constraints are exactly the named uq_* ones plus the unnamed single-column ones"() {
        given:
        Set<List> actual = tables('sqlite').collectMany { t ->
            sqliteIndexes(t).values().findAll { it.origin == 'u' }.collect { [t, it.columns] }
        } as Set
        Set<List> expected = (UQ.values().collect { [it[0], it[1]] } + UNNAMED_UNIQUE.collect { t, col -> [t, [col]] }) as Set
        def undeclared = UQ.findAll { name, exp -> !declaresConstraint(sqliteTableSql(exp[0]), name, 'UNIQUE') }.keySet()

        expect:
        actual == expected
        undeclared.isEmpty()
    }

    def "postgresql: the partitioned tables have the named pk_variant_* primary keys"() {
        given:
        Map<String, Map> cons = pgConstraints()

        expect:
        verifyEach(VARIANT_PK.keySet()) { t ->
            cons["pk_$t".toString()]?.type == 'p'
            cons["pk_$t".toString()]?.table == t
            cons["pk_$t".toString()]?.columns == VARIANT_PK[t]
        }
        cons.gene_group_memberships_pkey?.columns == ['gene_id', 'group_id']
        cons.variant_snp_merges_pkey?.columns == ['rs_obsolete_id']
    }

    def "sqlite: variant_masters has the single variant_id primary key, the other four keep named composite keys"() {
        given:
        Closure<List<String>> pkOf = { String t ->
            db('sqlite').rows('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', [t])*.name
        }

        expect:
        pkOf('variant_masters') == ['variant_id']
        verifyEach(VARIANT_PK.keySet() - 'variant_masters') { t ->
            pkOf(t) == VARIANT_PK[t]
            declaresConstraint(sqliteTableSql(t), "pk_$t", 'PRIMARY\\s+KEY')
        }
        pkOf('gene_group_memberships') == ['gene_id', 'group_id']
    }

    def "#backend: check constraint #name exists on #table and rejects a bad row"() {
        given:
        Sql sql = db(backend)
        Map pgCheck = isPg(backend) ? pgConstraints()[name] : null
        boolean declared = isPg(backend)
                ? pgCheck != null && pgCheck.table == table && pgCheck.type == 'c' && (pgCheck.columns as List).sort() == checkColumns.sort()
                : declaresConstraint(sqliteTableSql(table), name, 'CHECK')

        when:
        String err = failureOf(sql, badInsert)

        then:
        declared
        err != null
        err.contains(name)

        where:
        [backend, c] << [BACKENDS, [
                [name: 'ck_variant_masters_af', table: 'variant_masters', cols: ['af'], sql: '''INSERT INTO variant_masters
                    (chromosome, position_start, position_end, reference_allele, alternate_allele, af) VALUES (1, 5, 5, 'A', 'C', 1.5)'''],
                [name: 'ck_variant_masters_pos', table: 'variant_masters', cols: ['position_start', 'position_end'], sql: '''INSERT INTO variant_masters
                    (chromosome, position_start, position_end, reference_allele, alternate_allele) VALUES (1, 9, 5, 'A', 'C')'''],
                [name: 'ck_variant_masters_ac_an', table: 'variant_masters', cols: ['ac', 'an'], sql: '''INSERT INTO variant_masters
                    (chromosome, position_start, position_end, reference_allele, alternate_allele, ac, an) VALUES (1, 5, 5, 'A', 'C', 7, 3)'''],
                [name: 'ck_vme_lof_conf', table: 'variant_molecular_effects', cols: ['lof_confidence'], sql: '''INSERT INTO variant_molecular_effects
                    (chromosome, variant_id, variant_key, transcript_id, consequence_id, lof_confidence) VALUES (1, 1, 'k', 'ENST1', 1, 'XX')'''],
                [name: 'ck_vgre_p', table: 'variant_gene_regulatory_evidence', cols: ['p_value'], sql: '''INSERT INTO variant_gene_regulatory_evidence
                    (chromosome, variant_id, evidence_key, gene_id, qtl_type, p_value) VALUES (1, 1, 'e', 'ENSG1', 'eQTL', 1.5)'''],
        ]].combinations()
        name = c.name
        table = c.table
        checkColumns = c.cols
        badInsert = c.sql
    }

    def "#backend: a variant row inside all checks is accepted (the checks are not over-strict)"() {
        given:
        Sql sql = db(backend)

        when:
        String err = failureOf(sql, '''INSERT INTO variant_masters (chromosome, position_start, position_end, reference_allele,
                alternate_allele, af, ac, an) VALUES (2, 777, 777, 'G', 'A', 1.0, 3, 3)''')

        then:
        err == null
        sql.firstRow('SELECT count(*) AS n FROM variant_masters WHERE position_start = 777').n == 1

        cleanup:
        sql.execute('DELETE FROM variant_masters WHERE position_start = 777')

        where:
        backend << BACKENDS
    }

    // ------------------------------------------------------------------ foreign keys

    def "#backend: the foreign keys and their ON DELETE actions are exactly those of the reference"() {
        given:
        Set<String> partitioned = VARIANT_PARENTS as Set
        Set<String> cascadingProvenance = ['entities', 'entity_aliases', 'entity_relationships'] as Set
        List<String> provenance = reference.findAll {
            it.column in ['data_source_id', 'etl_package_id'] && !(it.table in partitioned) &&
                    !(it.table in ['etl_packages', 'entity_matches'])
        }.collect {
            String parent = it.column == 'data_source_id' ? 'etl_data_sources' : 'etl_packages'
            "${it.table}.${it.column} -> ${parent}.id ${it.table in cascadingProvenance ? 'CASCADE' : 'SET NULL'}".toString()
        }
        List<String> expected = (FKS_EXPLICIT + provenance).sort()
        List<String> actual = foreignKeys(backend).sort()

        expect:
        (expected - actual) == []
        (actual - expected) == []
        actual.size() == expected.size()

        and: 'the representative ones, spelled out'
        actual.containsAll([
                'etl_data_sources.source_system_id -> etl_source_systems.id CASCADE',
                'entities.type_id -> entity_types.id SET NULL',
                'entity_aliases.entity_id -> entities.id CASCADE',
                'entity_relationships.entity_1_type_id -> entity_types.id CASCADE',
                'entity_matches.alias_id -> entity_aliases.id SET NULL',
                'gene_masters.locus_group_id -> gene_locus_groups.id SET NULL',
                'entities.data_source_id -> etl_data_sources.id CASCADE',
                'gene_masters.data_source_id -> etl_data_sources.id SET NULL',
        ])
        actual.findAll { it.split('\\.')[0] in partitioned }.isEmpty()

        where:
        backend << BACKENDS
    }

    /** Rows of our own: a source system, two data sources, packages, an entity type and entities. */
    static void insertFkRows(Sql sql) {
        sql.execute("INSERT INTO etl_source_systems (id, name, active) VALUES (9201, 'spec-fk-system', true)")
        sql.execute('''INSERT INTO etl_data_sources (id, name, source_system_id, data_type, format, dtp_script, active)
                       VALUES (9201, 'spec-fk-ds', 9201, 'Test', 'TSV', 'dtp_spec', true),
                              (9202, 'spec-fk-ds-keep', 9201, 'Test', 'TSV', 'dtp_spec', true)''')
        sql.execute("INSERT INTO etl_packages (id, data_source_id, status) VALUES (9201, 9201, 'pending'), (9202, 9202, 'pending')")
        sql.execute('INSERT INTO entity_types (id, name, domain) VALUES (9201, \'spec-fk-type\', \'Knowledge\')')
        sql.execute('''INSERT INTO entities (id, type_id, is_active, data_source_id, etl_package_id) VALUES
                       (920101, 9201, true, 9201, NULL),
                       (920102, 2, true, NULL, 9201),
                       (920103, 9201, true, 9202, 9202)''')
    }

    static void deleteFkRows(Sql sql) {
        sql.execute('DELETE FROM entities WHERE id IN (920101, 920102, 920103)')
        sql.execute('DELETE FROM etl_packages WHERE id IN (9201, 9202)')
        sql.execute('DELETE FROM etl_data_sources WHERE id IN (9201, 9202)')
        sql.execute('DELETE FROM entity_types WHERE id = 9201')
        sql.execute('DELETE FROM etl_source_systems WHERE id = 9201')
    }

    static int countOf(Sql sql, String table, String where) {
        sql.firstRow("SELECT count(*) AS n FROM $table WHERE $where".toString()).n as int
    }

    def "#backend: deleting a data source cascades to its packages and entities, and to nothing else"() {
        given:
        Sql sql = db(backend)
        insertFkRows(sql)

        when:
        sql.execute('DELETE FROM etl_data_sources WHERE id = 9201')

        then: 'the package and both entities made from it (directly or through the package) are gone'
        countOf(sql, 'etl_packages', 'id = 9201') == 0
        countOf(sql, 'entities', 'id IN (920101, 920102)') == 0

        and: 'the other data source and what hangs on it stay'
        countOf(sql, 'etl_packages', 'id = 9202') == 1
        countOf(sql, 'entities', 'id = 920103') == 1

        cleanup:
        deleteFkRows(sql)

        where:
        backend << BACKENDS
    }

    def "#backend: deleting an entity type nulls entities.type_id"() {
        given:
        Sql sql = db(backend)
        insertFkRows(sql)

        when:
        sql.execute('DELETE FROM entity_types WHERE id = 9201')

        then:
        def e = sql.firstRow('SELECT id, type_id FROM entities WHERE id = 920103')
        e != null
        e.type_id == null

        cleanup:
        deleteFkRows(sql)

        where:
        backend << BACKENDS
    }

    def "#backend: deleting a source system cascades to its data sources and on to packages and entities"() {
        given:
        Sql sql = db(backend)
        insertFkRows(sql)

        when:
        sql.execute('DELETE FROM etl_source_systems WHERE id = 9201')

        then:
        countOf(sql, 'etl_data_sources', 'id IN (9201, 9202)') == 0
        countOf(sql, 'etl_packages', 'id IN (9201, 9202)') == 0
        countOf(sql, 'entities', 'id IN (920101, 920102, 920103)') == 0

        cleanup:
        deleteFkRows(sql)

        where:
        backend << BACKENDS
    }

    // ------------------------------------------------------------------ defaults and revision

    def "#backend: columns the original only defaulted in Python have database defaults"() {
        given:
        Sql sql = db(backend)
        sql.execute('INSERT INTO entities (id, type_id) VALUES (930001, 2)')

        when:
        sql.execute("INSERT INTO entity_aliases (entity_id, alias_value) VALUES (930001, 'spec default alias')")
        def alias = sql.firstRow('SELECT alias_type, is_active FROM entity_aliases WHERE entity_id = 930001')

        then:
        alias.alias_type == 'synonym'
        alias.is_active in [true, 1]

        when:
        sql.execute('INSERT INTO etl_packages (data_source_id) VALUES (1)')
        def pkg = sql.firstRow('SELECT status, created_at FROM etl_packages WHERE data_source_id = 1 ORDER BY id DESC')

        then:
        pkg.status as String == 'pending'
        pkg.created_at != null

        cleanup:
        sql.execute('DELETE FROM entity_aliases WHERE entity_id = 930001')
        sql.execute('DELETE FROM entities WHERE id = 930001')
        sql.execute('DELETE FROM etl_packages WHERE data_source_id = 1')

        where:
        backend << BACKENDS
    }

    def "#backend: igem_metadata.schema_revision is the head revision after db create"() {
        when:
        def rows = db(backend).rows('SELECT schema_revision FROM igem_metadata ORDER BY id')

        then:
        rows.size() == 1
        rows[0].schema_revision == HEAD

        where:
        backend << BACKENDS
    }
}
