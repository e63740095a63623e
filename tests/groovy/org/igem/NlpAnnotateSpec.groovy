package org.igem

import groovy.json.JsonSlurper
import org.igem.nlp.ResolveOptions
import org.igem.nlp.SyntheticVocabulary
import org.igem.nlp.TextRecord
import org.igem.parquet.ExportColumn
import org.igem.parquet.ParquetRowWriter
import org.igem.parquet.ParquetTableReader
import org.igem.parquet.Compression
import org.igem.support.Backend
import org.igem.support.CliRun
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** igem nlp annotate: every input kind, JSONL / Parquet output, order with threads, bad records, temp-then-rename. */
class NlpAnnotateSpec extends Specification {
    @Shared Backend lite = Backend.sqlite()
    @Shared @TempDir Path shared
    @Shared Path snap
    @TempDir Path tmp

    def setupSpec() {
        String uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '300', '--seed', '7', '--db-uri', uri).exit == 0
        snap = shared.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', uri, '--output', snap.toString()).exit == 0
        assert CliRun.run('db', 'snapshot-nlp', snap.toString()).exit == 0
    }

    def cleanupSpec() {
        lite.cleanup()
    }

    /** The primary alias value of synthetic entity {@code n} (seed 7). */
    static String name(long n) {
        SyntheticVocabulary.aliasesOf(n, 7).find { it.primary() }.value()
    }

    CliRun.Result annotate(String... args) {
        CliRun.run([cwd: tmp], ['nlp', 'annotate', '--db-uri', snap.toString()] + (args as List))
    }

    static List<Map> jsonl(String text) {
        text.readLines().findAll { it.trim() }.collect { new JsonSlurper().parseText(it) as Map }
    }

    Path file(String name, String text) {
        Path p = tmp.resolve(name)
        Files.writeString(p, text)
        p
    }

    def "plain text: one record per line, ids are line numbers, matches carry their record and field"() {
        given:
        file('in.txt', "${name(1)} and ${name(2)}\nnothing to see\n${name(3)}\n")

        when:
        def r = annotate('in.txt')
        def out = jsonl(r.out)

        then:
        r.exit == 0
        out.collect { [it.source_record_id, it.entity_id] }.containsAll([['1', 1], ['1', 2], ['3', 3]])
        verifyEach(out) {
            it.source_field == 'text'
            it.match_method == 'exact_aho'
        }
        !out.any { it.source_record_id == '2' }
        r.err.contains('Annotated 3 records')
    }

    def "JSONL with --text-field and --id-field"() {
        given:
        file('in.jsonl', """{"pmid": "p1", "abstract": "${name(4)} rises"}\n\n{"pmid": 77, "abstract": "${name(5)}"}\n""")

        when:
        def r = annotate('in.jsonl', '--text-field', 'abstract', '--id-field', 'pmid')
        def out = jsonl(r.out)

        then:
        r.exit == 0
        out.find { it.entity_id == 4 }.source_record_id == 'p1'
        out.find { it.entity_id == 5 }.source_record_id == '77'
        out*.source_field.unique() == ['abstract']
    }

    def "CSV and TSV through Jackson's CSV parser: quoted fields with separators and newlines"() {
        given:
        file('in.csv', "id,body\nc1,\"${name(6)}, quoted\"\nc2,\"two\nlines ${name(7)}\"\n")
        file('in.tsv', "body\tid\n${name(8)}\tt1\n")

        when:
        def csv = jsonl(annotate('in.csv', '--text-field', 'body', '--id-field', 'id').out)
        def tsv = jsonl(annotate('in.tsv', '--text-field', 'body', '--id-field', 'id').out)

        then:
        csv.find { it.entity_id == 6 }.source_record_id == 'c1'
        csv.find { it.entity_id == 7 }.source_record_id == 'c2'
        tsv.find { it.entity_id == 8 }.source_record_id == 't1'
    }

    def "a CSV without the text column is one clear usage error"() {
        given:
        file('in.csv', "id,abstract\n1,x\n")

        when:
        def r = annotate('in.csv')

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains("no column 'text'")
        r.err.contains('id, abstract')
    }

    def "Parquet input: any file with a text column, e.g. a snapshot's entity_aliases (alias_value, id)"() {
        given:
        Path aliases = snap.resolve('entity_aliases.parquet')
        long rows = ParquetTableReader.open(aliases).withCloseable { it.rowCount() }

        when:
        def r = annotate(aliases.toString(), '--text-field', 'alias_value', '--id-field', 'id', '--mode', 'all_candidates')
        def out = jsonl(r.out)

        then:
        r.exit == 0
        r.err.contains("Annotated $rows records")
        out*.source_field.unique() == ['alias_value']
        out.find { it.source_record_id == '1' }.alias_id == 1 // every alias finds itself (here the first)
    }

    def "Parquet output (--output x.parquet) has the fields of the model, one row per match"() {
        given:
        file('in.txt', "${name(9)}\n${name(10)} ${name(11)}\n")

        when:
        def r = annotate('in.txt', '-o', 'out.parquet')
        def reader = ParquetTableReader.open(tmp.resolve('out.parquet'))
        def cols = reader.columnNames()
        def rows = reader.readAll()
        reader.close()

        then:
        r.exit == 0
        cols == ['source_record_id', 'source_field', 'matched_text', 'start', 'end', 'text', 'norm_start', 'norm_end',
                 'context', 'entity_id', 'primary_name', 'entity_type_id', 'entity_type', 'domain', 'alias_id',
                 'alias_value', 'alias_type', 'xref_source', 'match_method', 'confidence', 'review_status']
        rows.collect { it[9] }.containsAll([9L, 10L, 11L])
        rows*.getAt(18).unique() == ['exact_aho']
    }

    def "stdin ('-') is read as plain text"() {
        given:
        def saved = System.in
        System.in = new ByteArrayInputStream("${name(12)}\n".getBytes('UTF-8'))

        when:
        def r = annotate('-')

        then:
        r.exit == 0
        jsonl(r.out)*.entity_id.contains(12)

        cleanup:
        System.in = saved
    }

    def "with several threads the output is the single-thread output, records in input order"() {
        given: 'many records, so that batches run concurrently'
        def lines = (1..6000).collect { i -> "r$i ${name(1 + i % 300)} x" }
        file('big.txt', lines.join('\n') + '\n')

        when:
        def one = annotate('big.txt', '--threads', '1', '-o', 'one.jsonl')
        def four = annotate('big.txt', '--threads', '4', '-o', 'four.jsonl')
        def ids = jsonl(Files.readString(tmp.resolve('four.jsonl')))*.source_record_id.collect { it as int }

        then:
        one.exit == 0
        four.exit == 0
        Files.readString(tmp.resolve('four.jsonl')) == Files.readString(tmp.resolve('one.jsonl'))
        ids == ids.sort(false)
        ids.toSet().size() == 6000
    }

    def "a bad record is reported with its line: --on-error fail stops the run and leaves no output"() {
        given:
        file('in.jsonl', """{"text": "${name(1)}"}\n{"id": 2}\nnot json\n""")

        when:
        def r = annotate('in.jsonl', '-o', 'out.jsonl')

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains("line 2: missing field 'text'")
        !Files.exists(tmp.resolve('out.jsonl'))
        Files.list(tmp).noneMatch { it.fileName.toString().contains('.tmp-') }
    }

    def "--on-error skip skips and reports every bad record with its line, and counts them"() {
        given:
        file('in.jsonl', """{"text": "${name(1)}"}\n{"id": 2}\nnot json\n[1]\n{"text": 5}\n{"text": "${name(2)}"}\n""")

        when:
        def r = annotate('in.jsonl', '--on-error', 'skip', '-o', 'out.jsonl')
        def out = jsonl(Files.readString(tmp.resolve('out.jsonl')))

        then:
        r.exit == 0
        verifyAll(r.err) {
            contains("line 2: missing field 'text'")
            contains('line 3: invalid JSON')
            contains('line 4: not a JSON object')
            contains("line 5: field 'text' is not a string")
            contains('4 bad records skipped')
        }
        out*.source_record_id.toSet() == ['1', '6'] as Set
    }

    def "the output is written under a temporary name and renamed last; an existing output needs --overwrite"() {
        given:
        file('in.txt', "${name(1)}\n")
        Path out = file('out.jsonl', 'previous run\n')

        when:
        def refused = annotate('in.txt', '-o', 'out.jsonl')

        then:
        refused.exit == 1
        refused.err.contains('--overwrite')
        Files.readString(out) == 'previous run\n'

        when: 'a failing run leaves the previous output untouched'
        file('bad.jsonl', '{"nope": 1}\n')
        def failed = annotate('bad.jsonl', '-o', 'out.jsonl', '--overwrite')

        then:
        failed.exit == 1
        Files.readString(out) == 'previous run\n'

        when:
        def ok = annotate('in.txt', '-o', 'out.jsonl', '--overwrite')

        then:
        ok.exit == 0
        jsonl(Files.readString(out))*.entity_id.contains(1)
        Files.list(tmp).noneMatch { it.fileName.toString().contains('.tmp-') }
    }

    def "--mode, --types and --domains apply; bad values are usage errors"() {
        given:
        file('in.txt', "${name(1)} ${name(2)} ${name(3)}\n")
        def all = jsonl(annotate('in.txt').out)
        String someType = all[0].entity_type

        when:
        def typed = jsonl(annotate('in.txt', '--types', someType).out)
        def bad = annotate('in.txt', '--mode', 'fuzzy')
        def badErr = annotate('in.txt', '--on-error', 'ignore')

        then:
        typed*.entity_type.toSet() == [someType] as Set
        bad.exit == 2
        bad.err.contains('best_match, all_candidates or smart')
        badErr.exit == 2
        badErr.err.contains('skip or fail')
    }

    def "library: Igem.nlp(snapshot).annotate(records, options) streams the matches in record order"() {
        when:
        def ix = Igem.nlp(snap)
        def records = [new TextRecord('a', name(13)), new TextRecord('b', 'none'), new TextRecord('c', name(14))]
        def matches = ix.annotate(records, ResolveOptions.defaults()).toList()

        then:
        matches.collect { [it.sourceRecordId(), it.entityId()] }.containsAll([['a', 13L], ['c', 14L]])
        matches*.sourceRecordId() == matches*.sourceRecordId().sort(false)
    }

    def "DSL: annotate(input:, output:, idField:, …) runs the same annotation and returns its totals"() {
        given:
        file('in.jsonl', """{"k": "x1", "text": "${name(15)}"}\n""")
        Path s = file('ops.groovy', """
            def r = annotate(input: 'in.jsonl', output: 'out.jsonl', idField: 'k', threads: 2, mode: 'smart', snapshot: '${snap}')
            assert r.records() == 1
            println "matches \${r.matches()}"
        """.stripIndent())

        when:
        def r = CliRun.run([cwd: tmp], ['--db-uri', snap.toString(), 'run', s.toString()])

        then:
        r.exit == 0
        r.out.contains('Annotated 1 records')
        jsonl(Files.readString(tmp.resolve('out.jsonl')))[0].source_record_id == 'x1'
    }
}
