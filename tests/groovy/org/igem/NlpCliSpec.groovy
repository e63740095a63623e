package org.igem

import groovy.json.JsonSlurper
import org.igem.nlp.SyntheticVocabulary
import org.igem.support.Backend
import org.igem.support.ClassPaths
import org.igem.support.CliRun
import org.igem.support.Processes
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** db snapshot-nlp, the manifest's nlp key, and igem nlp search/lookup over a snapshot and a SQL database. */
class NlpCliSpec extends Specification {
    @Shared Backend lite = Backend.sqlite()
    @Shared String uri
    @Shared @TempDir Path shared
    @Shared Path exported

    def setupSpec() {
        uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '2000', '--seed', '7', '--db-uri', uri).exit == 0
        exported = shared.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', uri, '--output', exported.toString()).exit == 0
    }

    def cleanupSpec() {
        lite.cleanup()
    }

    @TempDir Path tmp

    /** A private copy of the exported snapshot (specs below change it). */
    Path snapshot() {
        Path copy = tmp.resolve('snap')
        Files.createDirectories(copy)
        Files.list(exported).each { Files.copy(it, copy.resolve(it.fileName)) }
        copy
    }

    static Map manifest(Path snap) {
        new JsonSlurper().parse(snap.resolve('manifest.json').toFile()) as Map
    }

    def "snapshot-nlp writes nlp/, adds the manifest's nlp key and prints the summary; verify covers the cache"() {
        given:
        Path snap = snapshot()

        when:
        def r = CliRun.run('db', 'snapshot-nlp', snap.toString())
        def m = manifest(snap)
        def meta = new JsonSlurper().parse(snap.resolve('nlp/igem-java/metadata.json').toFile())
        byte[] bin = Files.readAllBytes(snap.resolve(m.igem_java_nlp.file as String))

        then:
        r.exit == 0
        (r.out =~ /Aliases\s+: (\d+)/)[0][1] as long == meta.alias_count
        meta.alias_count > 7000   // ~4 aliases for each of the 2000 entities
        r.out =~ /Unique norms\s+: \d+/
        r.out =~ /Cache size\s+: /
        r.out =~ /Build time\s+: /
        r.out.contains("Output         : ${snap.resolve('nlp/igem-java')}")
        m.igem_java_nlp.directory == 'nlp/igem-java'
        m.igem_java_nlp.sha256 == java.security.MessageDigest.getInstance('SHA-256').digest(bin).encodeHex().toString()
        m.igem_java_nlp.size_bytes == bin.length
        m.igem_java_nlp.alias_count == meta.alias_count
        m.igem_java_nlp.built_at == meta.built_at
        m.nlp == null  // the Python igem-server's key
        verifyEach(['version', 'built_at', 'build_seconds', 'file', 'size_bytes', 'sha256', 'alias_count', 'norm_count',
                    'name_cache_count', 'min_alias_length', 'filtered_short', 'filtered_stopword']) { meta.containsKey(it) }
        m.tables.size() == 45  // the rest of the manifest is intact

        when:
        def v = CliRun.run('db', 'verify', snap.toString())

        then:
        v.exit == 0
        v.out =~ /nlp\/igem-java\/dictionary\.bin\s+.*OK/
    }

    def "an existing cache is refused without --overwrite"() {
        given:
        Path snap = snapshot()
        assert CliRun.run('db', 'snapshot-nlp', snap.toString()).exit == 0
        String before = Files.readString(snap.resolve('manifest.json'))

        when:
        def again = CliRun.run('db', 'snapshot-nlp', snap.toString())
        def over = CliRun.run('db', 'snapshot-nlp', '--overwrite', snap.toString())

        then:
        again.exit == 1
        again.errLines.size() == 1
        again.err.contains('already exists')
        again.err.contains('--overwrite')
        over.exit == 0
        Files.readString(snap.resolve('manifest.json')) != before   // new built_at
    }

    def "search prints every resolved match with span, entity, type, best alias, confidence and status; --json has the documented fields"() {
        given:
        Path snap = snapshot()
        assert CliRun.run('db', 'snapshot-nlp', snap.toString()).exit == 0
        def gene = SyntheticVocabulary.aliasesOf(1, 7).find { it.primary() }
        String text = "Overexpression of ${gene.value()} was seen."

        when:
        def plain = CliRun.run('nlp', 'search', '--db-uri', snap.toString(), text)
        def json = new JsonSlurper().parseText(CliRun.run('nlp', 'search', '--json', '--db-uri', snap.toString(), text).out)

        then:
        plain.exit == 0
        plain.out.contains("\"${gene.value()}\"")
        plain.out.contains('entity=1 ')
        json.size() >= 1
        json[0].keySet() == ['source_record_id', 'source_field', 'matched_text', 'start', 'end', 'text', 'norm_start',
                             'norm_end', 'context', 'entity_id', 'primary_name', 'entity_type_id', 'entity_type', 'domain',
                             'alias_id', 'alias_value', 'alias_type', 'xref_source', 'match_method', 'confidence',
                             'review_status'] as Set
        verifyEach(json) {
            it.match_method == 'exact_aho'
            it.context == text
        }
        def hit = json.find { it.entity_id == 1 }
        text.substring(hit.start as int, hit.end as int) == gene.value()
        hit.text == gene.value()
        hit.primary_name == gene.value()
        [hit.entity_type, hit.domain] == typeOfEntity(1)
    }

    List<String> typeOfEntity(long id) {
        def sql = lite.sql(uri)
        try {
            def r = sql.firstRow('SELECT t.name, t.domain FROM entities e JOIN entity_types t ON t.id = e.type_id WHERE e.id = ?', [id])
            [r.name, r.domain]
        } finally { sql.close() }
    }

    def "lookup normalises its argument; the same answers come from the cache, an in-memory snapshot build and SQL"() {
        given:
        Path withCache = snapshot()
        assert CliRun.run('db', 'snapshot-nlp', withCache.toString()).exit == 0
        def code = SyntheticVocabulary.aliasesOf(3, 7).find { it.type() == 'code' }.value()   // e.g. MESH:C0000003

        when:
        def results = [withCache.toString(), exported.toString(), uri].collect { where ->
            new JsonSlurper().parseText(CliRun.run('nlp', 'lookup', '--json', '--db-uri', where, code.toLowerCase()).out)
        }

        then:
        results.collect { it*.entity_id } == [[3], [3], [3]]
        results[0] == results[1]
        results[1] == results[2]
    }

    def "a corrupted cache is rejected with a warning and the dictionary is rebuilt, never half-loaded"() {
        given:
        Path snap = snapshot()
        assert CliRun.run('db', 'snapshot-nlp', snap.toString()).exit == 0
        def gene = SyntheticVocabulary.aliasesOf(9, 7).find { it.primary() }.value()
        def good = CliRun.run('nlp', 'search', '--json', '--db-uri', snap.toString(), "x $gene y").out
        Path bin = snap.resolve('nlp/igem-java/dictionary.bin')
        byte[] b = Files.readAllBytes(bin)
        b[b.length.intdiv(2)] ^= 0x5A
        Files.write(bin, b)

        when:
        def r = CliRun.run('nlp', 'search', '--json', '--db-uri', snap.toString(), "x $gene y")

        then:
        r.exit == 0
        r.err.contains('warning:')
        r.err.contains('sha256')
        r.out == good
        CliRun.run('db', 'verify', snap.toString()).exit == 1
    }

    def "the manifest stays valid JSON when snapshot-nlp is killed after #delay ms"() {
        given:
        Path snap = snapshot()
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()

        when:
        def p = new ProcessBuilder(java, '-cp', System.getProperty('java.class.path'), 'org.igem.cli.IgemCli',
                'db', 'snapshot-nlp', '--overwrite', snap.toString()).redirectErrorStream(true).start()
        p.consumeProcessOutput()
        Thread.sleep(delay)
        p.destroyForcibly()
        p.waitFor(30, TimeUnit.SECONDS)
        def m = manifest(snap)        // throws if half-written

        then:
        m.tables.size() == 45
        m.nlp == null || m.nlp.sha256 ==~ /[0-9a-f]{64}/

        where:
        delay << [100, 300, 500, 700, 900, 1200, 1600]
    }

    def "search against a SQL database builds the dictionary from entity_aliases"() {
        given:
        def gene = SyntheticVocabulary.aliasesOf(17, 7).find { it.primary() }.value()

        when:
        def r = CliRun.run('nlp', 'search', '--json', '--db-uri', uri, "the $gene gene")

        then:
        r.exit == 0
        new JsonSlurper().parseText(r.out)*.entity_id.contains(17)
    }

    def "snapshot-nlp on a non-snapshot is a usage error"() {
        when:
        def r = CliRun.run('db', 'snapshot-nlp', '--db-uri', uri)

        then:
        r.exit == 2
        r.err.contains('needs a snapshot directory')
    }

    def "without ICU4J on the class path an NLP command says what is missing in one line (#why)"() {
        given: 'the class path of the released artifact as a cold jbang igem@… resolves it (ICU4J is optional)'
        String classPath = ClassPaths.without('/com/ibm/icu/')

        when:
        def r = Processes.igem(classPath, tmp, env, ['--db-uri', uri, 'nlp', 'lookup', 'il-6'])

        then:
        verifyAll {
            r.exit == 1
            r.err.readLines() == expected
            r.out.isEmpty()
        }

        where:
        why                            | env                              | expected
        'not started by JBang'         | [:]                              | ['error: the NLP commands need ICU4J (com.ibm.icu:icu4j:77.1), which this build of igem leaves out: run them through JBang (jbang igem@<catalog> nlp ...) or with igem.jar, or put ICU4J on the class path']
        // the first NLP use through JBang says what it fetches before JBang starts resolving
        'JBang cannot resolve ICU4J'   | [JBANG_LAUNCH_CMD: '/bin/false'] | ['igem nlp: resolving com.ibm.icu:icu4j:77.1 through JBang (first NLP use only; may download ~15 MB)',
                                                                            'error: cannot resolve com.ibm.icu:icu4j:77.1 for igem nlp through JBang: exit code 1']
    }
}
