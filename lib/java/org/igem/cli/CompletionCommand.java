package org.igem.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code igem completion bash|zsh}: prints picocli's completion script. A run registers only the command path its
 * arguments name (IgemCli.commandLine), so the script is generated from a second, complete command tree.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for igem.",
                "bash: source <(igem completion bash)   (or save it under ~/.local/share/bash-completion/completions/igem)",
                "zsh:  source <(igem completion zsh)    (uses zsh's bashcompinit)"})
final class CompletionCommand extends LeafCommand {
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "<shell>", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine whole = IgemCli.commandLine(new IgemCli(ctx()));
        // picocli's script is bash; under zsh it loads bashcompinit itself, so both shells get the same text
        out().print(AutoComplete.bash("igem", whole));
        out().flush();
        return 0;
    }
}
