package org.igem

import groovy.json.JsonOutput
import org.igem.snapshot.VerifyResult
import org.igem.support.CliRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

/** db verify: every file the manifest lists is re-hashed; OK / MISMATCH / MISSING rows, exit 0 only when all match. */
class VerifySpec extends Specification {
    @TempDir Path tmp

    static String sha256(byte[] b) { MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }

    /** A snapshot with three tables (one of 2 MB, one empty) and, optionally, an NLP cache under nlp/. */
    Path snapshot(boolean withNlp = false, Map extraTables = [:]) {
        Path dir = Files.createDirectories(tmp.resolve('snap'))
        def rnd = new Random(1)
        Map tables = [:]
        ['entities.parquet': 2 * 1024 * 1024, 'entity_types.parquet': 4000, 'empty.parquet': 0].each { file, size ->
            byte[] b = new byte[size]
            rnd.nextBytes(b)
            Files.write(dir.resolve(file), b)
            tables[file - '.parquet'] = [file: file, rows: 1, size_bytes: size, sha256: sha256(b), columns: []]
        }
        tables.putAll(extraTables)
        Map mf = [snapshot_version: '2026-11-01', schema_version: '0.1.0', exported_at: '2026-11-01T02:00:00Z', tables: tables]
        if (withNlp) {
            byte[] b = new byte[9000]
            rnd.nextBytes(b)
            Files.createDirectories(dir.resolve('nlp'))
            Files.write(dir.resolve('nlp/automaton.bin'), b)
            mf.nlp = [directory: 'nlp', file: 'nlp/automaton.bin', size_bytes: b.length, sha256: sha256(b), alias_count: 3,
                      built_at: '2026-11-01T03:00:00Z']
        }
        Files.writeString(dir.resolve('manifest.json'), JsonOutput.toJson(mf))
        dir
    }

    def "a good snapshot: one OK row per file, exit 0 (positional, relative positional, parquet:// and --db-uri)"() {
        given:
        Path dir = snapshot()

        when:
        def r = CliRun.run([cwd: tmp], args.call(dir))

        then:
        r.exit == 0
        r.err == ''
        r.out =~ /(?m)^FILE\s+SIZE\s+STATUS$/
        r.out =~ /(?m)^entities\.parquet\s+2\.0 MB\s+OK$/
        r.out =~ /(?m)^entity_types\.parquet\s+3\.9 KB\s+OK$/
        r.out =~ /(?m)^empty\.parquet\s+0 B\s+OK$/
        r.out =~ /(?m)^TOTAL\s+2\.0 MB\s+3 file\(s\): 3 OK$/

        where:
        args << [{ Path d -> ['db', 'verify', d.toString()] },
                 { Path d -> ['db', 'verify', 'snap'] },
                 { Path d -> ['db', 'verify', "parquet://$d/".toString()] },
                 { Path d -> ['db', 'verify', '--db-uri', d.toString()] },
                 { Path d -> ['db', 'verify', '--db-uri', "parquet://$d".toString()] }]
    }

    def "the snapshot can come from DATABASE_URL like any other command"() {
        given:
        Path dir = snapshot()

        when:
        def r = CliRun.run([env: [DATABASE_URL: "parquet://$dir".toString()]], 'db', 'verify')

        then:
        r.exit == 0
        r.out =~ /3 file\(s\): 3 OK/
    }

    def "a tampered file is a MISMATCH (same size or not), exit 1"() {
        given:
        Path dir = snapshot()
        Path f = dir.resolve('entity_types.parquet')
        if (kind == 'flip') {
            byte[] b = Files.readAllBytes(f)
            b[100] = (byte) (b[100] ^ 1)
            Files.write(f, b)
        } else {
            Files.write(f, [1, 2, 3] as byte[], java.nio.file.StandardOpenOption.APPEND)
        }

        when:
        def r = CliRun.run('db', 'verify', dir.toString())

        then:
        r.exit == 1
        r.out =~ /(?m)^entity_types\.parquet\s+3\.9 KB\s+MISMATCH \(.*${detail}.*\)$/
        r.out =~ /(?m)^entities\.parquet\s+2\.0 MB\s+OK$/
        r.out =~ /TOTAL.*3 file\(s\): 2 OK, 1 MISMATCH/
        r.errLines == ['error: 1 of 3 file(s) failed verification: entity_types.parquet (mismatch)']

        where:
        kind     | detail
        'flip'   | 'sha256'
        'append' | 'size 4003 bytes, manifest says 4000'
    }

    def "a deleted file is MISSING, exit 1"() {
        given:
        Path dir = snapshot()
        Files.delete(dir.resolve('entities.parquet'))

        when:
        def r = CliRun.run('db', 'verify', dir.toString())

        then:
        r.exit == 1
        r.out =~ /(?m)^entities\.parquet\s+2\.0 MB\s+MISSING$/
        r.out =~ /3 file\(s\): 2 OK, 1 MISSING/
        r.errLines == ['error: 1 of 3 file(s) failed verification: entities.parquet (missing)']
    }

