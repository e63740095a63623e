package org.igem

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import org.igem.support.Processes
import org.igem.support.Project
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList
import java.util.jar.JarFile

/**
 * The headline as a new user meets it: `jbang igem@<catalog>` on a released artifact, no checkout. The artifact is
 * built with `mvn deploy` from a copy of the sources under a version that exists only in a temporary Maven
 * repository; that repository and the catalog are served on 127.0.0.1. JBang runs from a directory outside the
 * checkout with a fresh home, JBang home and cache; third-party jars come from the local Maven repository.
 * Runs after packaging (Failsafe); slow (a second build).
 */
@Stepwise
class JBangReleaseLaunchSpec extends Specification {
    @Shared Path work
    @Shared Path repo
    @Shared Path home
    @Shared Path cwd
    @Shared String version
    @Shared HttpServer server
    @Shared String catalog
    @Shared List<String> requests = new CopyOnWriteArrayList<>()
    @Shared Path m2 = Path.of(System.getProperty('user.home'), '.m2', 'repository')
    @Shared Path deployed

    static String pomVersion() {
        new XmlSlurper().parse(Project.file('pom.xml').toFile()).version.text()
    }

    def setupSpec() {
        work = Files.createTempDirectory('igem-release-launch')
        repo = work.resolve('maven-repo')
        home = work.resolve('home')
        cwd = work.resolve('somewhere')
        [home, cwd].each { Files.createDirectories(it) }
        version = "${pomVersion()}-it${System.currentTimeMillis()}"
        deployed = m2.resolve("org/igem/igem-cli/$version")
    }

    def cleanupSpec() {
        server?.stop(0)
        // JBang stored the served artifact in the local Maven repository it shares: a version no one else has
        deployed?.toFile()?.deleteDir()
        // and the metadata Maven and JBang cached for this spec's repository ids
        ['maven-metadata-it.xml', 'maven-metadata-igem-it.xml'].each { deployed?.parent?.resolve(it)?.toFile()?.delete() }
        work?.toFile()?.deleteDir()
    }

    /** The environment of every JBang run: fresh home, JBang home and cache; the user's Maven repository. */
    Map<String, String> env() {
        [HOME                : home.toString(),
         JBANG_DIR           : home.resolve('.jbang').toString(),
         JBANG_CACHE_DIR     : work.resolve('jbang-cache').toString(),
         JBANG_REPO          : m2.toString(),
         // JBang itself, as scripts/jbang fetched it for the build (not part of what is tested)
         JBANG_BOOTSTRAP_DIR : Path.of(System.getProperty('user.home'), '.cache', 'igem-jbang').toString(),
         XDG_CACHE_HOME      : home.resolve('.cache').toString()]
    }

    Map jbang(Map opts = [:], String... args) {
        List<String> cmd = [Project.file('scripts/jbang').toString()] + (args as List)
        def pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        pb.environment().remove('DATABASE_URL')
        pb.environment().remove('IGEM_DB_URI')
        pb.environment().putAll(env())
        if (opts.stdin) {
            pb.redirectInput((opts.stdin as Path).toFile())
        }
        Processes.collect(pb.start(), 600, cmd.toString())
    }

    def "mvn deploy publishes the thin jar, its pom, sources and javadoc under a version only that repository has"() {
        given: 'a copy of the sources with a version of its own'
        Path src = work.resolve('src')
        ['pom.xml', 'lib', 'dsl', '.mvn'].each { name ->
            Path from = Project.file(name)
            Files.walk(from).withCloseable { all ->
                all.each { p ->
                    Path to = src.resolve(name).resolve(from.relativize(p).toString())
                    if (Files.isDirectory(p)) Files.createDirectories(to) else { Files.createDirectories(to.parent); Files.copy(p, to) }
                }
            }
        }
        String pom = Files.readString(src.resolve('pom.xml'))
        Files.writeString(src.resolve('pom.xml'), pom.replaceFirst("<version>${java.util.regex.Pattern.quote(pomVersion())}</version>", "<version>$version</version>"))

        when:
        def r = Processes.run(['mvn', '-q', '-B', 'deploy', '-Dmaven.test.skip=true', '-Dmaven.install.skip=true',
                               "-DaltDeploymentRepository=it::${repo.toUri()}".toString()], src, 900)
        Path dir = repo.resolve("org/igem/igem-cli/$version")
        def jar = new JarFile(dir.resolve("igem-cli-${version}.jar").toFile())
        def deps = new XmlSlurper().parse(dir.resolve("igem-cli-${version}.pom").toFile()).dependencies.dependency

        then:
        r.exit == 0
        verifyEach(['.jar', '.pom', '-sources.jar', '-javadoc.jar']) { Files.isRegularFile(dir.resolve("igem-cli-$version$it")) }
        verifyAll {
            jar.manifest.mainAttributes.getValue('Main-Class') == 'org.igem.cli.IgemCli'
            jar.getEntry('org/igem/dsl/GroovyOpsRunner.class') != null
            jar.getEntry('groovy/lang/GroovyShell.class') == null
            deps.find { it.artifactId.text() == 'groovy' }.optional.text() == 'true'
            deps.find { it.artifactId.text() == 'picocli' }
        }
        // not installed anywhere JBang could find it without the served repository
        !Files.exists(deployed)

        cleanup:
        jar?.close()
    }

