package org.igem.nlp;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.igem.core.IgemException;

/**
 * How {@link NlpIndex#resolve} turns spans into {@link ResolvedMatch}es, as the original resolver:
 * the output {@link Mode}, the confidence {@code threshold} (review status {@code auto} at or above
 * it, else {@code pending}; {@code smart} mode's cut) and filters by entity type names and domains
 * (case-insensitive; empty = no filter). Filtered-out entities are not candidates: they count
 * neither in the output nor in a span's confidence.
 */
public record ResolveOptions(Mode mode, double threshold, Set<String> entityTypes, Set<String> domains) {
    public static final double DEFAULT_THRESHOLD = 0.9;

    /** The original's output modes. */
    public enum Mode {
        /** One match per span: the first candidate (confidences are equal within a span; smallest entity id). */
        BEST_MATCH,
        /** Every candidate entity of every span. */
        ALL_CANDIDATES,
        /** Top-1 when the best candidate reaches the threshold, else every candidate. */
        SMART;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code best_match}, {@code all_candidates} or {@code smart} (also with {@code -}). */
        public static Mode parse(String s) {
            String k = s == null ? "" : s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Mode m : values()) {
                if (m.name().equals(k)) {
                    return m;
                }
            }
            throw IgemException.usage("unknown NLP mode '" + s + "' (expected best_match, all_candidates or smart)");
        }
    }

    public ResolveOptions {
        if (mode == null) {
            mode = Mode.BEST_MATCH;
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw IgemException.usage("threshold must be between 0 and 1, got " + threshold);
        }
        entityTypes = lowerCased(entityTypes);
        domains = lowerCased(domains);
    }

    /** best_match, threshold 0.9, no filters. */
    public static ResolveOptions defaults() {
        return new ResolveOptions(Mode.BEST_MATCH, DEFAULT_THRESHOLD, Set.of(), Set.of());
    }

    public ResolveOptions withMode(Mode m) {
        return new ResolveOptions(m, threshold, entityTypes, domains);
    }

    public ResolveOptions withThreshold(double t) {
        return new ResolveOptions(mode, t, entityTypes, domains);
    }

    public ResolveOptions withEntityTypes(Collection<String> names) {
        return new ResolveOptions(mode, threshold, names == null ? Set.of() : Set.copyOf(names), domains);
    }

    public ResolveOptions withDomains(Collection<String> names) {
        return new ResolveOptions(mode, threshold, entityTypes, names == null ? Set.of() : Set.copyOf(names));
    }

    boolean allowed(String typeName, String domain) {
        if (!entityTypes.isEmpty() && (typeName == null || !entityTypes.contains(typeName.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return domains.isEmpty() || (domain != null && domains.contains(domain.toLowerCase(Locale.ROOT)));
    }

    private static Set<String> lowerCased(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        if (in != null) {
            for (String s : in) {
                if (s != null && !s.isBlank()) {
                    out.add(s.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(out);
    }
}
