package org.igem


import org.igem.core.Version;

import org.igem.support.Project
import spock.lang.Specification

/** One set of sources, one list of dependencies: igem.java (JBang) and pom.xml (Maven) must agree. */
class BuildLayoutSpec extends Specification {
    static Map<String, String> pomProperties(def pom) {
        pom.properties.'*'.collectEntries { [(it.name()): it.text()] }
    }

    /** group:artifact:version of every dependency the pom ships at run time (not test scope). */
    static Set<String> pomRuntimeDependencies() {
        def pom = new groovy.xml.XmlSlurper().parse(Project.file('pom.xml').toFile())
        def props = pomProperties(pom)
        pom.dependencies.dependency.findAll { it.scope.text() in ['', 'compile', 'runtime'] }.collect {
            String v = it.version.text().replaceAll(/\$\{([^}]+)}/) { all, name -> props[name] }
            "${it.groupId.text()}:${it.artifactId.text()}:$v".toString()
        } as Set
    }

    static List<String> directives(String name) {
        Project.file('igem.java').toFile().readLines().findAll { it.startsWith("//$name ") }.collect { it.substring(name.length() + 3).trim() }
    }

    /** What `igem run` resolves on top of //DEPS when it runs from the JBang launcher (Groovy). */
    static List<String> runDeps() {
        Project.file('lib/resources/igem/run-deps.txt').toFile().readLines()*.trim().findAll { it && !it.startsWith('#') }
    }

    def "igem.java //DEPS plus the run-time DSL dependencies equal the pom's runtime dependencies"() {
        given:
        List<String> all = directives('DEPS') + runDeps()

        expect:
        all as Set == pomRuntimeDependencies()
        all.size() == pomRuntimeDependencies().size()
        // the launcher itself stays free of Groovy: it is fetched on the first `igem run`
        directives('DEPS').findAll { it.startsWith('org.apache.groovy:') } == []
    }

    /** What the NLP commands (ICU4J) and a Unix-socket connection (junixsocket) resolve at first use under the released artifact. */
    static List<String> firstUseDeps() {
        ['nlp-deps.txt', 'socket-deps.txt'].collectMany { name ->
            Project.file("lib/resources/igem/$name").toFile().readLines()*.trim().findAll { it && !it.startsWith('#') }
        }
    }

    /** group:artifact:version of the pom's optional dependencies: what a cold `jbang igem@…` leaves out. */
    static Set<String> pomOptionalDependencies() {
        def pom = new groovy.xml.XmlSlurper().parse(Project.file('pom.xml').toFile())
        def props = pomProperties(pom)
        pom.dependencies.dependency.findAll { it.optional.text() == 'true' }.collect {
            String v = it.version.text().replaceAll(/\$\{([^}]+)}/) { all, name -> props[name] }
            "${it.groupId.text()}:${it.artifactId.text()}:$v".toString()
        } as Set
    }

    def "the pom's optional dependencies are exactly what igem run, the NLP commands and socket connections fetch at first use"() {
        expect:
        verifyAll {
            pomOptionalDependencies() == (runDeps() + firstUseDeps()) as Set
            // a checkout's launcher compiles the ICU4J bridge and has no first-use fetch of its own, so it lists them
            directives('DEPS').containsAll(firstUseDeps())
            // every *-deps.txt is read by one of the above
            Project.file('lib/resources/igem').toFile().list().findAll { it.endsWith('-deps.txt') } as Set ==
                    ['run-deps.txt', 'nlp-deps.txt', 'socket-deps.txt'] as Set
        }
    }

    def "the launcher ships the DSL sources it compiles on the first igem run"() {
        expect:
        directives('FILES').contains('org/igem/dsl/=dsl/java/org/igem/dsl/')
        Project.file('dsl/java/org/igem/dsl/GroovyOpsRunner.java').toFile().isFile()
    }

    def "the version constant equals the pom version"() {
        expect:
        Version.VERSION == new groovy.xml.XmlSlurper().parse(Project.file('pom.xml').toFile()).version.text()
    }

    def "igem.java compiles the Maven source roots and ships every resource folder"() {
        given:
        def pom = new groovy.xml.XmlSlurper().parse(Project.file('pom.xml').toFile())
        String sourceDir = pom.build.sourceDirectory.text()
        def resourceDirs = Project.file('lib/resources').toFile().listFiles().findAll { it.directory }*.name

        expect:
        directives('SOURCES').any { it.startsWith("$sourceDir/") }
        verifyEach(resourceDirs) { dir -> directives('FILES').contains("$dir/=lib/resources/$dir/".toString()) }
        // no second copy of the sources anywhere
        !Project.file('src').toFile().exists()
    }

    def "the catalog's igem alias is the released artifact of this pom; igem-dev runs a checkout's launcher"() {
        given:
        def catalog = new groovy.json.JsonSlurper().parse(Project.file('jbang-catalog.json').toFile())
        def pom = new groovy.xml.XmlSlurper().parse(Project.file('pom.xml').toFile())
        String gav = "${pom.groupId.text()}:${pom.artifactId.text()}:${pom.version.text()}"

        expect:
        verifyAll {
            catalog.aliases.igem.'script-ref' == gav
            catalog.aliases.igem.description
            catalog.aliases.'igem-shell'.dependencies == [gav]
            catalog.aliases.'igem-shell'.interactive == true
            Project.file(catalog.aliases.'igem-shell'.'script-ref').toFile().isFile()
            catalog.aliases.'igem-dev'.'script-ref' == 'igem.java'
        }
    }

    def "CI runs exactly the README's test command"() {
        given:
        String readme = Project.file('README.md').toFile().text
        String ci = Project.file('.ci/run').toFile().text

        and: 'the commands of the first bash block under "## Two commands"'
        String section = readme.substring(readme.indexOf('## Two commands'))
        String block = section.substring(section.indexOf('```bash') + 7, section.indexOf('```', section.indexOf('```bash') + 7))
        List<String> commands = block.readLines()*.trim().findAll { it && !it.startsWith('#') }

        expect:
        verifyAll {
            commands.size() == 2
            commands[0].contains('sqlite:')                      // the main job, on the embedded default
            'exec ' + commands[1] == ci.readLines().find { it.startsWith('exec ') }
        }
    }
}
