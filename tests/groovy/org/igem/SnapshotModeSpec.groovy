package org.igem

import groovy.json.JsonOutput
import org.igem.support.CliRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** Snapshot URIs are read-only: db info works, every schema command refuses before connecting. */
class SnapshotModeSpec extends Specification {
    @TempDir Path tmp

    static String sha256(byte[] b) {
        java.security.MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString()
    }

    /** A hand-made snapshot directory with a valid manifest whose files exist. */
    Path snapshot() {
        Path dir = Files.createDirectories(tmp.resolve('snap-2026-11-01'))
        def tables = [:]
        ['entity_types', 'entities'].each { t ->
            byte[] bytes = "not really parquet: $t".bytes
            Files.write(dir.resolve("${t}.parquet"), bytes)
            tables[t] = [file: "${t}.parquet".toString(), rows: t == 'entity_types' ? 14 : 0, size_bytes: bytes.length, sha256: sha256(bytes)]
        }
        Files.writeString(dir.resolve('manifest.json'), JsonOutput.toJson([
                snapshot_version: '2026-11-01', schema_version: '0.1.0', schema_revision: '846c774a8f66',
                igem_version: '0.1.0', exported_at: '2026-11-01T02:00:00Z', tables: tables]))
        dir
    }

    void rewriteManifest(Path dir, Closure change) {
        def m = new groovy.json.JsonSlurper().parse(dir.resolve('manifest.json').toFile())
        change(m)
        Files.writeString(dir.resolve('manifest.json'), JsonOutput.toJson(m))
    }

    def "a snapshot whose manifest points outside it, or whose table file is missing, is one clear error"() {
        given:
        Path dir = snapshot()
        Path outside = Files.writeString(tmp.resolve('outside.parquet'), 'x')
        switch (problem) {
            case 'dotdot': rewriteManifest(dir) { it.tables.entities.file = '../outside.parquet' }; break
            case 'absolute': rewriteManifest(dir) { it.tables.entities.file = outside.toString() }; break
            case 'symlink':
                Files.delete(dir.resolve('entities.parquet'))
                Files.createSymbolicLink(dir.resolve('entities.parquet'), outside)
                break
            case 'missing': Files.delete(dir.resolve('entities.parquet')); break
        }

        when:
        def r = CliRun.run('db', 'info', '--db-uri', dir.toString())

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains(expected)

        where:
        problem    | expected
        'dotdot'   | '../outside.parquet'
        'absolute' | 'outside.parquet'
        'symlink'  | 'outside'
        'missing'  | 'table entities file entities.parquet is missing'
    }

    def "db info on a snapshot shows the manifest facts (bare path and parquet:// URI)"() {
        given:
        Path dir = snapshot()

        when:
        def r = CliRun.run('db', 'info', '--db-uri', uri(dir))

        then:
        r.exit == 0
        r.out =~ /Backend\s+: snapshot/
        r.out =~ /Read-only\s+: True/
        r.out =~ /Path\s+: ${java.util.regex.Pattern.quote(dir.toString())}/
        r.out =~ /Snapshot\s+: 2026-11-01/
        r.out =~ /Schema version\s+: 0.1.0/
        r.out =~ /Tables\s+: 2/
        r.out =~ /Exported at\s+: 2026-11-01T02:00:00Z/

        where:
        uri << [{ Path d -> d.toString() }, { Path d -> "parquet://$d/".toString() }]
    }

    def "schema commands refuse a snapshot with a read-only message"() {
        given:
        Path dir = snapshot()
        long before = Files.list(dir).count()

        when:
        def r = CliRun.run('db', cmd, '--db-uri', dir.toString())

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains('read-only')
        r.err.contains('postgresql:// or sqlite:')
        Files.list(dir).count() == before

        where:
        cmd << ['create', 'upgrade', 'status', 'stamp-head', 'migrate-dry-run']
    }

    def "a snapshot with a broken manifest is one clear line"() {
        given:
        Path dir = Files.createDirectories(tmp.resolve('broken'))
        Files.writeString(dir.resolve('manifest.json'), content)

        when:
        def r = CliRun.run('db', 'info', '--db-uri', "parquet://$dir".toString())

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains(expected)

        where:
        content               | expected
        '{"tables": '         | 'not valid JSON'
        '[1, 2]'              | 'expected a JSON object'
        '{"snapshot": "x"}'   | 'missing "tables"'
    }

    def "a parquet:// URI to a directory without manifest.json is refused"() {
        when:
        def r = CliRun.run('db', 'info', '--db-uri', "parquet://$tmp".toString())

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains('manifest.json does not exist')
    }
}
