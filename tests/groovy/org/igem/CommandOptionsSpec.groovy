package org.igem

import org.igem.cli.IgemCli
import org.igem.dsl.IgemSteps
import org.igem.ops.CommandOptions
import org.igem.ops.StepOption
import org.igem.ops.StepSpec
import org.igem.support.Backend
import org.igem.support.CliRun
import picocli.CommandLine
import picocli.CommandLine.Model.ArgSpec
import picocli.CommandLine.Model.CommandSpec
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * An ops-script step takes the options of the command it stands for: the table in CommandOptions is
 * compared with picocli's model of each command (the registered tree, as `igem` parses it), and the
 * DSL's steps with the table, so an option added on one side only fails here.
 */
class CommandOptionsSpec extends Specification {
    @Shared Backend lite = Backend.sqlite()
    @TempDir Path tmp

    def cleanupSpec() {
        lite.cleanup()
    }

    /** The whole command tree, registered as for a help listing. */
    static CommandLine tree() {
        IgemCli.commandLine(new IgemCli(), new String[0])
    }

    static CommandSpec command(CommandLine root, String path) {
        path.split(' ').inject(root) { CommandLine cl, String name -> cl.subcommands[name] }.commandSpec
    }

    /** The command's own options: not --help/--version, not the --db-uri/--debug every command inherits. */
    static List<CommandLine.Model.OptionSpec> ownOptions(CommandSpec c) {
        c.options().findAll { !it.usageHelp() && !it.versionHelp() && !it.inherited() }
    }

    /** Every option either side names, once: the command's own options and the table's CLI names. */
    static List<List> rows() {
        CommandLine root = tree()
        CommandOptions.ALL.collectMany { StepSpec s ->
            ((ownOptions(command(root, s.command()))*.longestName()) + s.cliNames()).unique().collect { [s, it] }
        }
    }

    /** The DSL conversion that reads what picocli would convert into this field's type. */
    static StepOption.Kind kindOf(ArgSpec arg) {
        Class t = arg.type()
        t in [boolean, Boolean] ? StepOption.Kind.FLAG
                : t in [int, Integer, long, Long] ? StepOption.Kind.WHOLE
                : t in [double, Double] ? StepOption.Kind.NUMBER
                : arg.isMultiValue() ? StepOption.Kind.LIST
                : StepOption.Kind.TEXT
    }

    def "the table covers every step of the DSL that takes options"() {
        given: 'the steps whose first parameter is the options map'
        def steps = IgemSteps.methods.findAll { it.parameterTypes && it.parameterTypes[0] == Map }*.name as Set

        expect:
        steps == CommandOptions.ALL*.step() as Set
        CommandOptions.ALL*.step().unique(false) == CommandOptions.ALL*.step()
    }

    def "#spec.command #name is the same option as #spec.step()'s"() {
        given:
        CommandSpec c = command(tree(), spec.command())
        ArgSpec cli = name.startsWith('<') ? c.positionalParameters().find { it.paramLabel() == name } : c.findOption(name)
        StepOption table = spec.cliOption(name)

        expect:
        verifyAll {
            cli != null                              // the table names an option the command does not have
            table != null                            // the command has an option the table (and so the DSL) lacks
            cli == null || table == null || kindOf(cli) == table.kind()
            cli == null || table == null || cli.defaultValue() == table.defaultValue()
            table == null || table.keys().empty || StepOption.camelCase(name) in table.keys()
        }

        where:
        [spec, name] << rows()
    }

    def "the #spec.step() step accepts the table's keys, in its order, and no other"() {
        given: 'a script giving the step an option the table does not have'
        Path s = tmp.resolve('opts.groovy')
        Files.writeString(s, "${spec.step()}(no_such_option: 1${positional})\n")

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', lite.freshUri(), 'run', s.toString())

        then:
        r.exit == 2
        r.errLines == ["error: ${spec.step()}(): unknown option 'no_such_option'; valid: ${spec.keys().join(', ')}".toString()]

        where:
        spec << CommandOptions.ALL
        positional = spec.step() in ['verify', 'nlp'] ? ", 'snap'" : spec.step() == 'query' ? ", 'SELECT 1'" : ''
    }

    def "#call: a value the table's kind cannot read names the step and the option"() {
        given: 'under --plan, so nothing is opened or fetched: the options are read first'
        Path s = tmp.resolve('opts.groovy')
        Files.writeString(s, call + '\n')

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', lite.freshUri(), 'run', '--plan', s.toString())

        then:
        r.exit == 2
        r.errLines == ["error: opts.groovy:1: step $message".toString()]

        where:
        call                                                | message
        "export(to: 'snap', chunksize: 'lots')"             | "export failed: export(): chunksize must be a whole number, got 'lots'"
        "download(output: 'snap', workers: '2.5')"          | "download failed: download(): workers must be a whole number, got '2.5'"
        "download(to: 'snap', timeout: 'soon')"             | "download failed: download(): timeout must be a number, got 'soon'"
        "annotate(input: 'in.txt', threshold: 'high')"      | "annotate failed: annotate(): threshold must be a number, got 'high'"
    }
}
