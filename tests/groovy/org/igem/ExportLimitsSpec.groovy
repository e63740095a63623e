package org.igem

import groovy.json.JsonSlurper
import groovy.sql.Sql
import org.igem.parquet.ParquetTableReader
import org.igem.support.Backend
import org.igem.support.CliRun
import org.igem.support.Processes
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** Export limits: unbounded PostgreSQL numerics kept exactly, tiny --chunksize values with flat memory. */
class ExportLimitsSpec extends Specification {
    @Shared Backend.PgBackend pg = new Backend.PgBackend()
    @TempDir Path tmp

    def cleanupSpec() {
        pg.cleanup()
    }

    static Map manifest(Path dir) { new JsonSlurper().parse(dir.resolve('manifest.json').toFile()) as Map }

    def "an unbounded PostgreSQL numeric is exported as its exact decimal text: a 36-digit value round-trips"() {
        given:
        String uri = pg.emptyUri()
        List<String> values = ['123456789012345678901234567890123456', '-98765432109876543210987654321.0123456789',
                               '0.000000000000000000000000000000000001', '1.5', '0', 'NaN']
        Sql sql = pg.sql(uri)
        sql.execute('CREATE TABLE amounts (id integer PRIMARY KEY, exact numeric, money numeric(38, 2))')
        values.eachWithIndex { v, i -> sql.execute("INSERT INTO amounts VALUES (?, ?::numeric, 12345678901234567890123456789012345.67)", [i + 1, v]) }
        sql.execute('INSERT INTO amounts VALUES (100, NULL, NULL)')
        sql.close()
        Path out = tmp.resolve('snap')

        when:
        def r = CliRun.run('db', 'export', '--db-uri', uri, '--output', out.toString())
        def reader = ParquetTableReader.open(out.resolve('amounts.parquet'))
        def rows = reader.readAll()
        def schema = reader.schema()
        reader.close()
        def cols = manifest(out).tables.amounts.columns

        then:
        r.exit == 0
        verifyAll {
            schema.getType('exact').toString() == 'optional binary exact (STRING)'
            schema.getType('money').asPrimitiveType().logicalTypeAnnotation.toString() == 'DECIMAL(38,2)'
            cols.find { it.name == 'exact' }.type == 'string'
            cols.find { it.name == 'money' }.type == 'decimal128(38, 2)'
            rows.collect { it[1] } == values + [null]
            rows[0][2] == new BigDecimal('12345678901234567890123456789012345.67')
            rows.last()[2] == null
        }
        verifyEach(rows.findAll { it[1] != 'NaN' && it[1] != null }, { "id ${it[0]}" }) {
            new BigDecimal(it[1] as String) == new BigDecimal(values[(it[0] as int) - 1])
        }
    }

    def "--chunksize 1 on an 800 000-row table exports under -Xmx96m; row groups are never cut below 1 MiB"() {
        given: 'a SQLite table of 800 000 rows'
        Path db = tmp.resolve('big.db')
        Sql sql = Sql.newInstance("jdbc:sqlite:$db", 'org.sqlite.JDBC')
        sql.execute('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL)')
        sql.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800000) " +
                "INSERT INTO items SELECT i, 'item-' || i, i * 0.5 FROM n")
        sql.close()
        Path out = tmp.resolve('snap')
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()

        when:
        def r = Processes.run([java, '-Xmx96m', '-cp', System.getProperty('java.class.path'), 'org.igem.cli.IgemCli',
                               'db', 'export', '--db-uri', "sqlite:$db".toString(), '--output', out.toString(), '--chunksize', '1'] as List<String>, tmp, 600)
        long size = Files.size(out.resolve('items.parquet'))
        def reader = ParquetTableReader.open(out.resolve('items.parquet'))
        long rows = reader.rowCount()
        int groups = reader.rowGroupCount()
        reader.close()

        then:
        verifyAll {
            r.exit == 0
            r.err == ''
            rows == 800_000
            groups > 1
            groups <= 800_000 * 24 / (1024 * 1024) + 1   // ≥ 1 MiB of (unencoded, ~24 B/row) data per row group
            manifest(out).chunksize == 1
            CliRun.run('db', 'verify', out.toString()).exit == 0
        }
    }

    def "--help says that row groups have a lower bound"() {
        when:
        def r = CliRun.run('db', 'export', '--help')

        then:
        r.exit == 0
        r.out.replaceAll(/\s+/, ' ').contains('a row group is never cut below 1 MiB of data')
    }
}
