package org.igem.nlp;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Structural check of a loaded cache, before any of it is used: a file whose sha256 matches its
 * metadata may still have been crafted. Everything the search and lookup code indexes with is
 * checked to be in range, and every chain it follows to end: failure links and dictionary-suffix
 * links must point to a strictly shallower node, so a chain is at most as long as the depth.
 *
 * <p>Bounded work: two passes over the node records (one for the tree shape and the depths, one
 * for the links; a bit per node and an int depth per node, freed after), one over the keys,
 * entries and name cache, and one varint decode per string reference. Returns {@code null} when
 * sound, else the first problem.
 */
final class CacheValidator {
    private static final int MAX_CHAR = 0xFFFF;
    /** Bumped whenever a check is added: a file remembered as sound by an older revision is checked again. */
    static final int REVISION = 2;

    private CacheValidator() {
    }

    static String automaton(int n, int keys, IntBuffer r, IntBuffer key, IntBuffer dict, IntBuffer keyLength) {
        final int s = AhoCorasick.STRIDE;
        if (r.limit() != n * s || key.limit() != n || dict.limit() != n || keyLength.limit() != keys) {
            return "automaton arrays of inconsistent lengths";
        }
        for (int k = 0; k < keys; k++) {
            if (keyLength.get(k) < 1) {
                return "key " + k + " has length " + keyLength.get(k);
            }
        }
        if (key.get(0) != -1 || dict.get(0) != 0 || r.get(AhoCorasick.OUT) != 0) {
            return "the automaton root carries an output";
        }
        // a tree: every node but the root in exactly one child block, each block after its parent
        // (so parent links only go down in number and cannot loop); depths follow in node order
        long[] placed = new long[(n + 63) >>> 6];
        int[] depth = new int[n];
        int covered = 0;
        for (int v = 0; v < n; v++) {
            int first = r.get(v * s + AhoCorasick.CHILD);
            if (first == 0) {
                if (AhoCorasick.childCountMinusOne(r, v) != 0) {
                    return "leaf " + v + " has a child count";
                }
                continue;
            }
            int last = first + AhoCorasick.childCountMinusOne(r, v);
            if (first <= v || last >= n) {
                return "child block of node " + v + " out of range or before its parent";
            }
            int prev = -1;
            for (int c = first; c <= last; c++) {
                if ((placed[c >>> 6] & (1L << c)) != 0) {
                    return "node " + c + " is in two child blocks";
                }
                placed[c >>> 6] |= 1L << c;
                int label = AhoCorasick.label(r, c);
                if (label <= prev) {
                    return "labels of the children of node " + v + " not strictly increasing";
                }
                prev = label;
                depth[c] = depth[v] + 1;
            }
            covered += last - first + 1;
        }
        if (covered != n - 1) {
            return (n - 1 - covered) + " nodes are unreachable from the root";
        }
        for (int v = 1; v < n; v++) {
            int fail = r.get(v * s + AhoCorasick.FAIL);
            if (fail < 0 || fail >= n || depth[fail] >= depth[v]) {
                return "failure link of node " + v + " does not point to a shallower node";
            }
            int k = key.get(v);
            if (k < -1 || k >= keys) {
                return "key index of node " + v + " out of range";
            }
            if (k >= 0 && keyLength.get(k) != depth[v]) {
                return "length of key " + k + " does not match its node's depth";
            }
            int d = dict.get(v);
            if (d != 0 && (d < 0 || d >= n || depth[d] >= depth[v] || key.get(d) < 0)) {
                return "dictionary link of node " + v + " does not point to a shallower output node";
            }
            if (r.get(v * s + AhoCorasick.OUT) != (k >= 0 ? v : d)) {
                return "output link of node " + v + " is inconsistent";
            }
        }
        return null;
    }

    static String dictionary(int keys, int entries, int names, int types, IntBuffer keyEntryStart, ByteBuffer records,
                             LongBuffer nameEntityId, IntBuffer nameValue, IntBuffer typeStrings, ByteBuffer strings) {
        if (keyEntryStart.limit() != keys + 1 || records.limit() != (long) AliasDictionary.ENTRY_BYTES * entries
                || nameEntityId.limit() != names || nameValue.limit() != names
                || typeStrings.limit() != AliasDictionary.PROFILE_INTS * types) {
            return "dictionary arrays of inconsistent lengths";
        }
        if (keyEntryStart.get(0) != 0 || keyEntryStart.get(keys) != entries) {
            return "key entry ranges do not cover the entries";
        }
        for (int k = 0; k < keys; k++) {
            if (keyEntryStart.get(k) > keyEntryStart.get(k + 1)) {
                return "entry range of key " + k + " out of order";
            }
        }
        for (int e = 0; e < entries; e++) {
            int at = e * AliasDictionary.ENTRY_BYTES;
            int t = records.getChar(at + AliasDictionary.E_PROFILE);
            if (t != AliasDictionary.NO_TYPE && t >= types) {
                return "type index of entry " + e + " out of range";
            }
            String bad = string(strings, records.getInt(at + AliasDictionary.E_VALUE));
            if (bad != null) {
                return "alias of entry " + e + ": " + bad;
            }
            bad = string(strings, records.getInt(at + AliasDictionary.E_NAME));
            if (bad != null) {
                return "primary name of entry " + e + ": " + bad;
            }
        }
        for (int m = 0; m < names; m++) {
            if (m > 0 && nameEntityId.get(m - 1) >= nameEntityId.get(m)) {
                return "name cache not sorted at " + m;
            }
            String bad = string(strings, nameValue.get(m));
            if (bad != null) {
                return "name " + m + ": " + bad;
            }
        }
        // a profile: the entity type id, then string refs of type name, domain, alias type, xref source
        for (int t = 0; t < types; t++) {
            for (int j = 1; j < AliasDictionary.PROFILE_INTS; j++) {
                String bad = string(strings, typeStrings.get(AliasDictionary.PROFILE_INTS * t + j));
                if (bad != null) {
                    return "profile " + t + " string " + j + ": " + bad;
                }
            }
        }
        return null;
    }

    /** Checks one string reference (-1 = null): varint length and bytes inside the pool. */
    private static String string(ByteBuffer pool, int ref) {
        if (ref == -1) {
            return null;
        }
        int size = pool.limit();
        if (ref < 0 || ref >= size) {
            return "string reference " + ref + " out of range";
        }
        int p = ref;
        long len = 0;
        for (int shift = 0; ; shift += 7) {
            if (p >= size || shift > 28) {
                return "string at " + ref + " has a malformed length";
            }
            int b = pool.get(p++);
            len |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (len > size - p) {
            return "string at " + ref + " runs past the string pool";
        }
        return null;
    }
}
