package org.igem

import org.igem.cli.IgemCli
import org.igem.support.CliRun
import org.igem.support.Processes
import picocli.CommandLine
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** igem completion bash|zsh: the script, sourced by a real bash, completes the whole (lazily registered) command tree. */
class CompletionSpec extends Specification {
    @TempDir Path tmp

    /** What bash's completion function offers for the words typed so far (the last one being completed). */
    List<String> complete(Path script, String... words) {
        String w = words.collect { "'$it'" }.join(' ')
        String cmd = """source '$script'
COMP_WORDS=($w); COMP_CWORD=${words.length - 1}; COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}
_complete_igem igem '${words[-1]}' '${words.length > 1 ? words[-2] : ''}'
printf '%s\\n' "\${COMPREPLY[@]}"
"""
        def r = Processes.run(['bash', '--norc', '--noprofile', '-c', cmd], tmp, 60)
        assert r.exit == 0: r.err
        r.out.readLines().findAll { it }
    }

    Path script(String shell) {
        def r = CliRun.run('completion', shell)
        assert r.exit == 0: r
        Path f = tmp.resolve("igem.$shell")
        Files.writeString(f, r.out)
        f
    }

    def "the bash script completes db ex to export, though a run registers only the commands it names"() {
        given:
        Path s = script('bash')

        expect:
        complete(s, 'igem', 'db', 'ex') == ['export']
    }

    def "it sees every top-level command and every db subcommand"() {
        given:
        Path s = script('bash')

        when:
        def top = complete(s, 'igem', '')
        def db = complete(s, 'igem', 'db', '')

        then:
        verifyEach(['db', 'nlp', 'run', 'dev', 'completion']) { it in top }
        verifyEach(['create', 'upgrade', 'status', 'stamp-head', 'migrate-dry-run', 'info', 'export', 'snapshot-download',
                    'verify', 'snapshot-nlp']) { it in db }
    }

    def "zsh gets the same script, which loads bashcompinit under zsh"() {
        expect:
        script('zsh').toFile().text == script('bash').toFile().text
        script('zsh').toFile().text.contains('bashcompinit')
    }

    def "an unknown shell is a usage error in one line"() {
        when:
        def r = CliRun.run('completion', 'fish')

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains('fish')
    }

    def "picocli's own tools can instantiate the command class (no-argument constructor)"() {
        expect:
        CommandLine.defaultFactory().create(IgemCli) instanceof IgemCli
    }
}
