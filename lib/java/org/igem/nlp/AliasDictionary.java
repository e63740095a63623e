package org.igem.nlp;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.igem.core.IgemException;

/**
 * The alias dictionary of the NLP resolver: active aliases with a norm, grouped by norm (several
 * entries per norm), with the entity → primary-name cache. Built from rows of
 * {@code entity_aliases ⋈ entity_types} ({@link #build}); stored as flat arrays (no object per
 * alias) so it serialises and memory-maps as is ({@link NlpCache}).
 *
 * <p>Keys are the unique kept norms in {@code String} natural order; key {@code k} owns the
 * entries {@code keyEntryStart[k] .. keyEntryStart[k+1]}, ordered by entity id, then alias id.
 * An entry is one {@value #ENTRY_BYTES}-byte record (entity id, alias id, alias value ref, the
 * entity's primary name ref, profile, flags): resolving a span reads one cache line per candidate
 * from the mapped file, where an array per field cost a miss per field, plus a search of the name
 * cache for the primary name. Strings (alias values, primary names, type names, domains) live in
 * one UTF-8 pool and are decoded only when an entry is returned.
 */
public final class AliasDictionary {
    static final int NO_TYPE = 0xFFFF;
    static final int PROFILE_INTS = 5;
    static final byte FLAG_PRIMARY = 1;
    /** Entry record: int64 entity id, int64 alias id, int32 value ref, int32 primary-name ref (-1 none), uint16 profile, uint8 flags, padding. */
    static final int ENTRY_BYTES = 32;
    static final int E_ENTITY = 0;
    static final int E_ALIAS = 8;
    static final int E_VALUE = 16;
    static final int E_NAME = 20;
    static final int E_PROFILE = 24;
    static final int E_FLAGS = 26;
    /** Entries a dictionary can hold: the records are one buffer of at most 2^31 bytes. */
    static final int MAX_ENTRIES = Integer.MAX_VALUE / ENTRY_BYTES - 1;

    final DictionaryStats stats;
    final int keyCount;
    final IntBuffer keyEntryStart;
    /** {@link #ENTRY_BYTES} per entry, little-endian. */
    final ByteBuffer entries;
    final LongBuffer nameEntityId;
    final IntBuffer nameValue;
    /** Per profile (entity type id, type name, domain, alias type, xref source): the id, then 4 string refs. */
    final IntBuffer typeStrings;
    final ByteBuffer strings;
    final int[] typeIds;
    final String[] typeNames;
    final String[] typeDomains;
    final String[] aliasTypes;
    final String[] xrefSources;

    /**
     * The keys for the automaton, present after {@link #build} and dropped once it is built: key
     * {@code k} (in String order) is {@code keyChars[keyOffsets[k] .. + keyLengths[k])}; the pool
     * holds the interned norms in first-seen order (no sorted copy).
     */
    char[] keyChars;
    int[] keyOffsets;
    int[] keyLengths;

    AliasDictionary(DictionaryStats stats, int keyCount, IntBuffer keyEntryStart, ByteBuffer entries,
                    LongBuffer nameEntityId, IntBuffer nameValue, IntBuffer typeStrings, ByteBuffer strings) {
        this.stats = stats;
        this.keyCount = keyCount;
        this.keyEntryStart = keyEntryStart;
        this.entries = entries.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        this.nameEntityId = nameEntityId;
        this.nameValue = nameValue;
        this.typeStrings = typeStrings;
        this.strings = strings;
        int types = typeStrings.limit() / PROFILE_INTS;
        this.typeIds = new int[types];
        this.typeNames = new String[types];
        this.typeDomains = new String[types];
        this.aliasTypes = new String[types];
        this.xrefSources = new String[types];
        for (int t = 0; t < types; t++) {
            int b = PROFILE_INTS * t;
            typeIds[t] = typeStrings.get(b);
            typeNames[t] = StringBlob.read(strings, typeStrings.get(b + 1));
            typeDomains[t] = StringBlob.read(strings, typeStrings.get(b + 2));
            aliasTypes[t] = StringBlob.read(strings, typeStrings.get(b + 3));
            xrefSources[t] = StringBlob.read(strings, typeStrings.get(b + 4));
        }
    }

