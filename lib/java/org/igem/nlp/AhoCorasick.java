package org.igem.nlp;

import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * An Aho-Corasick automaton over sorted unique keys, in flat arrays (no object per node), so it
 * serialises as is and works the same from heap arrays (fresh build) and memory-mapped buffers
 * (loaded cache).
 *
 * <p>Layout: nodes are numbered breadth-first and the children of a node are contiguous and sorted
 * by label (CSR). The hot data of node {@code n} is one 16-byte record in {@code nodes}:
 * {@code [4n] = childStart} (its children are {@code childStart(n) .. childStart(n+1)}; a sentinel
 * record {@code N} closes the last range), {@code [4n+1] = fail} (failure link),
 * {@code [4n+2] = out} (the first node on {@code n}'s failure chain, {@code n} included, where a
 * key ends; 0 = none) and {@code [4n+3] = label} (the char on the edge into {@code n}). Looking
 * up a child reads the children's records, which is also the record the scan moves to: about
 * one cache miss per character. Goto is a binary search among the children (a direct 64K table
 * for the root). The cold data is only read on an output: {@code key[n]} (the key ending at
 * {@code n}, or -1), {@code dict[n]} (the next node below {@code n} on the failure chain where a
 * key ends; 0 = none) and {@code keyLength[k]} (UTF-16 length of key {@code k}); all outputs at a
 * position are {@code out(n)}, {@code dict[out(n)]}, ...
 *
 * <p>The records are a heap array (copied from the mapped file on load: one bulk copy); the
 * cold arrays may stay memory-mapped.
 *
 * <p>Construction (keys sorted, as {@link AliasDictionary} delivers them): the node for the
 * depth-{@code d} prefix of key {@code i} is new exactly when key {@code i-1} does not share that
 * prefix ({@code lcp(i-1, i) < d}); creating the nodes level by level in key order yields the
 * breadth-first, parent-contiguous, label-sorted numbering directly. Failure links follow in one
 * pass in node order (a node's failure target is shallower, so already done).
 */
final class AhoCorasick {
    static final int STRIDE = 4;
    final int nodeCount;
    final int keyCount;
    /** STRIDE ints per node plus one sentinel record: childStart, fail, out, label. */
    final int[] nodes;
    final IntBuffer key;
    final IntBuffer dict;
    final IntBuffer keyLength;
    private final int[] root = new int[0x10000];

    AhoCorasick(int nodeCount, int keyCount, int[] nodes, IntBuffer key, IntBuffer dict, IntBuffer keyLength) {
        this.nodeCount = nodeCount;
        this.keyCount = keyCount;
        this.nodes = nodes;
        this.key = key;
        this.dict = dict;
        this.keyLength = keyLength;
        for (int c = nodes[0]; c < nodes[STRIDE]; c++) {
            root[nodes[c * STRIDE + 3]] = c;
        }
    }

    /** Builds the automaton of {@code keyCount} sorted unique non-empty keys stored contiguously in {@code chars}. */
    static AhoCorasick build(char[] chars, int[] offsets, int keyCount) {
        int[] len = new int[keyCount];
        for (int k = 0; k < keyCount; k++) {
            len[k] = offsets[k + 1] - offsets[k];
        }
        return build(chars, offsets, len, keyCount);
    }

    /**
     * Builds the automaton of {@code keyCount} sorted unique non-empty keys: key {@code k} is
     * {@code chars[start[k] .. start[k] + length[k])} (the pool need not be in key order, so the
     * dictionary's interned norms are used in place, without a sorted copy). {@code length}
     * becomes the automaton's key-length table.
     */
    static AhoCorasick build(char[] chars, int[] offsets, int[] length, int keyCount) {
        int[] lcp = new int[keyCount];
        long total = 1;
        int[] keyLength = length;
        for (int k = 0; k < keyCount; k++) {
            int len = keyLength[k];
            if (len == 0) {
                throw new IllegalArgumentException("empty key");
            }
            int l = 0;
            if (k > 0) {
                int a = offsets[k - 1];
                int b = offsets[k];
                int m = Math.min(len, keyLength[k - 1]);
                while (l < m && chars[a + l] == chars[b + l]) {
                    l++;
                }
                if (l == len || (l < m && chars[a + l] > chars[b + l])) {
                    throw new IllegalArgumentException("keys are not sorted and unique at " + k);
                }
            }
            lcp[k] = l;
            total += len - l;
        }
        if (total * STRIDE >= Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("too many automaton nodes: " + total);
        }
        int n = (int) total;
        int[] nodes = new int[(n + 1) * STRIDE];
        int[] parent = new int[n];
        int[] keyOf = new int[n];
        Arrays.fill(keyOf, -1);
        int[] childCount = new int[n];

        // level by level, in key order: breadth-first numbering, children contiguous and sorted
        int[] act = new int[keyCount];
        int[] cur = new int[keyCount];
        for (int k = 0; k < keyCount; k++) {
            act[k] = k;
        }
        int actLen = keyCount;
        int next = 1;
        for (int d = 1; actLen > 0; d++) {
            int kept = 0;
            int prevKey = -2;
            int prevNode = -1;
            for (int t = 0; t < actLen; t++) {
                int k = act[t];
                int node;
                if (k == prevKey + 1 && lcp[k] >= d) {
                    node = prevNode;
                } else {
                    node = next++;
                    nodes[node * STRIDE + 3] = chars[offsets[k] + d - 1];
                    parent[node] = cur[t];
                    childCount[cur[t]]++;
                }
                prevKey = k;
                prevNode = node;
                if (keyLength[k] == d) {
                    keyOf[node] = k;
                } else {
                    act[kept] = k;
                    cur[kept] = node;
                    kept++;
                }
            }
            actLen = kept;
        }
        act = null;
        cur = null;
        lcp = null;
        if (next != n) {
            throw new IllegalStateException("node count mismatch " + next + " != " + n);
        }
        int start = 1;
        for (int v = 0; v < n; v++) {
            nodes[v * STRIDE] = start;
            start += childCount[v];
        }
        nodes[n * STRIDE] = start;
        childCount = null;

        int[] dict = new int[n];
        int[] rootTable = new int[0x10000];
        for (int c = nodes[0]; c < nodes[STRIDE]; c++) {
            rootTable[nodes[c * STRIDE + 3]] = c;
        }
        for (int v = 1; v < n; v++) {
            int p = parent[v];
            int f = 0;
            if (p != 0) {
                char c = (char) nodes[v * STRIDE + 3];
                int s = nodes[p * STRIDE + 1];
                while (true) {
                    int g = s == 0 ? rootTable[c] : child(nodes, s, c);
                    if (g > 0) {
                        f = g;
                        break;
                    }
                    if (s == 0) {
                        break;
                    }
                    s = nodes[s * STRIDE + 1];
                }
            }
            nodes[v * STRIDE + 1] = f;
            dict[v] = keyOf[f] >= 0 ? f : dict[f];
            nodes[v * STRIDE + 2] = keyOf[v] >= 0 ? v : dict[v];
        }
        return new AhoCorasick(n, keyCount, nodes, IntBuffer.wrap(keyOf), IntBuffer.wrap(dict), IntBuffer.wrap(keyLength));
    }

    /** The child of non-root node {@code s} labelled {@code c}, or 0. */
    private static int child(int[] nodes, int s, char c) {
        int lo = nodes[s * STRIDE];
        int hi = nodes[(s + 1) * STRIDE] - 1;
        while (hi - lo > 4) {
            int mid = (lo + hi) >>> 1;
            int m = nodes[mid * STRIDE + 3];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        for (int i = lo; i <= hi; i++) {
            if (nodes[i * STRIDE + 3] == c) {
                return i;
            }
        }
        return 0;
    }

    /** The child of {@code s} labelled {@code c}, or 0. */
    int child(int s, char c) {
        return s == 0 ? root[c] : child(nodes, s, c);
    }

    /** The goto-with-failure transition. */
    int next(int s, char c) {
        final int[] nodes = this.nodes;
        while (s != 0) {
            int g = child(nodes, s, c);
            if (g > 0) {
                return g;
            }
            s = nodes[s * STRIDE + 1];
        }
        return root[c];
    }

    /** The key of exactly {@code text}, or -1. */
    int find(CharSequence text) {
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            s = child(s, text.charAt(i));
            if (s == 0) {
                return -1;
            }
        }
        return s == 0 ? -1 : key.get(s);
    }

    /** Receives a key occurrence: key {@code k} spans {@code [start, end)}. */
    interface Match {
        void emit(int k, int start, int end);
    }

    /**
     * Reports every key that begins at {@code from} in {@code t[0, n)} and ends where
     * {@code endFilter} allows, shortest first: a walk down
     * the trie from the root, no failure links. Where matches may only begin at chosen positions
     * (the resolver's word starts, about one position in six), walking from those alone visits
     * fewer states than the full scan and skips the failure chains; both give the same matches
     * there.
     */
    void walk(char[] t, int from, int n, java.util.function.IntPredicate endFilter, Match out) {
        final int[] nodes = this.nodes;
        int s = root[t[from]];
        int j = from + 1;
        while (s != 0) {
            // a node's first output is itself exactly when a key ends there; the end is checked before
            // the (cold, mapped) key table is read
            if (nodes[s * STRIDE + 2] == s && endFilter.test(j)) {
                out.emit(key.get(s), from, j);
            }
            if (j == n) {
                return;
            }
            s = child(nodes, s, t[j++]);
        }
    }

    /** Receives every key occurrence: key {@code k} ends at {@code end} (exclusive). */
    interface Output {
        void emit(int k, int end);
    }

    /**
     * Scans {@code text} and reports every occurrence of every key whose end passes
     * {@code endFilter}; all keys ending at one position share that check.
     */
    void scan(String text, java.util.function.IntPredicate endFilter, Output out) {
        final int[] nodes = this.nodes;
        int s = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            s = next(s, text.charAt(i));
            int t = nodes[s * STRIDE + 2];
            if (t == 0 || !endFilter.test(i + 1)) {
                continue;
            }
            while (t != 0) {
                out.emit(key.get(t), i + 1);
                t = dict.get(t);
            }
        }
    }
}
