package org.igem

import org.igem.support.Backend
import org.igem.support.ClassPaths
import org.igem.support.CliRun
import org.igem.support.Processes
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** igem run: the Groovy ops DSL over the core library. */
class DslSpec extends Specification {
    @Shared Backend lite = Backend.sqlite()
    @TempDir Path tmp

    def cleanupSpec() {
        lite.cleanup()
    }

    String created() {
        String uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        uri
    }

    Path script(String name = 'ops.groovy', String text) {
        Path p = tmp.resolve(name)
        Files.writeString(p, text.stripIndent())
        p
    }

    CliRun.Result run(String uri, Path script, String... more) {
        CliRun.run([cwd: tmp], ['--db-uri', uri, 'run'] + (more as List) + [script.toString()])
    }

    def "top-level steps return the library's typed results and print what the CLI prints"() {
        given:
        String uri = created()
        Path s = script('''
            def st = status()
            assert st instanceof org.igem.migrate.Status
            assert st.versioned && st.upToDate && !st.pending
            def up = upgrade()
            assert !up.migrated()
            def dry = dryRun(to: 'pending.sql')
            assert dry.empty
            def snap = export(to: 'snap')
            assert snap.tables['entity_types'].rows == 14
            assert verify(snap).ok
            assert tables().find { it.name == 'etl_source_systems' }.rows == 25
            println 'steps ok'
        ''')

        when:
        def r = run(uri, s)

        then:
        r.exit == 0
        r.out.contains('Schema status')                 // status printed like db status
        r.out.contains('→ up-to-date.')
        r.out.contains('Upgrade complete')
        r.out =~ /TOTAL\s+125\s/                        // the export table
        r.out.readLines().last() == 'steps ok'
        Files.readString(tmp.resolve('pending.sql')).contains('-- Nothing to apply')
        Files.exists(tmp.resolve('snap/manifest.json'))
    }

    def "quiet steps print nothing; blocks and other databases"() {
        given:
        String uri = created()
        String other = created()
        Path s = script("""
            def a = igem { status(quiet: true).currentId() }
            def b = database('$other') { info(quiet: true).connected() }
            println "a=\$a b=\$b"
        """)

        when:
        def r = run(uri, s)

        then:
        r.exit == 0
        r.out.trim() == 'a=846c774a8f66 b=true'
    }

    def "a failing step stops the script with one line naming the line and the step"() {
        given:
        String uri = created()
        Path s = script('''
            println 'before'

            export(to: 'snap', tables: ['no_such_table'])
            println 'after'
        ''')

        when:
        def r = run(uri, s)

        then:
        r.exit == 2
        r.out.contains('before')
        !r.out.contains('after')
        r.errLines.size() == 1
        r.err.startsWith('error: ops.groovy:4: step export failed:')
        r.err.contains('no_such_table')
    }

    def "try/catch still works for scripts that want it; fail() names its line"() {
        given:
        String uri = created()
        Path s = script('''
            try {
                export(to: 'snap', tables: 'nope')
            } catch (org.igem.dsl.StepFailure e) {
                println "caught ${e.step()} at line ${e.line()}"
            }
            fail 'stopping here'
        ''')

        when:
        def r = run(uri, s)

        then:
        r.exit == 1
        r.out.contains('caught export at line 3')
        r.errLines == ['error: ops.groovy:7: step fail failed: stopping here']
    }

    def "--plan reports schema-changing and file-writing steps without doing them; read-only steps run"() {
        given: 'a database behind head'
        String uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri, '--target', '7a8b9c0d1e2f').exit == 0
        Path s = script('''
            def st = status(quiet: true)
            println "pending=${st.pending*.alembicId()}"
            upgrade()
            export(to: 'snap')
            stampHead()
            println "plan=$plan"
        ''')

        when:
        def r = run(uri, s, '--plan')