    /**
     * Reads every row once. Active rows with a norm feed the primary-name cache (when
     * {@code is_primary}; the smallest alias id wins for an entity) whatever the filters; then the
     * type/domain filters, the minimum length (code points) and the stopwords decide what goes
     * into the automaton, each counted.
     */
    public static AliasDictionary build(Iterator<AliasRow> rows, DictionaryOptions options) {
        Objects.requireNonNull(rows, "rows");
        DictionaryOptions opts = options == null ? DictionaryOptions.defaults() : options;
        Builder b = new Builder(opts);
        while (rows.hasNext()) {
            b.add(rows.next());
        }
        return b.finish();
    }

    public DictionaryStats stats() {
        return stats;
    }

    public int normCount() {
        return keyCount;
    }

    public int entryCount() {
        return entries.limit() / ENTRY_BYTES;
    }

    public int nameCacheCount() {
        return nameEntityId.limit();
    }

    /** The display name of an entity (its primary alias value), or null. */
    public String primaryName(long entityId) {
        int m = nameIndex(nameEntityId, entityId);
        return m < 0 ? null : StringBlob.read(strings, nameValue.get(m));
    }

    /** The index of {@code entityId} in the sorted {@code ids}, or -1. */
    static int nameIndex(LongBuffer ids, long entityId) {
        int lo = 0;
        int hi = ids.limit() - 1;
        for (int probe = 0; lo <= hi; probe++) {
            int mid = (lo + hi) >>> 1;
            // entity ids are mostly dense (sequences), so the first probes interpolate and land next to
            // the id: fewer cold reads of the mapped id array than 20 halvings; then plain halving, so
            // the worst case stays logarithmic
            if (probe < 3 && lo < hi) {
                long a = ids.get(lo);
                long b = ids.get(hi);
                if (a < b && entityId >= a && entityId <= b) {
                    mid = lo + (int) ((double) (entityId - a) / (b - a) * (hi - lo));
                }
            }
            long v = ids.get(mid);
            if (v < entityId) {
                lo = mid + 1;
            } else if (v > entityId) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Entries of key {@code k}, decoded; {@code norm} is the key's text. */
    List<Entry> entriesOfKey(int k, String norm) {
        int from = keyEntryStart.get(k);
        int to = keyEntryStart.get(k + 1);
        Entry[] out = new Entry[to - from];
        for (int e = from; e < to; e++) {
            out[e - from] = entry(e, norm);
        }
        return List.of(out);
    }

    Entry entry(int e, String norm) {
        ByteBuffer r = entries;
        int at = e * ENTRY_BYTES;
        int t = r.getChar(at + E_PROFILE);
        return new Entry(r.getLong(at + E_ALIAS), r.getLong(at + E_ENTITY), StringBlob.read(strings, r.getInt(at + E_VALUE)),
                norm, (r.get(at + E_FLAGS) & FLAG_PRIMARY) != 0, StringBlob.read(strings, r.getInt(at + E_NAME)),
                t == NO_TYPE ? null : typeNames[t], t == NO_TYPE ? null : typeDomains[t], t == NO_TYPE ? -1 : typeIds[t],
                t == NO_TYPE ? null : aliasTypes[t], t == NO_TYPE ? null : xrefSources[t]);
    }

    /**
     * Keeps the warming reads below from being optimised away: their sum decides whether it is
     * written, which is almost never (a field the workers wrote every time would bounce between cores).
     */
    private int touched;

    /**
     * Reads the entry range, then the first record, of each of {@code keys[0, n)}: independent
     * loads whose cache misses overlap, before the resolver's dependent reads of the same lines.
     */
    void touchEntries(int[] keys, int n) {
        int sink = 0;
        for (int i = 0; i < n; i++) {
            sink += keyEntryStart.get(keys[i]);
        }
        for (int i = 0; i < n; i++) {
            sink += entries.get(keyEntryStart.get(keys[i]) * ENTRY_BYTES + E_FLAGS);
        }
        if (sink == Integer.MIN_VALUE) {
            touched++;
        }
    }

    /** Reads the first byte of the alias value and primary name of each of {@code es[0, n)} (as {@link #touchEntries}). */
    void touchStrings(int[] es, int n) {
        int sink = 0;
        for (int i = 0; i < n; i++) {
            int at = es[i] * ENTRY_BYTES;
            int v = entries.getInt(at + E_VALUE);
            int m = entries.getInt(at + E_NAME);
            sink += (v < 0 ? 0 : strings.get(v)) + (m < 0 ? 0 : strings.get(m));
        }
        if (sink == Integer.MIN_VALUE) {
            touched++;
        }
    }

    long entityIdOf(int e) {
        return entries.getLong(e * ENTRY_BYTES + E_ENTITY);
    }

    long aliasIdOf(int e) {
        return entries.getLong(e * ENTRY_BYTES + E_ALIAS);
    }

    /** Profile (type + alias kind) index of entry {@code e}, {@link #NO_TYPE} for none. */
    int profileOf(int e) {
        return entries.getChar(e * ENTRY_BYTES + E_PROFILE);
    }

    int entryStart(int k) {
        return keyEntryStart.get(k);
    }

    int entryEnd(int k) {
        return keyEntryStart.get(k + 1);
    }

    /** Collects rows into growable primitive arrays, then sorts and groups them. */
    private static final class Builder {
        private final DictionaryOptions opts;
        private final StringBlob blob = new StringBlob();
        // Interned norms: chars in one pool, an open-addressing table of ids (no String/Integer/Node per norm:
        // the HashMap<String, Integer> this replaces was the build's biggest heap consumer).
        private char[] pool = new char[1 << 16];
        private int poolSize;
        private int norms;
        private int[] normStart = new int[1024];
        private int[] normHash = new int[1024];
        private int[] table = new int[1 << 12]; // id + 1, 0 = empty
        private final Map<List<Object>, Integer> types = new LinkedHashMap<>();
        private int lastType = -1;
        private Integer lastTypeId;
        private String lastTypeName;
        private String lastDomain;
        private String lastAliasType;
        private String lastXref;
        private long rowsRead, inactive, nullNorm, filteredType, filteredShort, filteredStopword;

        private int entries;
        private int[] eNorm = new int[1024];
        private long[] eAlias = new long[1024];
        private long[] eEntity = new long[1024];
        private int[] eValue = new int[1024];
        private char[] eType = new char[1024];
        private byte[] eFlags = new byte[1024];

        private int primaries;
        private long[] pEntity = new long[1024];
        private long[] pAlias = new long[1024];
        private int[] pValue = new int[1024];

        Builder(DictionaryOptions opts) {
            this.opts = opts;
        }

        void add(AliasRow r) {
            rowsRead++;
            if (!r.isActive()) {
                inactive++;
                return;
            }
            String norm = r.aliasNorm();
            if (norm == null) {
                nullNorm++;
                return;
            }
            if (r.typeId() == null) {
                filteredType++; // no entity type: the original inner-joins entity_types
                return;
            }
            if (norm.isEmpty()) {
                norm = AliasNormalizer.normalize(r.aliasValue() == null ? "" : r.aliasValue());
            }
            int valueRef = Integer.MIN_VALUE;
            if (r.isPrimary()) {
                valueRef = blob.add(r.aliasValue());
                if (primaries == pEntity.length) {
                    int n = primaries * 2;
                    pEntity = Arrays.copyOf(pEntity, n);
                    pAlias = Arrays.copyOf(pAlias, n);
                    pValue = Arrays.copyOf(pValue, n);
                }
                pEntity[primaries] = r.entityId();
                pAlias[primaries] = r.aliasId();
                pValue[primaries] = valueRef;
                primaries++;
            }
            if (!opts.typeAllowed(r.entityTypeName(), r.domain())) {
                filteredType++;
                return;
            }
            if (shorterThan(norm, opts.minAliasLength())) {
                filteredShort++;
                return;
            }
            if (opts.stopwords().contains(norm)) {
                filteredStopword++;
                return;
            }
            if (valueRef == Integer.MIN_VALUE) {
                valueRef = blob.add(r.aliasValue());
            }
            int type = NO_TYPE;
            if (lastType >= 0 && Objects.equals(lastTypeId, r.typeId()) && Objects.equals(lastTypeName, r.entityTypeName())
                    && Objects.equals(lastDomain, r.domain()) && Objects.equals(lastAliasType, r.aliasType())
                    && Objects.equals(lastXref, r.xrefSource())) {
                type = lastType;
            } else {
                List<Object> key = Arrays.asList(r.typeId(), r.entityTypeName(), r.domain(), r.aliasType(), r.xrefSource());
                Integer t = types.get(key);
                if (t == null) {
                    if (types.size() == NO_TYPE) {
                        throw new IgemException("more than " + NO_TYPE + " (entity type, alias type, xref source) "
                                + "combinations in the NLP dictionary");
                    }
                    t = types.size();
                    types.put(key, t);
                }
                type = t;
                lastType = t;
                lastTypeId = r.typeId();
                lastTypeName = r.entityTypeName();
                lastDomain = r.domain();
                lastAliasType = r.aliasType();
                lastXref = r.xrefSource();
            }
            int id = intern(norm);
            if (entries == eNorm.length) {
                if (entries >= MAX_ENTRIES) {
                    throw new IgemException("too many aliases for one NLP dictionary (more than " + MAX_ENTRIES
                            + "); filter it by type or domain");
                }
                int n = grownEntries(entries);
                eNorm = Arrays.copyOf(eNorm, n);
                eAlias = Arrays.copyOf(eAlias, n);
                eEntity = Arrays.copyOf(eEntity, n);
                eValue = Arrays.copyOf(eValue, n);
                eType = Arrays.copyOf(eType, n);
                eFlags = Arrays.copyOf(eFlags, n);
            }
            eNorm[entries] = id;
            eAlias[entries] = r.aliasId();
            eEntity[entries] = r.entityId();
            eValue[entries] = valueRef;
            eType[entries] = (char) type;
            eFlags[entries] = r.isPrimary() ? FLAG_PRIMARY : 0;
            entries++;
        }

        /** 1.5x growth: a doubling copy of the big per-entry arrays holds 3x their size for a moment. */
        private static int grown(int n) {
            return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024, n + (n >> 1)));
        }

        private int grownEntries(int n) {
            return Math.min(MAX_ENTRIES, grown(n));
        }

        private int intern(String norm) {
            int h = norm.hashCode();
            int mask = table.length - 1;
            int len = norm.length();
            for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
                int slot = table[i];
                if (slot == 0) {
                    int id = norms;
                    if (id == normStart.length - 1) {
                        int n = grown(id + 1);
                        normStart = Arrays.copyOf(normStart, n);
                        normHash = Arrays.copyOf(normHash, n);
                    }
                    if ((long) poolSize + len > Integer.MAX_VALUE - 16) {
                        throw new IgemException("NLP dictionary norms exceed 2^31 characters; filter the dictionary");
                    }
                    if (poolSize + len > pool.length) {
                        pool = Arrays.copyOf(pool, Math.max(poolSize + len, grown(pool.length)));
                    }
                    norm.getChars(0, len, pool, poolSize);
                    normStart[id] = poolSize;
                    normHash[id] = h;
                    poolSize += len;
                    normStart[id + 1] = poolSize;
                    norms++;
                    table[i] = id + 1;
                    if (norms * 10L > table.length * 6L) {
                        rehash();
                    }
                    return id;
                }
                int id = slot - 1;
                if (normHash[id] == h && normStart[id + 1] - normStart[id] == len && samePool(normStart[id], norm)) {
                    return id;
                }
            }
        }

