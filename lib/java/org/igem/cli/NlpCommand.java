package org.igem.cli;

import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.igem.Igem;
import org.igem.IgemDb;
import org.igem.IgemException;
import org.igem.nlp.Entry;
import org.igem.nlp.Hit;
import org.igem.nlp.NlpIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code igem nlp search|lookup}: find IGEM entities in text with the alias automaton. */
@Command(name = "nlp", mixinStandardHelpOptions = true,
        description = "Find entities in text with the alias automaton of a snapshot (its nlp/ cache) or a SQL database.",
        subcommands = {NlpCommand.Search.class, NlpCommand.Lookup.class})
public final class NlpCommand implements Callable<Integer> {
    @ParentCommand
    IgemCli root;

    @Override
    public Integer call() {
        root.ctx.err().println("error: missing nlp command (try 'igem nlp --help')");
        return IgemException.USAGE;
    }

    /** Shared by search and lookup: open the index of the resolved database. */
    abstract static class NlpSubcommand implements Callable<Integer> {
        @ParentCommand
        NlpCommand parent;

        @Mixin
        CommonOptions common;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        <T> T withIndex(java.util.function.Function<NlpIndex, T> work) {
            CliContext ctx = parent.root.ctx;
            try (IgemDb db = Igem.connect(parent.root.target(common), ctx.env()).onProgress(ctx.err()::println)) {
                return work.apply(db.nlp());
            }
        }

        void printJson(Object value) throws Exception {
            parent.root.ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Print every whole-word alias hit in the text (longest first where hits overlap).")
    static final class Search extends NlpSubcommand {
        @Parameters(index = "0", paramLabel = "<text>", description = "The text to scan.")
        String text;

        @Override
        public Integer call() throws Exception {
            List<Hit> hits = withIndex(ix -> ix.search(text));
            if (json) {
                printJson(hits.stream().map(Hit::toJson).toList());
            } else {
                Reports.hits(hits, parent.root.ctx.out());
            }
            return 0;
        }
    }

    @Command(name = "lookup", mixinStandardHelpOptions = true,
            description = "Exact lookup of one alias (normalised like the automaton's keys).")
    static final class Lookup extends NlpSubcommand {
        @Parameters(index = "0", paramLabel = "<alias>", description = "The alias, e.g. il-6.")
        String alias;

        @Override
        public Integer call() throws Exception {
            List<Entry> entries = withIndex(ix -> ix.lookup(alias));
            if (json) {
                printJson(entries.stream().map(Lookup::json).toList());
            } else {
                Reports.entries(entries, parent.root.ctx.out());
            }
            return 0;
        }

        static java.util.Map<String, Object> json(Entry e) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("alias", e.alias());
            m.put("entity_id", e.entityId());
            m.put("primary_name", e.primaryName());
            m.put("entity_type", e.entityType());
            m.put("domain", e.domain());
            m.put("is_primary", e.primary());
            return m;
        }
    }
}
