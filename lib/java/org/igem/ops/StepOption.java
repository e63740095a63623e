package org.igem.ops;

import java.util.List;
import java.util.Objects;

/**
 * One option of a command as both front ends take it: {@code igem db export --chunksize 1000} and the
 * ops-script step {@code export(chunksize: 1000)}.
 *
 * @param cliName      the command's long option name ({@code --include-nlp}), a positional parameter's label
 *                     ({@code <input>}), or null for an option only the DSL has
 * @param keys         the DSL's map keys, the first one canonical; empty for an option only the CLI has
 * @param kind         how the DSL converts a value; matches the type of the command's field
 * @param defaultValue the value when the option is not given, as picocli's {@code defaultValue} text; null when
 *                     the library (or, for a flag, false) decides
 */
public record StepOption(String cliName, List<String> keys, Kind kind, String defaultValue) {

    /** How a DSL value is read. */
    public enum Kind {
        /** any value, as its text (enum-like values are parsed by the library) */
        TEXT,
        /** a boolean, or its text */
        FLAG,
        /** an int, or its digits */
        WHOLE,
        /** a decimal number, or its text */
        NUMBER,
        /** a list, or one comma-separated text */
        LIST
    }

    /** Every step that prints takes it: its report is skipped ({@code igem run --quiet} for one step). */
    public static final StepOption QUIET = dslOnly("quiet", Kind.FLAG, null);

    public StepOption {
        keys = List.copyOf(keys);
        Objects.requireNonNull(kind, "kind");
        if (cliName == null && keys.isEmpty()) {
            throw new IllegalArgumentException("an option needs a CLI name or a DSL key");
        }
    }

    /** An option of both: the DSL key is the CLI name camel-cased ({@code --include-nlp} → {@code includeNlp}). */
    public static StepOption of(String cliName, Kind kind) {
        return of(cliName, kind, null);
    }

    public static StepOption of(String cliName, Kind kind, String defaultValue) {
        return new StepOption(cliName, List.of(camelCase(cliName)), kind, defaultValue);
    }

    /** An option only the DSL has (the CLI has no use for it, e.g. where a script keeps going after a failure). */
    public static StepOption dslOnly(String key, Kind kind, String defaultValue) {
        return new StepOption(null, List.of(key), kind, defaultValue);
    }

    /** An option only the command line has (what it does is a script's own business: {@code --json}, {@code --file}). */
    public static StepOption cliOnly(String cliName, Kind kind) {
        return new StepOption(cliName, List.of(), kind, null);
    }

    /** The same option under these DSL keys, in this order (the first canonical): {@code to}/{@code output}. */
    public StepOption as(String... dslKeys) {
        return new StepOption(cliName, List.of(dslKeys), kind, defaultValue);
    }

    /** The canonical DSL key; null for an option only the CLI has. */
    public String key() {
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** Whether {@link #cliName} is a positional parameter's label rather than an option name. */
    public boolean positional() {
        return cliName != null && cliName.startsWith("<");
    }

    /** {@code --max-rows} → {@code maxRows}; {@code <input>} → {@code input}. */
    static String camelCase(String cliName) {
        String bare = cliName.replaceAll("^-+|^<|>$", "");
        StringBuilder b = new StringBuilder(bare.length());
        boolean up = false;
        for (char c : bare.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