        private boolean samePool(int at, String norm) {
            for (int i = 0; i < norm.length(); i++) {
                if (pool[at + i] != norm.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private void rehash() {
            int[] t = new int[table.length * 2];
            int mask = t.length - 1;
            for (int id = 0; id < norms; id++) {
                int i = mix(normHash[id]) & mask;
                while (t[i] != 0) {
                    i = (i + 1) & mask;
                }
                t[i] = id + 1;
            }
            table = t;
        }

        private static int mix(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        private int compareNorms(int a, int b) {
            int pa = normStart[a];
            int pb = normStart[b];
            int la = normStart[a + 1] - pa;
            int lb = normStart[b + 1] - pb;
            int m = Math.min(la, lb);
            for (int i = 0; i < m; i++) {
                char x = pool[pa + i];
                char y = pool[pb + i];
                if (x != y) {
                    return x - y;
                }
            }
            return la - lb;
        }

        private static boolean shorterThan(String norm, int min) {
            int n = norm.length();
            if (n < min) {
                return true;
            }
            if (n >= 2 * min) {
                return false; // even all-surrogate text has at least `min` code points
            }
            return norm.codePointCount(0, n) < min;
        }

        AliasDictionary finish() {
            // 1. unique norms in String (UTF-16) order: ids bucketed by first char, buckets sorted in parallel
            int keys = norms;
            table = null;
            normHash = null;
            final int[] bucketStart = new int[0x10001];
            for (int id = 0; id < keys; id++) {
                bucketStart[pool[normStart[id]] + 1]++;
            }
            for (int c = 0; c < 0x10000; c++) {
                bucketStart[c + 1] += bucketStart[c];
            }
            final int[] sortedIds = new int[keys];
            int[] fillB = Arrays.copyOf(bucketStart, 0x10000);
            for (int id = 0; id < keys; id++) {
                sortedIds[fillB[pool[normStart[id]]]++] = id;
            }
            fillB = null;
            final int[] bs = bucketStart;
            java.util.stream.IntStream.range(0, 0x10000).parallel().filter(c -> bs[c + 1] - bs[c] > 1)
                    .forEach(c -> IntSort.sort(sortedIds, bs[c], bs[c + 1], this::compareNorms));
            int[] rank = new int[keys];
            int[] keyOffsets = new int[keys];
            int[] keyLengths = new int[keys];
            for (int r = 0; r < keys; r++) {
                int id = sortedIds[r];
                rank[id] = r;
                keyOffsets[r] = normStart[id];
                keyLengths[r] = normStart[id + 1] - normStart[id];
            }
            normStart = null;
            char[] keyChars = pool;
            pool = null;

            // 2. entries grouped by key (counting sort), each group by entity id, alias id
            int[] start = new int[keys + 1];
            for (int e = 0; e < entries; e++) {
                start[rank[eNorm[e]] + 1]++;
            }
            for (int k = 0; k < keys; k++) {
                start[k + 1] += start[k];
            }
            int[] fill = Arrays.copyOf(start, keys);
            int[] order = new int[entries];
            for (int e = 0; e < entries; e++) {
                order[fill[rank[eNorm[e]]]++] = e;
            }
            fill = null;
            rank = null;
            eNorm = null;
            final long[] ent = eEntity;
            final long[] ali = eAlias;
            IntSort.IntComparator byEntity = (x, y) -> {
                int c = Long.compare(ent[x], ent[y]);
                return c != 0 ? c : Long.compare(ali[x], ali[y]);
            };
            for (int k = 0; k < keys; k++) {
                if (start[k + 1] - start[k] > 1) {
                    IntSort.sort(order, start[k], start[k + 1], byEntity);
                }
            }
            // 3. primary names: per entity the primary alias with the smallest alias id
            int[] pOrder = new int[primaries];
            for (int i = 0; i < primaries; i++) {
                pOrder[i] = i;
            }
            final long[] pe = pEntity;
            final long[] pa = pAlias;
            IntSort.sort(pOrder, 0, primaries, (x, y) -> {
                int c = Long.compare(pe[x], pe[y]);
                return c != 0 ? c : Long.compare(pa[x], pa[y]);
            });
            int names = 0;
            long[] nameIds = new long[primaries];
            int[] nameRefs = new int[primaries];
            for (int i = 0; i < primaries; i++) {
                int q = pOrder[i];
                if (names > 0 && nameIds[names - 1] == pe[q]) {
                    continue;
                }
                nameIds[names] = pe[q];
                nameRefs[names] = pValue[q];
                names++;
            }
            pOrder = null;
            pEntity = null;
            pAlias = null;
            pValue = null;
            nameIds = Arrays.copyOf(nameIds, names);
            nameRefs = Arrays.copyOf(nameRefs, names);
            LongBuffer nameIdBuffer = LongBuffer.wrap(nameIds);

            // each entry's primary-name ref, looked up in input order, once per run of one entity (rows
            // mostly come entity by entity; in key order every entry would be a search of its own)
            int[] eName = new int[entries];
            long lastEntity = 0;
            int lastName = -1;
            for (int e = 0; e < entries; e++) {
                long entity = eEntity[e];
                if (e == 0 || entity != lastEntity) {
                    int m = nameIndex(nameIdBuffer, entity);
                    lastName = m < 0 ? -1 : nameRefs[m];
                    lastEntity = entity;
                }
                eName[e] = lastName;
            }
            // the entry records, in key / entity / alias order
            ByteBuffer records = ByteBuffer.wrap(new byte[entries * ENTRY_BYTES]).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < entries; i++) {
                int q = order[i];
                int at = i * ENTRY_BYTES;
                records.putLong(at + E_ENTITY, eEntity[q]);
                records.putLong(at + E_ALIAS, eAlias[q]);
                records.putInt(at + E_VALUE, eValue[q]);
                records.putInt(at + E_NAME, eName[q]);
                records.putChar(at + E_PROFILE, eType[q]);
                records.put(at + E_FLAGS, eFlags[q]);
            }
            eName = null;
            order = null;
            eEntity = null;
            eAlias = null;
            eValue = null;
            eType = null;
            eFlags = null;

            // 4. type / domain strings
            int[] typeRefs = new int[types.size() * PROFILE_INTS];
            int t = 0;
            for (List<Object> key : types.keySet()) {
                typeRefs[t++] = (Integer) key.get(0);
                typeRefs[t++] = blob.add((String) key.get(1));
                typeRefs[t++] = blob.add((String) key.get(2));
                typeRefs[t++] = blob.add((String) key.get(3));
                typeRefs[t++] = blob.add((String) key.get(4));
            }

            DictionaryStats stats = new DictionaryStats(rowsRead, inactive, nullNorm, filteredType, filteredShort,
                    filteredStopword, entries, keys, names, opts.minAliasLength());
            AliasDictionary d = new AliasDictionary(stats, keys, IntBuffer.wrap(start), records, nameIdBuffer,
                    IntBuffer.wrap(nameRefs), IntBuffer.wrap(typeRefs), blob.toBuffer());
            d.keyChars = keyChars;
            d.keyOffsets = keyOffsets;
            d.keyLengths = keyLengths;
            return d;
        }
    }
}