    def "the repository and a catalog naming the version are served on 127.0.0.1"() {
        given:
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        Path www = work.resolve('www')
        Files.createDirectories(www.resolve('examples'))
        Files.copy(Project.file('examples/igem.jsh'), www.resolve('examples/igem.jsh'))
        String base = "http://127.0.0.1:${server.address.port}"
        // the project's catalog, with this run's version and the served repository (Maven Central is the default)
        def cat = new JsonSlurper().parse(Project.file('jbang-catalog.json').toFile())
        String gav = "org.igem:igem-cli:${pomVersion()}"
        cat.aliases.each { name, alias ->
            if (alias.'script-ref' == gav) alias.'script-ref' = "org.igem:igem-cli:$version".toString()
            if (alias.dependencies) alias.dependencies = alias.dependencies.collect { it == gav ? "org.igem:igem-cli:$version".toString() : it }
            if (alias.'script-ref' != 'igem.java') alias.repositories = ['mavencentral', "igem-it=$base/repo".toString()]
        }
        Files.writeString(www.resolve('jbang-catalog.json'), JsonOutput.prettyPrint(JsonOutput.toJson(cat)))
        server.createContext('/') { HttpExchange ex -> serve(ex, www) }
        server.start()
        catalog = "$base/jbang-catalog.json"

        expect:
        cat.aliases.igem.'script-ref' == "org.igem:igem-cli:$version"
        new URL(catalog).text.contains(version)
    }

    /** Static files: /repo/** from the deployed repository, the rest from www; GET and HEAD. */
    void serve(HttpExchange ex, Path www) {
        String path = ex.requestURI.path
        requests << "${ex.requestMethod} $path".toString()
        Path file = path.startsWith('/repo/') ? repo.resolve(path.substring(6)).normalize() : www.resolve(path.substring(1)).normalize()
        boolean ok = (file.startsWith(repo) || file.startsWith(www)) && Files.isRegularFile(file)
        if (!ok) {
            ex.sendResponseHeaders(404, -1)
        } else if (ex.requestMethod == 'HEAD') {
            ex.responseHeaders.add('Content-Length', "${Files.size(file)}")
            ex.sendResponseHeaders(200, -1)
        } else {
            byte[] body = Files.readAllBytes(file)
            ex.sendResponseHeaders(200, body.length)
            ex.responseBody.write(body)
        }
        ex.close()
    }

    def "jbang igem@<catalog> db create, then db status: up-to-date; the igem jar came from the served repository"() {
        when:
        def c = jbang('igem@' + catalog, '--db-uri', 'sqlite:igem.db', 'db', 'create')
        def s = jbang('igem@' + catalog, '--db-uri', 'sqlite:igem.db', 'db', 'status')
        def v = jbang('igem@' + catalog, '--version')

        then:
        c.exit == 0
        c.out.readLines().last() == 'Stamp complete.'
        // a cold start says what it fetches (JBang's own lines)
        c.err.contains('[jbang] Resolving dependencies...')
        c.err.contains("org.igem:igem-cli:$version")
        s.exit == 0
        s.out.contains('→ up-to-date.')
        v.out.startsWith("igem $version ")
        requests.contains("GET /repo/org/igem/igem-cli/$version/igem-cli-${version}.jar".toString())
        Files.isRegularFile(cwd.resolve('igem.db'))
    }

    def "igem run of an ops script through the alias: the first run says it resolves Groovy, the second does not"() {
        given:
        Path script = cwd.resolve('ops.groovy')
        script.toFile().text = "def st = status(quiet: true)\nprintln \"up to date: \${st.upToDate}\"\n"

        when:
        def first = jbang('igem@' + catalog, '--db-uri', 'sqlite:igem.db', 'run', 'ops.groovy')
        def second = jbang('igem@' + catalog, '--db-uri', 'sqlite:igem.db', 'run', 'ops.groovy')
        def plan = jbang('igem@' + catalog, '--db-uri', 'sqlite:igem.db', 'run', '--plan', 'ops.groovy')

        then:
        first.exit == 0
        first.out.trim() == 'up to date: true'
        first.err.readLines().findAll { it.startsWith('igem run:') } ==
                ['igem run: resolving org.apache.groovy:groovy:5.0.7 through JBang (first igem run only; may download ~8 MB)']
        second.exit == 0
        second.out.trim() == 'up to date: true'
        !second.err.contains('igem run:')
        plan.exit == 0
    }

