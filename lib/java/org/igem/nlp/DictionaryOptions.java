package org.igem.nlp;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What goes into the automaton: norms shorter than {@code minAliasLength} code points and
 * norms equal to a stopword are left out (and counted); optional filters keep only aliases whose
 * entity type name / domain is listed (case-insensitive; an empty set means no filter). The
 * primary-name cache ignores all of these filters.
 */
public record DictionaryOptions(int minAliasLength, Set<String> stopwords, Set<String> entityTypes, Set<String> domains) {
    public static final int DEFAULT_MIN_ALIAS_LENGTH = 3;

    /** The default stopwords of the NLP resolver (docs/alias-normalisation.md), already normalised. */
    public static final List<String> DEFAULT_STOPWORDS = List.of(
            "disease", "factor", "protein", "gene", "cell", "human", "type", "system", "patient", "study", "level",
            "case", "group", "role", "form", "site", "size", "name", "code", "value", "data", "set", "test", "result",
            "rate", "time", "year", "day", "age", "sex", "model", "method", "process", "function", "pathway", "complex",
            "the", "and", "with", "for", "from", "into", "this", "that", "these", "those", "any", "all", "such", "more",
            "most", "less", "very", "many", "some", "than", "then", "out", "off");

    public DictionaryOptions {
        if (minAliasLength < 1) {
            throw new IllegalArgumentException("minAliasLength must be at least 1, got " + minAliasLength);
        }
        stopwords = normalised(stopwords);
        entityTypes = lowerCased(entityTypes);
        domains = lowerCased(domains);
    }

    public static DictionaryOptions defaults() {
        return new DictionaryOptions(DEFAULT_MIN_ALIAS_LENGTH, Set.copyOf(DEFAULT_STOPWORDS), Set.of(), Set.of());
    }

    public DictionaryOptions withMinAliasLength(int n) {
        return new DictionaryOptions(n, stopwords, entityTypes, domains);
    }

    public DictionaryOptions withStopwords(Collection<String> words) {
        return new DictionaryOptions(minAliasLength, Set.copyOf(words), entityTypes, domains);
    }

    /** Keep only aliases of these entity type names ({@code entity_types.name}, e.g. {@code Genes}). */
    public DictionaryOptions withEntityTypes(Collection<String> names) {
        return new DictionaryOptions(minAliasLength, stopwords, Set.copyOf(names), domains);
    }

    /** Keep only aliases of entity types in these domains ({@code Genomics}, {@code Exposome}, {@code Knowledge}). */
    public DictionaryOptions withDomains(Collection<String> names) {
        return new DictionaryOptions(minAliasLength, stopwords, entityTypes, Set.copyOf(names));
    }

    boolean typeAllowed(String typeName, String domain) {
        if (!entityTypes.isEmpty() && (typeName == null || !entityTypes.contains(typeName.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return domains.isEmpty() || (domain != null && domains.contains(domain.toLowerCase(Locale.ROOT)));
    }

    private static Set<String> normalised(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        if (in != null) {
            for (String s : in) {
                out.add(AliasNormalizer.normalizeForStorage(s));
            }
        }
        return Set.copyOf(out);
    }

    private static Set<String> lowerCased(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        if (in != null) {
            for (String s : in) {
                out.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(out);
    }
}