        then:
        r.exit == 0
        r.out.contains('pending=[846c774a8f66]')
        r.out.contains('[plan] upgrade: would apply 1 migration(s)')
        r.out.contains('V2__variant_partitioning_m1.sql')   // the SQL is shown
        r.out.contains('[plan] export: would export')
        r.out.contains('[plan] stampHead: would record the head revision')
        r.out.contains('plan=true')
        !Files.exists(tmp.resolve('snap'))
        CliRun.run('db', 'status', '--db-uri', uri, '--check').exit == 3  // still behind
    }

    def "query: typed Rows (maxRows), a whole result into a file (to:), and under --plan only the file is skipped"() {
        given:
        String uri = created()
        Path s = script('''
            def rows = query(maxRows: 2, 'SELECT id, name FROM entity_types ORDER BY id')
            println "rows=${rows.rows()}"
            def r = query(to: 'types.json', 'SELECT id, name FROM entity_types ORDER BY id')
            println "written=${r?.rows()}"
        ''')

        when:
        def ran = run(uri, s)

        then:
        ran.exit == 0
        ran.out.contains('rows=[[1, Variants], [2, Genes]]')
        ran.out.contains("14 rows written to ${tmp.resolve('types.json')}")
        ran.out.contains('written=14')
        new groovy.json.JsonSlurper().parse(tmp.resolve('types.json').toFile())[0] == [id: 1, name: 'Variants']

        when:
        Files.delete(tmp.resolve('types.json'))
        def planned = run(uri, s, '--plan')

        then:
        planned.exit == 0
        planned.out.contains('rows=[[1, Variants], [2, Genes]]')
        planned.out.contains('[plan] query: would write the result of the query as json to')
        !Files.exists(tmp.resolve('types.json'))
    }

    def "assertion failures, unknown options and compile errors are one clear line"() {
        given:
        String uri = created()

        expect:
        with(run(uri, script('a.groovy', 'assert 1 + 1 == 3\n'))) {
            exit == 1 && errLines.size() == 1 && err.startsWith('error: a.groovy:1: assertion failed: assert 1 + 1 == 3')
        }
        with(run(uri, script('b.groovy', "export(to: 'x', colour: 'red')\n"))) {
            exit == 2 && errLines.size() == 1 && err.contains("export(): unknown option 'colour'")
        }
        with(run(uri, script('c.groovy', "def x = \n"))) {
            exit == 2 && errLines.size() == 1 && err.contains('c.groovy: does not compile')
        }
        with(CliRun.run([cwd: tmp], 'run', 'missing.groovy')) {
            exit == 2 && err.contains('script not found')
        }
    }

    def "script arguments are passed through, options included"() {
        given:
        String uri = created()
        Path s = script('println args.toList()\n')

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', uri, 'run', s.toString(), 'one', '--two', '3')

        then:
        r.exit == 0
        r.out.trim() == '[one, --two, 3]'
    }

    def "--debug after the script path belongs to the script; before it, to igem (#where)"() {
        given:
        String uri = created()
        Path s = script('println args.toList()\nfail "stop here"\n')

        when:
        def r = CliRun.run([cwd: tmp], args.collect { it == 'SCRIPT' ? s.toString() : it == 'URI' ? uri : it })

        then:
        verifyAll {
            r.exit != 0
            r.out.trim() == scriptSees
            r.err.readLines().first().startsWith('error: ')
            r.err.contains('\tat ') == stackTrace
        }

        where:
        where              | args                                                  | scriptSees   | stackTrace
        'script argument'  | ['--db-uri', 'URI', 'run', 'SCRIPT', '--debug']       | '[--debug]'  | false
        'igem option'      | ['--db-uri', 'URI', '--debug', 'run', 'SCRIPT']       | '[]'         | true
        'run option'       | ['--db-uri', 'URI', 'run', '--debug', 'SCRIPT']       | '[]'         | true
    }

    def "without Groovy on the class path igem run says what is missing in one line (#why)"() {
        given:
        Path s = script("println 'hi'\n")
        // the class path of a build without Groovy (what the JBang launcher compiles)
        String classPath = ClassPaths.without('/org/apache/groovy/', '/org/spockframework/')

        when:
        def r = Processes.igem(classPath, tmp, env, ['--db-uri', 'sqlite:x.db', 'run', s.toString()])

        then:
        r.exit == 1
        r.err.readLines() == expected
        r.out.isEmpty()

        where:
        why                             | env                                | expected
        'not started by JBang'          | [:]                                | ['error: igem run needs Groovy, which this build of igem leaves out: run it through JBang (jbang igem@<catalog> run ...) or with igem.jar']
        // the first igem run through JBang says what it fetches before JBang starts resolving
        'JBang cannot resolve Groovy'   | [JBANG_LAUNCH_CMD: '/bin/false']   | ['igem run: resolving org.apache.groovy:groovy:5.0.7 through JBang (first igem run only; may download ~8 MB)',
                                                                                'error: cannot resolve org.apache.groovy:groovy:5.0.7 for igem run through JBang: exit code 1']
    }
}