    def "nlp search through the alias: the first NLP use says it resolves ICU4J, the second does not, matches as igem.jar"() {
        given: 'synthetic aliases in a database of its own'
        assert jbang('igem@' + catalog, '--db-uri', 'sqlite:nlp.db', 'db', 'create').exit == 0
        assert jbang('igem@' + catalog, '--db-uri', 'sqlite:nlp.db', 'dev', 'generate', '--entities', '20', '--seed', '7').exit == 0
        String gene = org.igem.nlp.SyntheticVocabulary.aliasesOf(17, 7).find { it.primary() }.value()

        when:
        def first = jbang('igem@' + catalog, '--db-uri', 'sqlite:nlp.db', 'nlp', 'search', '--json', "the $gene gene".toString())
        def second = jbang('igem@' + catalog, '--db-uri', 'sqlite:nlp.db', 'nlp', 'lookup', 'ΣΤΑΣΙΣ-A')

        then:
        verifyAll {
            first.exit == 0
            new JsonSlurper().parseText(first.out)*.entity_id.contains(17)
            first.err.readLines().findAll { it.startsWith('igem nlp:') } ==
                    ['igem nlp: resolving com.ibm.icu:icu4j:77.1 through JBang (first NLP use only; may download ~15 MB)']
            second.exit == 0
            !second.err.contains('igem nlp:')
        }
    }

    def "a Unix-socket URI through the alias: the first connection says it resolves junixsocket, then PostgreSQL answers"() {
        given:
        String uri = 'postgresql://postgres@/postgres?host=/var/run/postgresql'

        when:
        def first = jbang('igem@' + catalog, '--db-uri', uri, 'db', 'info')
        def second = jbang('igem@' + catalog, '--db-uri', uri, 'db', 'info')

        then:
        verifyAll {
            first.exit == 0
            first.out.contains('/var/run/postgresql/.s.PGSQL.5432 (Unix socket)')
            first.err.readLines().findAll { it.startsWith('igem:') } ==
                    ['igem: resolving com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1, com.kohlschutter.junixsocket:junixsocket-common:2.10.1 through JBang (first Unix-socket connection only; may download ~3 MB)']
            second.exit == 0
            !second.err.contains('igem:')
        }
    }

    def "a JShell session through the igem-shell alias, fed on stdin, has the library and the startup guide"() {
        given:
        Path input = work.resolve('session.jsh')
        input.toFile().text = 'System.out.println("STATUS=" + Igem.connect("sqlite:igem.db").status().upToDate());\n/exit\n'

        when:
        def r = jbang([stdin: input], 'igem-shell@' + catalog)

        then:
        r.exit == 0
        r.out.contains("IGEM shell (igem-java $version)")
        r.out.contains('STATUS=true')
        !r.out.contains('Error:')
    }

    def "jbang app install gives an igem command that works in a clean environment with the README's PATH"() {
        when:
        def i = jbang('app', 'install', 'igem@' + catalog)
        Path bin = home.resolve('.jbang/bin')
        // a new shell: nothing but HOME and PATH (plus where the third-party jars are, to stay off the network)
        def pb = new ProcessBuilder(['/usr/bin/env', '-i', "HOME=$home", "PATH=$bin:/usr/bin:/bin",
                                     "JBANG_REPO=$m2", 'igem', '--db-uri', 'sqlite:igem.db', 'db', 'status'].collect { it.toString() })
                .directory(cwd.toFile())
        def s = Processes.collect(pb.start(), 600, 'installed igem')
        // a new login shell with the README's one line in ~/.profile, as the README shows it
        String pathLine = Project.file('README.md').toFile().readLines().find { it.startsWith('export PATH=') && it.contains('.jbang/bin') }
        assert pathLine: 'README.md shows no export PATH=…/.jbang/bin line'
        home.resolve('.profile').toFile() << "\n$pathLine\n"
        def login = Processes.collect(new ProcessBuilder(['/usr/bin/env', '-i', "HOME=$home", 'PATH=/usr/bin:/bin',
                "JBANG_REPO=$m2", 'bash', '-l', '-c', 'igem --version'].collect { it.toString() }).directory(cwd.toFile()).start(),
                600, 'igem in a login shell')

        then:
        i.exit == 0
        i.err.contains('Command installed: igem')
        Files.isExecutable(bin.resolve('igem'))
        Files.isExecutable(bin.resolve('jbang'))
        s.exit == 0
        s.out.contains('→ up-to-date.')
        login.exit == 0
        login.out.startsWith("igem $version ")
    }

    def "JBang does not look names up in the public catalog hub (scripts/jbang switches that off)"() {
        when: 'a name no local catalog has: JBang 0.132.1 would fetch the jbanghub catalog for it'
        def r = jbang('--verbose', 'igem-no-such-alias')

        then:
        r.exit != 0
        r.err.contains('igem-no-such-alias')
        !r.err.contains('jbanghub')
        !r.err.contains('githubusercontent')
    }
}
