package org.igem.nlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The NLP resolver's index: the {@link AliasDictionary} plus an Aho-Corasick automaton over its
 * norms. Immutable and safe to share between threads. Built fresh ({@link #build}) or loaded
 * from a cache ({@link NlpCache#load}); both answer identically.
 *
 * <p>{@link #search} and {@link #resolve} normalise the text exactly as aliases are normalised,
 * scan it, and keep the original resolver's whole-word spans only: the character before a span
 * and the character after it, in the NORMALISED text, are each the string edge or not
 * alphanumeric by Python's {@code str.isalnum()} (letters of every script, digits, other numerals;
 * a surviving combining mark is not alphanumeric). So an alias that starts or ends with
 * punctuation still needs such a neighbour: {@code cd4+} is no span of {@code cd4+cd25+ t cells}.
 * Every surviving span is kept, nested ones included ({@code breast cancer 1} also yields
 * {@code breast cancer} and {@code cancer}).
 *
 * <p>{@link #search} returns raw {@link Hit}s, ordered by position; hits that overlap
 * (transitively) form a group reported longest first (then by start); the entries of one norm
 * follow each other in entity id, alias id order. {@link #resolve} returns the original's
 * {@link ResolvedMatch} model.
 */
public final class NlpIndex {
    private final AliasDictionary dictionary;
    private final AhoCorasick automaton;
    private final double buildSeconds;

    NlpIndex(AliasDictionary dictionary, AhoCorasick automaton, double buildSeconds) {
        this.dictionary = dictionary;
        this.automaton = automaton;
        this.buildSeconds = buildSeconds;
        this.profileRank = new byte[dictionary.aliasTypes.length];
        for (int p = 0; p < profileRank.length; p++) {
            profileRank[p] = (byte) rank(dictionary.aliasTypes[p]);
        }
    }

    /** Per profile, the rank of its alias type ({@link #rank(String)}): ranked once, not per candidate. */
    private final byte[] profileRank;

    /** Reads the rows, builds the dictionary and the automaton. */
    public static NlpIndex build(Iterator<AliasRow> rows, DictionaryOptions options) {
        long t0 = System.nanoTime();
        AliasDictionary d = AliasDictionary.build(rows, options);
        AhoCorasick ac = AhoCorasick.build(d.keyChars, d.keyOffsets, d.keyLengths, d.keyCount);
        d.keyChars = null;
        d.keyOffsets = null;
        d.keyLengths = null;
        return new NlpIndex(d, ac, (System.nanoTime() - t0) / 1e9);
    }

    /** Builds the automaton of a freshly built dictionary (consumes its sorted keys). */
    public static NlpIndex of(AliasDictionary d) {
        if (d.keyChars == null) {
            throw new IllegalStateException("the dictionary's keys were already consumed by an index");
        }
        long t0 = System.nanoTime();
        AhoCorasick ac = AhoCorasick.build(d.keyChars, d.keyOffsets, d.keyLengths, d.keyCount);
        d.keyChars = null;
        d.keyOffsets = null;
        d.keyLengths = null;
        return new NlpIndex(d, ac, (System.nanoTime() - t0) / 1e9);
    }

    public AliasDictionary dictionary() {
        return dictionary;
    }

    AhoCorasick automaton() {
        return automaton;
    }

    public DictionaryStats stats() {
        return dictionary.stats();
    }

    /** Seconds the build took (dictionary + automaton); for a loaded index, the build recorded in the file. */
    public double buildSeconds() {
        return buildSeconds;
    }

    public int aliasCount() {
        return dictionary.entryCount();
    }

    public int normCount() {
        return dictionary.normCount();
    }

    public int nameCacheCount() {
        return dictionary.nameCacheCount();
    }

    /** Automaton states, the root included. */
    public int nodeCount() {
        return automaton.nodeCount;
    }

    public String primaryName(long entityId) {
        return dictionary.primaryName(entityId);
    }

    /**
     * The entries of one alias: {@code lookup("IL-6")} normalises (as the ETL stores norms) and
     * returns every entry of norm {@code il 6}; empty when the norm is not in the automaton.
     */
    public List<Entry> lookup(String alias) {
        if (alias == null) {
            return List.of();
        }
        // normalised once, as the original's norm_index.get(normalize(text))
        String norm = alias == null ? null : AliasNormalizer.normalize(alias);
        if (norm == null || norm.isEmpty()) {
            return List.of();
        }
        int k = automaton.find(norm);
        return k < 0 ? List.of() : dictionary.entriesOfKey(k, norm);
    }

    /** Every whole-word hit in {@code text}, spans in the original text. */
    public List<Hit> search(String text) {
        Objects.requireNonNull(text, "text");
        NormalizedText nt = NormalizedText.of(text);
        String s = nt.text();
        Spans spans = spans(nt);
        if (spans.size == 0) {
            return List.of();
        }
        dictionary.touchEntries(spans.key, spans.size); // as in resolve: the entries' misses overlap
        int[] order = spans.ordered();
        List<Hit> hits = new ArrayList<>(order.length);
        for (int i : order) {
            int from = spans.start[i];
            int to = spans.end[i];
            int k = spans.key[i];
            String norm = s.substring(from, to);
            int os = nt.originalStart(from);
            int oe = nt.originalEnd(to - 1);
            String matched = text.substring(os, oe);
            for (int e = dictionary.entryStart(k); e < dictionary.entryEnd(k); e++) {
                hits.add(new Hit(os, oe, matched, dictionary.entry(e, norm)));
            }
        }
        return hits;
    }

    /**
     * The spans of the normalised text that pass the boundary rule: the trie is walked from every
     * position the rule lets a span begin at (the edge, or after a character that is not
     * alphanumeric), and a key found there is kept when the rule lets it end. Same spans as the
     * automaton's full scan filtered by the rule, fewer states visited.
     */
    private Spans spans(NormalizedText nt) {
        Spans spans = new Spans();
        char[] t = nt.chars();
        int n = nt.length();
        java.util.function.IntPredicate endsWord = end -> boundaryAfter(t, n, end);
        AhoCorasick.Match keep = (k, start, end) -> spans.add(start, end, k);
        boolean afterAlnum = false;
        for (int i = 0; i < n; i++) {
            char c = t[i];
            boolean startHere = !afterAlnum;
            // the code point that ends at i + 1: a low surrogate completes the pair that began at i - 1
            afterAlnum = UnicodeProps.isAlnum(Character.isLowSurrogate(c) ? Character.codePointBefore(t, i + 1) : c);
            if (startHere) {
                automaton.walk(t, i, n, endsWord, keep);
            }
        }
        return spans;
    }

    /** The code point at {@code i} of {@code t[0, n)} is the edge or not alphanumeric. */
    private static boolean boundaryAfter(char[] t, int n, int i) {
        return i >= n || !UnicodeProps.isAlnum(Character.codePointAt(t, i, n));
    }

    /**
     * The matches of every record, in record order, lazily (JShell, ops scripts): each match
     * carries its record's id and field. For files and every core, see {@link Annotations#run}.
     */
    public java.util.stream.Stream<ResolvedMatch> annotate(Iterable<TextRecord> records, ResolveOptions options) {
        Objects.requireNonNull(records, "records");
        return annotate(java.util.stream.StreamSupport.stream(records.spliterator(), false), options);
    }

    /** {@link #annotate(Iterable, ResolveOptions)} over a stream of records (sequential, in order). */
    public java.util.stream.Stream<ResolvedMatch> annotate(java.util.stream.Stream<TextRecord> records, ResolveOptions options) {
        Objects.requireNonNull(records, "records");
        return records.sequential().flatMap(r -> resolve(r.text(), options, r.id(), r.field()).stream());
    }

    /** {@link #resolve(String, ResolveOptions, String, String)} of a text that belongs to no record. */
    public List<ResolvedMatch> resolve(String text, ResolveOptions options) {
        return resolve(text, options, null, null);
    }

    /**
     * The original resolver's matches of {@code text}: per surviving span one {@link ResolvedMatch}
     * per distinct candidate entity (after the type / domain filters), its best alias under the
     * span's norm, confidence 1 / candidates; reduced by the mode; sorted by span start, then
     * confidence descending, then longer span first, then entity id.
     */
    public List<ResolvedMatch> resolve(String text, ResolveOptions options, String recordId, String field) {
        Objects.requireNonNull(text, "text");
        ResolveOptions o = options == null ? ResolveOptions.defaults() : options;
        NormalizedText nt = NormalizedText.of(text);
        String s = nt.text();
        Spans spans = spans(nt);
        if (spans.size == 0) {
            return List.of();
        }
        boolean surrogates = false;
        for (int i = 0; i < s.length() && !surrogates; i++) {
            surrogates = Character.isSurrogate(s.charAt(i));
        }
        AliasDictionary d = dictionary;
        // the candidates sit in cold, memory-mapped pages, reached by dependent reads (key -> entry range
        // -> record -> strings) that would take their cache misses one at a time: each level is first
        // read for every span in one pass of independent loads, so the misses overlap
        d.touchEntries(spans.key, spans.size);
        boolean filtered = !o.entityTypes().isEmpty() || !o.domains().isEmpty();
        // pass 1: per span the best alias of each candidate entity; the picks to report, by span
        Picks picks = new Picks();
        int[] best = new int[8];
        for (int i = 0; i < spans.size; i++) {
            int k = spans.key[i];
            // per entity (entries are grouped by entity id), the best alias
            int n = 0;
            int eEnd = d.entryEnd(k);
            for (int e = d.entryStart(k); e < eEnd; e++) {
                int p = d.profileOf(e);
                if (filtered && !o.allowed(p == AliasDictionary.NO_TYPE ? null : d.typeNames[p],
                        p == AliasDictionary.NO_TYPE ? null : d.typeDomains[p])) {
                    continue;
                }
                if (n > 0 && d.entityIdOf(best[n - 1]) == d.entityIdOf(e)) {
                    if (better(d, e, best[n - 1])) {
                        best[n - 1] = e;
                    }
                    continue;
                }
                if (n == best.length) {
                    best = Arrays.copyOf(best, n * 2);
                }
                best[n++] = e;
            }
            if (n == 0) {
                continue;
            }
            double confidence = 1.0 / n;
            int keep = switch (o.mode()) {
                case BEST_MATCH -> 1;
                case ALL_CANDIDATES -> n;
                case SMART -> confidence >= o.threshold() ? 1 : n;
            };
            for (int j = 0; j < keep; j++) {
                picks.add(i, best[j], n);
            }
        }
        d.touchStrings(picks.entry, picks.size);
        // pass 2: the matches, the span's strings made once for all its picks
        List<ResolvedMatch> out = new ArrayList<>(picks.size);
        int lastSpan = -1;
        String norm = null;
        String matched = null;
        String context = null;
        int os = 0;
        int oe = 0;
        int ns = 0;
        int ne = 0;
        for (int j = 0; j < picks.size; j++) {
            int i = picks.span[j];
            if (i != lastSpan) {
                lastSpan = i;
                int from = spans.start[i];
                int to = spans.end[i];
                norm = s.substring(from, to);
                os = nt.originalStart(from);
                oe = nt.originalEnd(to - 1);
                matched = text.substring(os, oe);
                context = context(text, os, oe);
                ns = surrogates ? s.codePointCount(0, from) : from;
                ne = surrogates ? ns + s.codePointCount(from, to) : to;
            }
            double confidence = 1.0 / picks.candidates[j];
            String status = confidence >= o.threshold() ? "auto" : "pending";
            Entry en = d.entry(picks.entry[j], norm);
            out.add(new ResolvedMatch(norm, os, oe, matched, ns, ne, context, en.entityId(), en.primaryName(),
                    en.entityTypeId(), en.entityType(), en.domain(), en.aliasId(), en.alias(), en.aliasType(),
                    en.xrefSource(), ResolvedMatch.EXACT_AHO, confidence, status, recordId, field));
        }
        // mostly in order already (spans come by start): one pass to check is cheaper than a sort call
        for (int i = 1; i < out.size(); i++) {
            if (ORDER.compare(out.get(i - 1), out.get(i)) > 0) {
                out.sort(ORDER);
                break;
            }
        }
        return out;
    }

    private static final java.util.Comparator<ResolvedMatch> ORDER = (a, b) -> {
        int c = Integer.compare(a.start(), b.start());
        if (c != 0) {
            return c;
        }
        c = Double.compare(b.confidence(), a.confidence());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(b.end(), a.end());
        return c != 0 ? c : Long.compare(a.entityId(), b.entityId());
    };

    /** Entry {@code e} is a better alias than {@code f} of the same entity: alias type rank, then alias id. */
    private boolean better(AliasDictionary d, int e, int f) {
        int re = rankOf(d, e);
        int rf = rankOf(d, f);
        return re != rf ? re < rf : d.aliasIdOf(e) < d.aliasIdOf(f);
    }

    private int rankOf(AliasDictionary d, int e) {
        int p = d.profileOf(e);
        return p == AliasDictionary.NO_TYPE ? 3 : profileRank[p];
    }

    /** The original's preference among aliases of one entity: preferred, synonym, code, anything else. */
    private static int rank(String t) {
        if (t == null) {
            return 3;
        }
        return switch (t) {
            case "preferred" -> 0;
            case "synonym" -> 1;
            case "code" -> 2;
            default -> 3;
        };
    }

    /** 50 characters either side of the span (not splitting a surrogate pair). */
    static String context(String text, int start, int end) {
        int a = Math.max(0, start - 50);
        int b = Math.min(text.length(), end + 50);
        if (a > 0 && Character.isLowSurrogate(text.charAt(a)) && Character.isHighSurrogate(text.charAt(a - 1))) {
            a--;
        }
        if (b < text.length() && Character.isLowSurrogate(text.charAt(b)) && Character.isHighSurrogate(text.charAt(b - 1))) {
            b++;
        }
        return text.substring(a, b);
    }

    /** The entries a text's spans report: span index, entry, number of candidate entities of the span. */
    private static final class Picks {
        int size;
        int[] span = new int[16];
        int[] entry = new int[16];
        int[] candidates = new int[16];

        void add(int i, int e, int n) {
            if (size == span.length) {
                span = Arrays.copyOf(span, size * 2);
                entry = Arrays.copyOf(entry, size * 2);
                candidates = Arrays.copyOf(candidates, size * 2);
            }
            span[size] = i;
            entry[size] = e;
            candidates[size] = n;
            size++;
        }
    }

    /** Raw hits (normalised spans + key) and their report order. */
    private static final class Spans {
        int size;
        int[] start = new int[16];
        int[] end = new int[16];
        int[] key = new int[16];

        void add(int s, int e, int k) {
            if (size == start.length) {
                start = Arrays.copyOf(start, size * 2);
                end = Arrays.copyOf(end, size * 2);
                key = Arrays.copyOf(key, size * 2);
            }
            start[size] = s;
            end[size] = e;
            key[size] = k;
            size++;
        }

        int[] ordered() {
            int[] idx = new int[size];
            for (int i = 0; i < size; i++) {
                idx[i] = i;
            }
            // by start, longer first
            IntSort.sort(idx, 0, size, (a, b) -> start[a] != start[b] ? Integer.compare(start[a], start[b])
                    : Integer.compare(end[b], end[a]));
            // groups of (transitively) overlapping spans: longest first, then by start
            int g = 0;
            while (g < size) {
                int groupEnd = end[idx[g]];
                int h = g + 1;
                while (h < size && start[idx[h]] < groupEnd) {
                    groupEnd = Math.max(groupEnd, end[idx[h]]);
                    h++;
                }
                if (h - g > 1) {
                    IntSort.sort(idx, g, h, (a, b) -> {
                        int la = end[a] - start[a];
                        int lb = end[b] - start[b];
                        return la != lb ? Integer.compare(lb, la) : Integer.compare(start[a], start[b]);
                    });
                }
                g = h;
            }
            return idx;
        }
    }
}