    def "the NLP cache is checked when the manifest has an nlp key"() {
        given:
        Path dir = snapshot(true)

        when:
        def r = CliRun.run('db', 'verify', dir.toString())

        then:
        r.exit == 0
        r.out =~ /(?m)^nlp\/automaton\.bin\s+8\.8 KB\s+OK$/
        r.out =~ /4 file\(s\): 4 OK/

        when:
        Files.write(dir.resolve('nlp/automaton.bin'), new byte[9000])
        r = CliRun.run('db', 'verify', dir.toString())

        then:
        r.exit == 1
        r.out =~ /(?m)^nlp\/automaton\.bin\s+8\.8 KB\s+MISMATCH/
        r.errLines == ['error: 1 of 4 file(s) failed verification: nlp/automaton.bin (mismatch)']

        when:
        Files.delete(dir.resolve('nlp/automaton.bin'))
        r = CliRun.run('db', 'verify', dir.toString())

        then:
        r.exit == 1
        r.out =~ /(?m)^nlp\/automaton\.bin\s+8\.8 KB\s+MISSING$/
    }

    def "a manifest path that escapes the directory is refused before anything is read"() {
        given:
        Files.writeString(tmp.resolve('x'), 'outside')
        Path dir = snapshot(false, [evil: [file: file, rows: 1, size_bytes: 7, sha256: sha256('outside'.bytes)]])

        when:
        def r = CliRun.run('db', 'verify', dir.toString())

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains('unsafe file')
        !r.out.contains('OK')

        where:
        file << ['../x', '/etc/passwd', 'a/../../x', '..\\x', '']
    }

    def "a symbolic link that leads outside the directory is refused"() {
        given:
        Path outside = Files.createDirectories(tmp.resolve('outside'))
        Files.writeString(outside.resolve('x.parquet'), 'outside')
        Path dir = snapshot(false, [linked: [file: file, rows: 1, size_bytes: 7, sha256: sha256('outside'.bytes)]])
        link.call(dir, outside)

        when:
        def r = CliRun.run('db', 'verify', dir.toString())

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains("unsafe path '$file'")
        r.err.contains('outside')

        where:
        file << ['x.parquet', 'sub/x.parquet']
        link << [{ Path d, Path o -> Files.createSymbolicLink(d.resolve('x.parquet'), o.resolve('x.parquet')) },
                 { Path d, Path o -> Files.createSymbolicLink(d.resolve('sub'), o) }]
    }

    def "a symbolic link inside the directory is fine"() {
        given:
        Path dir = snapshot(false)
        Files.createDirectories(dir.resolve('data'))
        Files.move(dir.resolve('entity_types.parquet'), dir.resolve('data/entity_types.parquet'))
        Files.createSymbolicLink(dir.resolve('entity_types.parquet'), dir.resolve('data/entity_types.parquet'))

        expect:
        CliRun.run('db', 'verify', dir.toString()).exit == 0
    }

    def "malformed manifests and wrong targets are one clear line"() {
        given:
        Path dir = Files.createDirectories(tmp.resolve('broken'))
        if (manifest != null) {
            Files.writeString(dir.resolve('manifest.json'), manifest)
        }

        when:
        def r = CliRun.run([cwd: tmp], args)

        then:
        r.exit == exit
        r.errLines.size() == 1
        r.err.contains(expected)

        where:
        manifest                                                                   | args                                            | exit | expected
        '{"tables": '                                                              | ['db', 'verify', 'broken']                      | 1    | 'not valid JSON'
        '{"tables": {"a": {"file": "a.parquet", "size_bytes": 1, "sha256": "xy"}}}' | ['db', 'verify', 'broken']                      | 1    | '"sha256" must be 64 hex digits'
        null                                                                       | ['db', 'verify', 'broken']                      | 1    | 'manifest.json does not exist'
        null                                                                       | ['db', 'verify', 'nowhere']                     | 1    | 'does not exist'
        null                                                                       | ['db', 'verify', '--db-uri', 'sqlite:x.db']     | 2    | 'needs a snapshot directory'
    }

    def "library entry point: Igem.verify returns typed rows"() {
        given:
        Path dir = snapshot(true)
        Files.delete(dir.resolve('empty.parquet'))

        when:
        VerifyResult r = Igem.verify(dir)

        then:
        !r.ok()
        r.files()*.name() == ['entities', 'entity_types', 'empty', 'nlp']
        r.files()*.status() == [VerifyResult.Status.OK, VerifyResult.Status.OK, VerifyResult.Status.MISSING, VerifyResult.Status.OK]
        r.files()[0].actualSha256() == r.files()[0].expectedSha256()
        r.failed()*.file() == ['empty.parquet']
    }
}
