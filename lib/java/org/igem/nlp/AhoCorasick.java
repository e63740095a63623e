package org.igem.nlp;

import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * An Aho-Corasick automaton over sorted unique keys, in flat arrays (no object per node), so it
 * serialises as is and works the same from heap arrays (fresh build) and memory-mapped buffers
 * (loaded cache).
 *
 * <p>Layout: the children of a node are contiguous and sorted by label, and these child blocks
 * are laid out depth first: the block of a node's children comes right after the blocks of
 * everything before it in preorder. So a walk down a path that branches no more (the long tail
 * of most aliases) reads consecutive records, where a breadth-first layout puts every step in a
 * different, cold part of the array: the walks were about twice as slow that way. The hot data
 * of node {@code n} is one 16-byte record in {@code nodes}: {@code [4n] = childStart} (0 for a
 * leaf; the root is never a child), {@code [4n+1] = fail} (failure link), {@code [4n+2] = out}
 * (the first node on {@code n}'s failure chain, {@code n} included, where a key ends; 0 = none)
 * and {@code [4n+3] = label | (childCount - 1) << 16} (the char on the edge into {@code n}; the
 * count fits, a node has at most 65536 children). Goto is a binary search among the children (a
 * direct 64K table for the root). The cold data is only read on an output: {@code key[n]} (the
 * key ending at {@code n}, or -1), {@code dict[n]} (the next node below {@code n} on the failure
 * chain where a key ends; 0 = none) and {@code keyLength[k]} (UTF-16 length of key {@code k});
 * all outputs at a position are {@code out(n)}, {@code dict[out(n)]}, ...
 *
 * <p>Every array is a buffer: heap arrays after a fresh build, the memory-mapped file once
 * loaded (the records too: a heap copy made a large cache's load slow and held its size in
 * every process, for about 15 % on the walk).
 *
 * <p>Construction (keys sorted, as {@link AliasDictionary} delivers them): inserting sorted keys
 * one by one creates the nodes in preorder, the depth-{@code d} node of key {@code i} being new
 * exactly when key {@code i-1} does not share that prefix ({@code lcp(i-1, i) < d}). A first pass
 * counts each preorder node's children, whose prefix sums are where each child block starts; a
 * second pass places every node in its parent's block (a parent's children arrive in label
 * order). Failure links follow in breadth-first order (a node's failure target is shallower, so
 * already done), read off the child blocks with one queue.
 */
final class AhoCorasick {
    static final int STRIDE = 4;
    /** Records: childStart, fail, out, label and child count. */
    static final int CHILD = 0;
    static final int FAIL = 1;
    static final int OUT = 2;
    static final int LABEL = 3;
    final int nodeCount;
    final int keyCount;
    /** STRIDE ints per node: childStart, fail, out, label | (childCount - 1) << 16; the mapped file itself once loaded. */
    final IntBuffer nodes;
    final IntBuffer key;
    final IntBuffer dict;
    final IntBuffer keyLength;
    private final int[] root = new int[0x10000];

    AhoCorasick(int nodeCount, int keyCount, IntBuffer nodes, IntBuffer key, IntBuffer dict, IntBuffer keyLength) {
        this.nodeCount = nodeCount;
        this.keyCount = keyCount;
        this.nodes = nodes;
        this.key = key;
        this.dict = dict;
        this.keyLength = keyLength;
        int first = nodes.get(CHILD);
        for (int c = first; first != 0 && c <= first + childCountMinusOne(nodes, 0); c++) {
            root[label(nodes, c)] = c;
        }
    }

    static int label(IntBuffer nodes, int n) {
        return nodes.get(n * STRIDE + LABEL) & 0xFFFF;
    }

    /** The number of children of {@code n} minus one; meaningful only when its childStart is not 0. */
    static int childCountMinusOne(IntBuffer nodes, int n) {
        return nodes.get(n * STRIDE + LABEL) >>> 16;
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
        int maxLength = 0;
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
            maxLength = Math.max(maxLength, len);
        }
        if (total * STRIDE >= Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("too many automaton nodes: " + total);
        }
        int n = (int) total;

        // pass 1, preorder: blockStart[p] counts the children of preorder node p (then: where its block starts)
        int[] blockStart = new int[n + 1];
        int[] pathPre = new int[maxLength + 1];
        int pre = 1;
        for (int k = 0; k < keyCount; k++) {
            int d = lcp[k];
            blockStart[pathPre[d]]++;
            for (d++; d <= keyLength[k]; d++) {
                pathPre[d] = pre;
                if (d < keyLength[k]) {
                    blockStart[pre]++;
                }
                pre++;
            }
        }
        int start = 1;
        for (int p = 0; p <= n; p++) {
            int c = blockStart[p];
            blockStart[p] = start;
            start += c;
        }

