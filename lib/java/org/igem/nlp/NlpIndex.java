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
 * <p>{@link #search} normalises the text exactly as aliases are normalised, scans it, and keeps
 * whole-word hits only: a hit must not cut through a word of the normalised text (a word
 * character — letter, digit or combining mark — on both sides of its start, or of its end,
 * rejects it). Hits are ordered by position; hits that overlap (transitively) form a group
 * reported longest first (then by start); the entries of one norm follow each other in entity id,
 * alias id order.
 */
public final class NlpIndex {
    private final AliasDictionary dictionary;
    private final AhoCorasick automaton;
    private final double buildSeconds;

    NlpIndex(AliasDictionary dictionary, AhoCorasick automaton, double buildSeconds) {
        this.dictionary = dictionary;
        this.automaton = automaton;
        this.buildSeconds = buildSeconds;
    }

    /** Reads the rows, builds the dictionary and the automaton. */
    public static NlpIndex build(Iterator<AliasRow> rows, DictionaryOptions options) {
        long t0 = System.nanoTime();
        AliasDictionary d = AliasDictionary.build(rows, options);
        AhoCorasick ac = AhoCorasick.build(d.keyChars, d.keyOffsets, d.keyCount);
        d.keyChars = null;
        d.keyOffsets = null;
        return new NlpIndex(d, ac, (System.nanoTime() - t0) / 1e9);
    }

    /** Builds the automaton of a freshly built dictionary (consumes its sorted keys). */
    public static NlpIndex of(AliasDictionary d) {
        if (d.keyChars == null) {
            throw new IllegalStateException("the dictionary's keys were already consumed by an index");
        }
        long t0 = System.nanoTime();
        AhoCorasick ac = AhoCorasick.build(d.keyChars, d.keyOffsets, d.keyCount);
        d.keyChars = null;
        d.keyOffsets = null;
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
        String norm = AliasNormalizer.normalizeForStorage(alias);
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
        Spans spans = new Spans();
        automaton.scan(s, end -> wordBoundaryAtEnd(s, end), (k, end) -> {
            int start = end - automaton.keyLength.get(k);
            if (wordBoundaryAtStart(s, start)) {
                spans.add(start, end, k);
            }
        });
        if (spans.size == 0) {
            return List.of();
        }
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

    /** Letters, digits and combining marks make words. */
    static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        }
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    static boolean wordBoundaryAtStart(String s, int i) {
        return i == 0 || i >= s.length() || !isWordChar(s.codePointBefore(i)) || !isWordChar(s.codePointAt(i));
    }

    static boolean wordBoundaryAtEnd(String s, int i) {
        return i >= s.length() || i == 0 || !isWordChar(s.codePointAt(i)) || !isWordChar(s.codePointBefore(i));
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
