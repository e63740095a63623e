package org.igem.cli;

import java.util.List;
import java.util.Set;

import org.igem.IgemDb;
import org.igem.nlp.Entry;
import org.igem.nlp.ResolveOptions;
import org.igem.nlp.ResolvedMatch;
import org.igem.nlp.NlpIndex;
import org.igem.ops.CommandOptions.Resolve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.igem.report.Reports;

/** {@code igem nlp search|lookup|annotate}: find IGEM entities in text with the alias automaton. */
@Command(name = "nlp", mixinStandardHelpOptions = true,
        description = "Find entities in text with the alias automaton of a snapshot (its nlp/ cache) or a SQL database.")
public final class NlpCommand extends GroupCommand {

    /** Shared by search and lookup: open the index of the resolved database. */
    abstract static class NlpSubcommand extends LeafCommand {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        <T> T withIndex(java.util.function.Function<NlpIndex, T> work) {
            try (IgemDb db = open(err())) {
                return work.apply(db.nlp());
            }
        }

        void printJson(Object value) throws Exception {
            out().println(org.igem.report.JsonReports.pretty(value));
        }
    }

    /** The resolver's options, shared by search and annotate (named like the original's). */
    static final class ResolveMixin {
        @Option(names = Resolve.MODE, paramLabel = "<mode>", defaultValue = Resolve.MODE_DEFAULT,
                description = "best_match (one entity per span), all_candidates, or smart (top-1 when it reaches the threshold, else all). Default: ${DEFAULT-VALUE}.")
        String mode;

        @Option(names = Resolve.THRESHOLD, paramLabel = "<t>", defaultValue = Resolve.THRESHOLD_DEFAULT,
                description = "Confidence at or above which a match is 'auto' (else 'pending'); smart mode's cut. Default: ${DEFAULT-VALUE}.")
        double threshold;

        @Option(names = Resolve.TYPES, split = ",", paramLabel = "<name>",
                description = "Only these entity types (entity_types.name, e.g. Genes,Diseases).")
        List<String> types;

        @Option(names = Resolve.DOMAINS, split = ",", paramLabel = "<domain>",
                description = "Only these domains (Genomics, Exposome, Knowledge).")
        List<String> domains;

        ResolveOptions options() {
            return new ResolveOptions(ResolveOptions.Mode.parse(mode), threshold,
                    types == null ? Set.of() : Set.copyOf(types), domains == null ? Set.of() : Set.copyOf(domains));
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Resolve the entities in the text as the original resolver does (exact Aho-Corasick, whole words).")
    static final class Search extends NlpSubcommand {
        @Parameters(index = "0", paramLabel = "<text>", description = "The text to scan.")
        String text;

        @Mixin
        ResolveMixin resolve;

        @Override
        public Integer call() throws Exception {
            ResolveOptions options = resolve.options(); // bad options fail before the index is opened
            List<ResolvedMatch> matches = withIndex(ix -> ix.resolve(text, options));
            if (json) {
                printJson(matches.stream().map(ResolvedMatch::toJson).toList());
            } else {
                Reports.matches(matches, out());
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
                Reports.entries(entries, out());
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
            m.put("entity_type_id", e.entityTypeId());
            m.put("alias_type", e.aliasType());
            m.put("xref_source", e.xrefSource());
            return m;
        }
    }
}
