package org.igem.ops;

import java.util.List;
import java.util.stream.Stream;

/**
 * The options of one ops-script step and of the command it stands for, in the DSL's order.
 *
 * @param step    the DSL step ({@code stampHead})
 * @param command the command line's path to it ({@code db stamp-head})
 */
public record StepSpec(String step, String command, List<StepOption> options) {

    public StepSpec(String step, String command, StepOption... options) {
        this(step, command, List.of(options));
    }

    public StepSpec {
        options = List.copyOf(options);
    }

    /** Every key the DSL step accepts, aliases included, in order. */
    public List<String> keys() {
        return options.stream().flatMap(o -> o.keys().stream()).toList();
    }

    /** The option the DSL knows under {@code key}, or null. */
    public StepOption dslOption(String key) {
        return options.stream().filter(o -> o.keys().contains(key)).findFirst().orElse(null);
    }

    /** The option the command line knows under {@code cliName}, or null. */
    public StepOption cliOption(String cliName) {
        return options.stream().filter(o -> cliName.equals(o.cliName())).findFirst().orElse(null);
    }

    /** The CLI names (options and positional labels) this table gives for the command. */
    public List<String> cliNames() {
        return options.stream().map(StepOption::cliName).flatMap(n -> n == null ? Stream.empty() : Stream.of(n)).toList();
    }
}
