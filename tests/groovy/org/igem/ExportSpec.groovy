package org.igem


import org.igem.core.Version;

import groovy.json.JsonSlurper
import groovy.sql.Sql
import org.apache.parquet.schema.LogicalTypeAnnotation
import org.apache.parquet.schema.MessageType
import org.apache.parquet.schema.PrimitiveType
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName
import org.apache.parquet.schema.Type
import org.igem.export.ExportOptions
import org.igem.snapshot.Manifest
import org.igem.parquet.ParquetTableReader
import org.igem.support.Backend
import org.igem.support.CliRun
import org.postgresql.util.PGobject
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneOffset

/**
 * db export on real databases: one database per back end, created once with db create and
 * seeded with extra rows of every column type; every exported value is read back with
 * parquet-java and compared with the database. Features that add rows remove them again.
 */
class ExportSpec extends Specification {
    static final List<String> BACKENDS = ['postgresql', 'sqlite']
    static final String REVISION = '846c774a8f66'

    /** 1000 characters (entity_aliases.alias_value is varchar(1000)), outside Latin-1 and with quotes. */
    static final String LONG_ALIAS = ('αβγ"\'' * 200)
    static final String UNICODE_ALIAS = 'Zoë – β-Catenin 🧬 日本語 "q" \\ ;'
    /** A large text value (disease_masters.description is text): 300 000 characters, several pages. */
    static final String BIG_TEXT = ('Ω≈ç√∫ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — large text, ' * 10_000)
    static final String STATS_JSON = '{"rows": 1234, "notes": ["a", "ü"], "ok": true, "nested": {"x": null}}'

    @Shared Backend pg = Backend.postgres()
    @Shared Backend lite = Backend.sqlite()
    @Shared Map<String, String> uris = [:]
    @Shared Path tmp
    @Shared int dirs = 0

    def setupSpec() {
        tmp = Files.createTempDirectory('igem-export')
        [pg, lite].each { Backend b ->
            String uri = b.freshUri()
            def r = CliRun.run('db', 'create', '--db-uri', uri)
            assert r.exit == 0: r
            Sql sql = b.sql(uri)
            try {
                seed(sql, b.postgres)
            } finally {
                sql.close()
            }
            uris[b.name] = uri
        }
    }

    def cleanupSpec() {
        pg?.cleanup()
        lite?.cleanup()
        tmp?.toFile()?.deleteDir()
    }

    Backend backend(String name) { name == 'postgresql' ? pg : lite }

    /** A path for an output directory that does not exist yet. */
    Path newDir() { tmp.resolve("out-${++dirs}".toString()) }

    static CliRun.Result export(String uri, Path dir, String... extra) {
        CliRun.run(['db', 'export', '--db-uri', uri, '--output', dir.toString()] + (extra as List))
    }

    static Map manifest(Path dir) { new JsonSlurper().parse(dir.resolve('manifest.json').toFile()) as Map }