        // pass 2: each node goes to the next free place of its parent's block
        int[] nodes = new int[n * STRIDE];
        int[] keyOf = new int[n];
        Arrays.fill(keyOf, -1);
        int[] pathId = new int[maxLength + 1];
        int[] pathNext = new int[maxLength + 1];
        pathNext[0] = blockStart[0];
        nodes[CHILD] = childRecord(blockStart, 0);
        nodes[LABEL] = countBits(blockStart, 0);
        pre = 1;
        for (int k = 0; k < keyCount; k++) {
            int off = offsets[k];
            int d = lcp[k];
            for (d++; d <= keyLength[k]; d++) {
                int id = pathNext[d - 1]++;
                pathId[d] = id;
                pathNext[d] = blockStart[pre];
                nodes[id * STRIDE + CHILD] = childRecord(blockStart, pre);
                nodes[id * STRIDE + LABEL] = chars[off + d - 1] | countBits(blockStart, pre);
                pre++;
            }
            keyOf[pathId[keyLength[k]]] = k;
        }
        blockStart = null;
        lcp = null;

        // failure links in breadth-first order, from the child blocks
        IntBuffer rec = IntBuffer.wrap(nodes);
        int[] dict = new int[n];
        int[] rootTable = new int[0x10000];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        queue[tail++] = 0;
        while (head < tail) {
            int v = queue[head++];
            int first = nodes[v * STRIDE + CHILD];
            if (first == 0) {
                continue;
            }
            int last = first + childCountMinusOne(rec, v);
            for (int c = first; c <= last; c++) {
                queue[tail++] = c;
                int f = 0;
                if (v == 0) {
                    rootTable[label(rec, c)] = c;
                } else {
                    char ch = (char) label(rec, c);
                    int s = nodes[v * STRIDE + FAIL];
                    while (true) {
                        int g = s == 0 ? rootTable[ch] : child(rec, s, ch);
                        if (g > 0) {
                            f = g;
                            break;
                        }
                        if (s == 0) {
                            break;
                        }
                        s = nodes[s * STRIDE + FAIL];
                    }
                }
                nodes[c * STRIDE + FAIL] = f;
                dict[c] = keyOf[f] >= 0 ? f : dict[f];
                nodes[c * STRIDE + OUT] = keyOf[c] >= 0 ? c : dict[c];
            }
        }
        if (tail != n) {
            throw new IllegalStateException("node count mismatch " + tail + " != " + n);
        }
        return new AhoCorasick(n, keyCount, rec, IntBuffer.wrap(keyOf), IntBuffer.wrap(dict), IntBuffer.wrap(keyLength));
    }

    private static int childRecord(int[] blockStart, int pre) {
        return blockStart[pre + 1] > blockStart[pre] ? blockStart[pre] : 0;
    }

    private static int countBits(int[] blockStart, int pre) {
        int count = blockStart[pre + 1] - blockStart[pre];
        return count == 0 ? 0 : (count - 1) << 16;
    }

    /** The child of non-root node {@code s} labelled {@code c}, or 0. */
    private static int child(IntBuffer nodes, int s, char c) {
        int lo = nodes.get(s * STRIDE + CHILD);
        if (lo == 0) {
            return 0;
        }
        int hi = lo + (nodes.get(s * STRIDE + LABEL) >>> 16);
        while (hi - lo > 4) {
            int mid = (lo + hi) >>> 1;
            int m = nodes.get(mid * STRIDE + LABEL) & 0xFFFF;
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        for (int i = lo; i <= hi; i++) {
            if ((nodes.get(i * STRIDE + LABEL) & 0xFFFF) == c) {
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
        final IntBuffer nodes = this.nodes;
        while (s != 0) {
            int g = child(nodes, s, c);
            if (g > 0) {
                return g;
            }
            s = nodes.get(s * STRIDE + FAIL);
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
        final IntBuffer nodes = this.nodes;
        int s = root[t[from]];
        int j = from + 1;
        while (s != 0) {
            // a node's first output is itself exactly when a key ends there; the end is checked before
            // the (cold, mapped) key table is read
            if (nodes.get(s * STRIDE + OUT) == s && endFilter.test(j)) {
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
        final IntBuffer nodes = this.nodes;
        int s = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            s = next(s, text.charAt(i));
            int t = nodes.get(s * STRIDE + OUT);
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