    static String sha256(Path f) { MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(f)).encodeHex().toString() }

    static Set<String> fileNames(Path dir) { Files.list(dir).withCloseable { s -> s.map { it.fileName.toString() }.toList() as Set } }

    // ------------------------------------------------------------------ seed

    /** Extra rows of every column type; ids are explicit (the seeded tables hold no rows with these ids). */
    static void seed(Sql sql, boolean isPg) {
        def ts = { String s -> s == null ? null : isPg ? LocalDateTime.parse(s.replace(' ', 'T')) : s }
        String json = isPg ? 'CAST(? AS json)' : '?'
        int ds = sql.firstRow('SELECT min(id) AS id FROM etl_data_sources').id as int
        int ds2 = sql.firstRow('SELECT max(id) AS id FROM etl_data_sources').id as int
        int type = sql.firstRow('SELECT min(id) AS id FROM entity_types').id as int
        int rel = sql.firstRow('SELECT min(id) AS id FROM entity_relationship_types').id as int

        String pkg = """INSERT INTO etl_packages (id, data_source_id, status, version_tag, active, extract_start, extract_end,
                extract_rows, extract_status, stats, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, $json, ?)"""
        String status = isPg ? "CAST(? AS etl_status_enum)" : '?'
        String extract = isPg ? "CAST(? AS etl_extract_status_enum)" : '?'
        pkg = pkg.replaceFirst(/\?, \?, \?, \?, \?, \?, \?, \?, \?, /, "?, ?, $status, ?, ?, ?, ?, ?, $extract, ")
        sql.execute(pkg, [1, ds, 'completed', 'v1', true, ts('2024-02-29 13:45:01.123456'), ts('2024-02-29 14:00:00'),
                          1234, 'completed', STATS_JSON, ts('2024-03-01 00:00:00')])
        sql.execute(pkg, [2, ds, 'pending', null, null, null, null, null, null, null, ts('1999-12-31 23:59:59.999999')])
        sql.execute(pkg, [3, ds2, 'failed', 'v3', false, ts('1969-07-20 20:17:40.5'), null, 0, 'failed', '[]',
                          ts('2000-01-01 00:00:00.000001')])

        (1..40).each { int i ->
            sql.execute('INSERT INTO entities (id, type_id, has_conflict, is_active, data_source_id, etl_package_id) '
                    + 'VALUES (?, ?, ?, ?, ?, ?)',
                    [i, i % 3 == 0 ? null : type, i % 4 == 0 ? null : i % 2 == 0, i % 5 != 0, i % 2 ? ds : null,
                     i % 7 == 0 ? 1 : null])
        }
        def aliases = [[UNICODE_ALIAS, 'hgnc', true, 'en'], [LONG_ALIAS, null, null, null], ['', 'x', false, 'de'],
                       ['plain alias', null, true, null], ['tab\tand\nnewline', 'ncbi', false, 'fr']]
        aliases.eachWithIndex { a, int k ->
            sql.execute('INSERT INTO entity_aliases (id, entity_id, type_id, alias_value, xref_source, is_primary, alias_norm, '
                    + 'locale, data_source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    [k + 1, k + 1, k % 2 ? null : type, a[0], a[1], a[2], k == 3 ? 'plain alias' : null, a[3],
                     k % 2 ? null : ds])
        }
        def scores = [0.1d, -1.5e-300d, 1.0e300d, null, 0.0d, 123456.789012345d, Double.MIN_VALUE, -42.0d]
        scores.eachWithIndex { Double s, int k ->
            String dm = isPg ? "CAST(? AS discovery_method_enum)" : '?'
            sql.execute("INSERT INTO entity_relationships (id, entity_1_id, entity_1_type_id, entity_2_id, relationship_type_id, "
                    + "discovery_method, confidence_score, evidence_count, source_ref, data_source_id) "
                    + "VALUES (?, ?, ?, ?, ?, $dm, ?, ?, ?, ?)",
                    [k + 1, k + 1, k % 2 ? type : null, k + 2, rel, ['structured', 'nlp', 'manual'][k % 3], s,
                     k % 3 ? k * 1000 : null, k % 2 ? "PMID:${k}".toString() : null, k % 4 ? ds : null])
        }
        // variant_masters: several chromosomes (partitions on PostgreSQL), 64-bit positions and counts
        def variants = [[7, 5, 3_000_000_000L, 'A', 'G', 0.25d, 10L, 40L], [1, 100, 12_345L, 'AT', 'A', null, null, null],
                        [23, 7, 155_000_000L, 'C', 'T', 1.0d, 5L, 5L], [25, 99, 1L, 'G', 'GTT', 0.0d, 0L, 8L],
                        [1, 3, 10L, 'T', 'C', 1.0e-9d, 1L, 1_000_000_000_000L]]
        variants.each { v ->
            sql.execute('INSERT INTO variant_masters (chromosome, variant_id, entity_id, assembly_id, position_start, position_end, '
                    + 'reference_allele, alternate_allele, rsid, af, ac, an, cadd_phred) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    [v[0], v[1], v[1] == 5 ? 2 : null, null, v[2], v[2] + 1, v[3], v[4], "rs${v[1]}".toString(), v[5], v[6], v[7],
                     v[1] % 2 ? 12.5d : null])
        }
        [[1, 10, true, false, 180.16d], [2, 11, null, true, null], [3, 12, false, null, 0.5d]].each { c ->
            sql.execute('INSERT INTO chemical_masters (id, entity_id, ctd_id, smiles, molecular_weight, is_drug, is_environmental) '
                    + 'VALUES (?, ?, ?, ?, ?, ?, ?)',
                    [c[0], c[1], "D00${c[0]}".toString(), c[0] == 1 ? 'C' * 4000 : null, c[4], c[2], c[3]])
        }
        sql.execute('INSERT INTO disease_masters (id, entity_id, disease_id, label, description) VALUES (?, ?, ?, ?, ?)',
                [1, 20, 'MONDO:0000001', 'disease', BIG_TEXT])
    }

    // ------------------------------------------------------------------ reading back

    /** A value in comparable form, guided by the Parquet field it was written to. */
    static Object canon(Object v, PrimitiveType t) {
        if (v == null) {
            return null
        }
        if (v instanceof PGobject) {
            v = v.value
        }
        def logical = t.logicalTypeAnnotation
        switch (t.primitiveTypeName) {
            case PrimitiveTypeName.INT32:
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return v instanceof java.sql.Date ? v.toLocalDate() : v instanceof LocalDate ? v : LocalDate.parse(v.toString().take(10))
                }
                return (v as Number).longValue()
            case PrimitiveTypeName.INT64:
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                    if (v instanceof java.sql.Timestamp) return v.toLocalDateTime()
                    if (v instanceof LocalDateTime) return v
                    return LocalDateTime.parse(v.toString().replace(' ', 'T'))
                }
                return (v as Number).longValue()
            case PrimitiveTypeName.BOOLEAN:
                return v instanceof Number ? v.longValue() != 0 : v as Boolean
            case PrimitiveTypeName.DOUBLE:
                return (v as Number).doubleValue()
            default:
                return v instanceof byte[] ? v.encodeHex().toString() : v.toString()
        }
    }

    static List<List<Object>> parquetRows(Path file) {
        ParquetTableReader.open(file).withCloseable { ParquetTableReader r ->
            MessageType schema = r.schema()
            r.readAll().collect { Object[] row ->
                (0..<row.length).collect { int i -> canon(row[i], schema.getType(i).asPrimitiveType()) }
            }
        }
    }

    static List<List<Object>> dbRows(Sql sql, String table, MessageType schema) {
        List<List<Object>> rows = []
        sql.eachRow('SELECT * FROM "' + table + '"') { row ->
            rows << (0..<schema.fieldCount).collect { int i -> canon(row[i], schema.getType(i).asPrimitiveType()) }
        }
        rows
    }

    static MessageType schemaOf(Path file) { ParquetTableReader.open(file).withCloseable { it.schema() } }

    static Map<String, Object> rowById(Path file, Object id, String idColumn = 'id') {
        MessageType schema = schemaOf(file)
        int idx = schema.getFieldIndex(idColumn)
        def row = parquetRows(file).find { it[idx] == id }
        row == null ? null : [schema.fields*.name, row].transpose().collectEntries { it }
    }

    static PrimitiveType field(Path file, String name) { schemaOf(file).getType(name).asPrimitiveType() }

    // ------------------------------------------------------------------ features

    def "every exported value equals the database, NULLs included (#backendName)"() {
        given:
        Backend b = backend(backendName)
        Path dir = newDir()

        when:
        def r = export(uris[backendName], dir)

        then:
        r.exit == 0
        r.err == ''

        and: 'every table file holds exactly the rows of its table'
        Sql sql = b.sql(uris[backendName])
        try {
            manifest(dir).tables.each { String name, Map t ->
                Path f = dir.resolve(t.file as String)
                List<List<Object>> actual = parquetRows(f)
                List<List<Object>> expected = dbRows(sql, name, schemaOf(f))
                assert actual.size() == expected.size(): name
                assert actual.countBy { it } == expected.countBy { it }: name
            }
        } finally {
            sql.close()
        }

        and: 'the seeded values, spelled out'
        def alias1 = rowById(dir.resolve('entity_aliases.parquet'), 1L)
        alias1.alias_value == UNICODE_ALIAS
        alias1.xref_source == 'hgnc'
        alias1.is_primary == true
        alias1.alias_norm == null
        def alias2 = rowById(dir.resolve('entity_aliases.parquet'), 2L)
        alias2.alias_value == LONG_ALIAS
        alias2.xref_source == null && alias2.is_primary == null && alias2.locale == null && alias2.type_id == null
        rowById(dir.resolve('entity_aliases.parquet'), 3L).alias_value == ''
        rowById(dir.resolve('entity_aliases.parquet'), 5L).alias_value == 'tab\tand\nnewline'
        rowById(dir.resolve('disease_masters.parquet'), 1L).description == BIG_TEXT

        def pkg1 = rowById(dir.resolve('etl_packages.parquet'), 1L)
        pkg1.extract_start == LocalDateTime.of(2024, 2, 29, 13, 45, 1, 123_456_000)
        pkg1.created_at == LocalDateTime.of(2024, 3, 1, 0, 0)
        pkg1.stats == STATS_JSON
        pkg1.status == 'completed'
        pkg1.active == true
        def pkg2 = rowById(dir.resolve('etl_packages.parquet'), 2L)
        pkg2.extract_start == null && pkg2.stats == null && pkg2.active == null && pkg2.version_tag == null
        pkg2.created_at == LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000)
        rowById(dir.resolve('etl_packages.parquet'), 3L).extract_start == LocalDateTime.of(1969, 7, 20, 20, 17, 40, 500_000_000)

        parquetRows(dir.resolve('entity_relationships.parquet')).collect { it[schemaOf(dir.resolve('entity_relationships.parquet')).getFieldIndex('confidence_score')] } ==
                [0.1d, -1.5e-300d, 1.0e300d, null, 0.0d, 123456.789012345d, Double.MIN_VALUE, -42.0d]

        def chem = parquetRows(dir.resolve('chemical_masters.parquet'))
        def chemSchema = schemaOf(dir.resolve('chemical_masters.parquet'))
        chem.collect { it[chemSchema.getFieldIndex('is_drug')] } == [true, null, false]
        chem.collect { it[chemSchema.getFieldIndex('is_environmental')] } == [false, true, null]
        chem.collect { it[chemSchema.getFieldIndex('molecular_weight')] } == [180.16d, null, 0.5d]
        chem[0][chemSchema.getFieldIndex('smiles')] == 'C' * 4000

        and: 'a partitioned table is one file, ordered by its primary key'
        def vm = parquetRows(dir.resolve('variant_masters.parquet'))
        def vmSchema = schemaOf(dir.resolve('variant_masters.parquet'))
        def keys = vm.collect { [it[vmSchema.getFieldIndex('chromosome')], it[vmSchema.getFieldIndex('variant_id')]] }
        keys as Set == [[7L, 5L], [1L, 100L], [23L, 7L], [25L, 99L], [1L, 3L]] as Set
        // PostgreSQL's key is (chromosome, variant_id); SQLite's is variant_id
        keys == (b.postgres ? keys.sort(false) { a, c -> a[0] <=> c[0] ?: a[1] <=> c[1] } : keys.sort(false) { it[1] })
        vm.find { it[vmSchema.getFieldIndex('variant_id')] == 5L }[vmSchema.getFieldIndex('position_start')] == 3_000_000_000L
        vm.find { it[vmSchema.getFieldIndex('variant_id')] == 3L }[vmSchema.getFieldIndex('an')] == 1_000_000_000_000L
        parquetRows(dir.resolve('entities.parquet')).collect { it[0] } == (1L..40L).toList()

        and: 'the output: a TABLE / ROWS / SIZE table, a TOTAL line, then version, schema version, duration'
        def lines = r.out.readLines()
        def header = lines.findIndexOf { it ==~ /TABLE\s+ROWS\s+SIZE/ }
        header >= 0
        lines[header + 1] ==~ /anatomy_masters\s+0\s+\d+ B/
        lines.find { it.startsWith('entities ') } ==~ /entities\s+40\s+[\d.]+ (B|KB)/
        lines.find { it.startsWith('TOTAL') } ==~ /TOTAL\s+\d+\s+[\d.]+ (B|KB|MB)/
        lines.contains('Snapshot version : ' + LocalDate.now(ZoneOffset.UTC))
        lines.contains('Schema version : 0.1.0')
        lines.find { it ==~ /Duration : \d+\.\d s/ }

        where:
        backendName << BACKENDS
    }

    def "Parquet types follow the column types (#backendName)"() {
        given:
        Path dir = newDir()
        def r = export(uris[backendName], dir, '--tables', 'etl_packages,entity_aliases,entities,entity_types,chemical_masters,variant_masters')
        assert r.exit == 0: r
        Path pkg = dir.resolve('etl_packages.parquet')
        Path alias = dir.resolve('entity_aliases.parquet')

        expect: 'timestamp: INT64 TIMESTAMP(MICROS, not UTC-adjusted)'
        with(field(pkg, 'created_at')) {
            primitiveTypeName == PrimitiveTypeName.INT64
            logicalTypeAnnotation == LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)
            repetition == Type.Repetition.REQUIRED
        }
        field(pkg, 'extract_start').repetition == Type.Repetition.OPTIONAL

        and: 'text, enums and JSON: BINARY STRING'
        verifyEach([field(alias, 'alias_value'), field(pkg, 'status'), field(pkg, 'stats')], { it.name }) {
            it.primitiveTypeName == PrimitiveTypeName.BINARY
            it.logicalTypeAnnotation == LogicalTypeAnnotation.stringType()
        }
        field(alias, 'alias_value').repetition == Type.Repetition.REQUIRED
        field(alias, 'locale').repetition == Type.Repetition.OPTIONAL

        and: 'bigint: INT64; integer: INT32 on PostgreSQL, INT64 on SQLite (64-bit integers)'
        field(dir.resolve('entities.parquet'), 'id').primitiveTypeName == PrimitiveTypeName.INT64
        field(dir.resolve('variant_masters.parquet'), 'position_start').primitiveTypeName == PrimitiveTypeName.INT64
        field(dir.resolve('entity_types.parquet'), 'id').primitiveTypeName == intType
        field(dir.resolve('entity_types.parquet'), 'domain').logicalTypeAnnotation == LogicalTypeAnnotation.stringType()

        and: 'booleans and doubles'
        field(dir.resolve('chemical_masters.parquet'), 'is_drug').primitiveTypeName == PrimitiveTypeName.BOOLEAN
        field(dir.resolve('chemical_masters.parquet'), 'molecular_weight').primitiveTypeName == PrimitiveTypeName.DOUBLE

        and: 'the manifest names the same types'
        def cols = manifest(dir).tables.etl_packages.columns
        cols.find { it.name == 'created_at' }.type == 'timestamp[us]'
        cols.find { it.name == 'stats' }.type == 'string'
        cols.find { it.name == 'id' }.type == intName
        cols*.name == schemaOf(pkg).fields*.name

        where:
        backendName  | intType                  | intName
        'postgresql' | PrimitiveTypeName.INT32  | 'int32'
        'sqlite'     | PrimitiveTypeName.INT64  | 'int64'
    }

    def "manifest.json lists every table with rows, size and sha256 of its file (#backendName)"() {
        given:
        Backend b = backend(backendName)
        Path dir = newDir()

        when:
        def r = export(uris[backendName], dir, '--version', '2026-11-01-test', '--chunksize', '7', '--compression', 'snappy')
        Map m = manifest(dir)

        then:
        r.exit == 0
        m.keySet() == ['snapshot_version', 'schema_version', 'schema_revision', 'igem_version', 'igem_version_compatible',
                       'exported_at', 'duration_seconds', 'source', 'compression', 'chunksize', 'tables'] as Set
        m.snapshot_version == '2026-11-01-test'
        m.schema_version == '0.1.0'
        m.schema_revision == REVISION
        m.igem_version == Version.VERSION
        m.igem_version_compatible == '>=0.1.0,<0.2.0'
        m.exported_at ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/
        m.duration_seconds instanceof Number && m.duration_seconds >= 0
        m.compression == 'snappy'
        m.chunksize == 7
        m.source.engine == backendName
        !m.source.containsKey('user') && !m.source.containsKey('password')
        b.postgres ? m.source.host == Backend.PG_HOST && m.source.database == uris[backendName].tokenize('/').last()
                : m.source.database == uris[backendName].substring('sqlite:'.length())

        and: 'the 45 IGEM tables, not the schema history, not the partitions'
        m.tables.size() == 45
        !m.tables.containsKey('flyway_schema_history')
        !m.tables.keySet().any { it.contains('_chr_') }

        and: 'rows, size and sha256 match the files and the database'
        Sql sql = b.sql(uris[backendName])
        try {
            m.tables.each { String name, Map t ->
                Path f = dir.resolve(t.file as String)
                assert t.file == name + '.parquet'
                assert t.size_bytes == Files.size(f)
                assert t.sha256 == sha256(f)
                assert t.rows == sql.firstRow('SELECT count(*) AS n FROM "' + name + '"'.toString()).n
                ParquetTableReader.open(f).withCloseable { ParquetTableReader pr ->
                    assert pr.rowCount() == t.rows
                    assert t.columns*.name == pr.schema().fields*.name
                    assert pr.keyValueMetadata().isEmpty()
                    assert pr.footer().blocks*.columns.flatten()*.codec*.name().findAll { it != 'SNAPPY' } == []   // empty tables have no blocks
                }
            }
        } finally {
            sql.close()
        }

        and: 'only the table files and the manifest are left, and the lenient reader accepts the manifest'
        fileNames(dir) == (m.tables.values()*.file + ['manifest.json']) as Set
        Manifest.read(dir).tables().size() == 45
        Manifest.read(dir).schemaRevision() == REVISION

        where:
        backendName << BACKENDS
    }

    def "exporting the same database twice gives byte-identical files (#backendName)"() {
        given:
        Path a = newDir()
        Path b = newDir()

        when:
        def r1 = export(uris[backendName], a)
        def r2 = export(uris[backendName], b, '--version', 'another-label')

        then:
        r1.exit == 0 && r2.exit == 0
        def ma = manifest(a)
        def mb = manifest(b)
        ma.tables.collectEntries { k, v -> [k, v.sha256] } == mb.tables.collectEntries { k, v -> [k, v.sha256] }
        verifyEach(ma.tables.values(), { it.file }) { Map t -> Files.mismatch(a.resolve(t.file as String), b.resolve(t.file as String)) == -1L }

        where:
        backendName << BACKENDS
    }

    def "every compression writes files parquet-java reads back (#codec)"() {
        given:
        Path dir = newDir()

        when:
        def r = export(uris.sqlite, dir, '--compression', codec, '--tables', 'entity_aliases,disease_masters,etl_packages')

        then:
        r.exit == 0
        manifest(dir).compression == codec.toLowerCase()
        ParquetTableReader.open(dir.resolve('disease_masters.parquet')).withCloseable { ParquetTableReader pr ->
            pr.footer().blocks*.columns.flatten()*.codec*.name().findAll { it != parquetName } == []
        }
        rowById(dir.resolve('disease_masters.parquet'), 1L).description == BIG_TEXT
        rowById(dir.resolve('entity_aliases.parquet'), 1L).alias_value == UNICODE_ALIAS
        rowById(dir.resolve('etl_packages.parquet'), 1L).stats == STATS_JSON

        where:
        codec    | parquetName
        'zstd'   | 'ZSTD'
        'snappy' | 'SNAPPY'
        'gzip'   | 'GZIP'
        'none'   | 'UNCOMPRESSED'
        'ZSTD'   | 'ZSTD'
    }

    def "rows committed by another connection during the export are not in it (#backendName)"() {
        given: 'a connection of our own that inserts once the export has read its first table'
        Backend b = backend(backendName)
        String uri = uris[backendName]
        Sql other = b.sql(uri)
        long entitiesBefore = other.firstRow('SELECT count(*) AS n FROM entities').n as long
        long variantsBefore = other.firstRow('SELECT count(*) AS n FROM variant_masters').n as long
        Path dir = newDir()
        List<String> seen = []

        when: 'a tiny chunksize: one fetch per row (row groups are never cut below 1 MiB)'
        def result = Igem.connect(uri).withCloseable { IgemDb db ->
            db.export(ExportOptions.to(dir).withChunksize(1).onTable { t ->
                seen << t.name()
                if (t.name() == 'anatomy_masters') {
                    other.execute('INSERT INTO entities (id, is_active) VALUES (?, ?)', [9001, true])
                    other.execute('INSERT INTO entities (id, is_active) VALUES (?, ?)', [9002, false])
                    other.execute('INSERT INTO variant_masters (chromosome, variant_id, position_start, position_end, '
                            + 'reference_allele, alternate_allele) VALUES (?, ?, ?, ?, ?, ?)', [2, 9001, 1, 1, 'A', 'C'])
                }
            })
        }

        then: 'the inserts were committed while the export ran, after it had started'
        seen.first() == 'anatomy_masters'
        seen.indexOf('entities') > 0
        other.firstRow('SELECT count(*) AS n FROM entities').n == entitiesBefore + 2
        other.firstRow('SELECT count(*) AS n FROM variant_masters').n == variantsBefore + 1

        and: 'the snapshot shows the database as it was when the export began'
        result.table('entities').get().rows() == entitiesBefore
        result.table('variant_masters').get().rows() == variantsBefore
        manifest(dir).tables.entities.rows == entitiesBefore
        parquetRows(dir.resolve('entities.parquet')).size() == entitiesBefore
        ParquetTableReader.open(dir.resolve('entities.parquet')).withCloseable { it.rowGroupCount() } == 1

        cleanup:
        other?.execute('DELETE FROM variant_masters WHERE variant_id = 9001')
        other?.execute('DELETE FROM entities WHERE id IN (9001, 9002)')
        other?.close()

        where:
        backendName << BACKENDS
    }

    def "--tables and --exclude choose the tables (#backendName)"() {
        given:
        Path only = newDir()
        Path without = newDir()

        when:
        def r1 = export(uris[backendName], only, '--tables', 'etl_packages, entities', '--tables', 'entity_types')
        def r2 = export(uris[backendName], without, '--exclude', 'variant_masters,entities')

        then:
        r1.exit == 0
        manifest(only).tables.keySet() == ['entities', 'entity_types', 'etl_packages'] as Set
        fileNames(only) == ['entities.parquet', 'entity_types.parquet', 'etl_packages.parquet', 'manifest.json'] as Set
        r2.exit == 0
        manifest(without).tables.size() == 43
        !manifest(without).tables.containsKey('entities')
        !Files.exists(without.resolve('variant_masters.parquet'))

        where:
        backendName << BACKENDS
    }

    def "an unknown table is a usage error that names it, and nothing is written (#backendName, #option #name)"() {
        given:
        Backend b = backend(backendName)
        Path dir = newDir()

        when:
        def r = export(uris[backendName], dir, option, "entities,$name".toString())

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains("'$name'")
        r.err.contains('unknown table')
        !Files.exists(dir)

        and: 'the name was never run as SQL'
        Sql sql = b.sql(uris[backendName])
        try {
            assert sql.firstRow('SELECT count(*) AS n FROM entities').n == 40
        } finally {
            sql.close()
        }

        where:
        [backendName, option, name] << [BACKENDS, ['--tables', '--exclude'],
                                        ['nope', 'x"; DROP TABLE entities; --', 'entities"; DROP TABLE entities; --', 'ENTITIES']].combinations()
    }

    def "a non-empty output directory is refused unless --overwrite"() {
        given:
        Path dir = Files.createDirectories(newDir())
        Files.writeString(dir.resolve('notes.txt'), 'keep me')

        when:
        def refused = export(uris.sqlite, dir, '--tables', 'entities')

        then:
        refused.exit == 1
        refused.err.contains('not empty')
        refused.err.contains('--overwrite')
        fileNames(dir) == ['notes.txt'] as Set

        when:
        def r = export(uris.sqlite, dir, '--tables', 'entities', '--overwrite')

        then:
        r.exit == 0
        fileNames(dir) == ['notes.txt', 'entities.parquet', 'manifest.json'] as Set
        Files.readString(dir.resolve('notes.txt')) == 'keep me'
    }

    def "with --overwrite the old manifest goes first: a failed export never looks complete"() {
        given: 'a complete snapshot, then a directory where igem_metadata.parquet should go'
        Path dir = newDir()
        assert export(uris.sqlite, dir).exit == 0
        Path blocker = dir.resolve('igem_metadata.parquet')
        Files.delete(blocker)
        Files.createDirectories(blocker.resolve('in-the-way'))

        when:
        def r = export(uris.sqlite, dir, '--overwrite')

        then: 'the export failed at that table, and the directory no longer claims to be a snapshot'
        r.exit == 1
        r.err.contains('igem_metadata.parquet')
        !Files.exists(dir.resolve('manifest.json'))
        !fileNames(dir).any { it.endsWith('.part') }
        Files.exists(dir.resolve('entities.parquet'))
    }

    def "invalid options are usage errors and create nothing (#args)"() {
        given:
        Path dir = newDir()

        when:
        def r = export(uris.sqlite, dir, *args)

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains(message)
        !Files.exists(dir)

        where:
        args                       | message
        ['--compression', 'lz4']   | "unknown compression 'lz4'"
        ['--compression', '']      | 'unknown compression'
        ['--chunksize', '0']       | '--chunksize must be greater than 0'
        ['--chunksize', '-5']      | '--chunksize must be greater than 0'
        ['--chunksize', 'many']    | '--chunksize'
        ['--version', ' ']         | '--version must not be empty'
        ['--exclude', 'entities,etl_packages', '--tables', 'entities'] | 'no tables left'
    }

    def "--output is required; its parent must exist and it must not be a file"() {
        given:
        Path file = Files.writeString(tmp.resolve('a-file'), 'x')

        expect:
        CliRun.run('db', 'export', '--db-uri', uris.sqlite).exit == 2
        with(export(uris.sqlite, tmp.resolve('missing-parent/out'))) {
            exit == 1
            err.contains('parent directory')
        }
        !Files.exists(tmp.resolve('missing-parent'))
        with(export(uris.sqlite, file)) {
            exit == 1
            err.contains('not a directory')
        }
    }

    def "an empty table gets a valid file with its schema and no rows (#backendName)"() {
        given:
        Path dir = newDir()

        when:
        def r = export(uris[backendName], dir, '--tables', 'anatomy_masters,go_relations')

        then:
        r.exit == 0
        def m = manifest(dir)
        verifyEach(['anatomy_masters', 'go_relations']) { String t ->
            m.tables[t].rows == 0
            ParquetTableReader.open(dir.resolve(t + '.parquet')).withCloseable { ParquetTableReader pr ->
                assert pr.rowCount() == 0
                assert pr.rowGroupCount() == 0
                assert pr.readAll().isEmpty()
                assert pr.schema().fields*.name == m.tables[t].columns*.name
                assert pr.schema().fieldCount > 3
                true
            }
        }
        // the file starts and ends with the Parquet magic
        def bytes = Files.readAllBytes(dir.resolve('anatomy_masters.parquet'))
        new String(bytes, 0, 4, 'US-ASCII') == 'PAR1' && new String(bytes, bytes.length - 4, 4, 'US-ASCII') == 'PAR1'

        where:
        backendName << BACKENDS
    }

    def "a snapshot is not a source (#form)"() {
        given:
        Path snap = newDir()
        assert export(uris.sqlite, snap, '--tables', 'entities').exit == 0
        String uri = form == 'path' ? snap.toString() : "parquet://$snap/".toString()
        Path dir = newDir()

        when:
        def r = CliRun.run('db', 'export', '--db-uri', uri, '--output', dir.toString())

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains('read-only')
        r.err.contains('snapshot')
        !Files.exists(dir)

        where:
        form << ['path', 'parquet URI']
    }
}
