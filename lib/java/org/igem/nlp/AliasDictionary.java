package org.igem.nlp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.igem.IgemException;

/**
 * The alias dictionary of the NLP resolver: active aliases with a norm, grouped by norm (several
 * entries per norm), with the entity → primary-name cache. Built from rows of
 * {@code entity_aliases ⋈ entity_types} ({@link #build}); stored as flat arrays (no object per
 * alias) so it serialises and memory-maps as is ({@link NlpCache}).
 *
 * <p>Keys are the unique kept norms in {@code String} natural order; key {@code k} owns the
 * entries {@code keyEntryStart[k] .. keyEntryStart[k+1]}, ordered by entity id, then alias id.
 * Strings (alias values, primary names, type names, domains) live in one UTF-8 pool and are
 * decoded only when an entry is returned.
 */
public final class AliasDictionary {
    static final int NO_TYPE = 0xFFFF;
    static final int PROFILE_INTS = 5;
    static final byte FLAG_PRIMARY = 1;

    final DictionaryStats stats;
    final int keyCount;
    final IntBuffer keyEntryStart;
    final LongBuffer entryAliasId;
    final LongBuffer entryEntityId;
    final IntBuffer entryValue;
    final CharBuffer entryType;
    final ByteBuffer entryFlags;
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

    /** Sorted key characters: present after {@link #build}, dropped once the automaton is built. */
    char[] keyChars;
    int[] keyOffsets;

    AliasDictionary(DictionaryStats stats, int keyCount, IntBuffer keyEntryStart, LongBuffer entryAliasId,
                    LongBuffer entryEntityId, IntBuffer entryValue, CharBuffer entryType, ByteBuffer entryFlags,
                    LongBuffer nameEntityId, IntBuffer nameValue, IntBuffer typeStrings, ByteBuffer strings) {
        this.stats = stats;
        this.keyCount = keyCount;
        this.keyEntryStart = keyEntryStart;
        this.entryAliasId = entryAliasId;
        this.entryEntityId = entryEntityId;
        this.entryValue = entryValue;
        this.entryType = entryType;
        this.entryFlags = entryFlags;
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
        return entryAliasId.limit();
    }

    public int nameCacheCount() {
        return nameEntityId.limit();
    }

    /** The display name of an entity (its primary alias value), or null. */
    public String primaryName(long entityId) {
        int lo = 0;
        int hi = nameEntityId.limit() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = nameEntityId.get(mid);
            if (v < entityId) {
                lo = mid + 1;
            } else if (v > entityId) {
                hi = mid - 1;
            } else {
                return StringBlob.read(strings, nameValue.get(mid));
            }
        }
        return null;
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
        long entityId = entryEntityId.get(e);
        int t = entryType.get(e);
        return new Entry(entryAliasId.get(e), entityId, StringBlob.read(strings, entryValue.get(e)), norm,
                (entryFlags.get(e) & FLAG_PRIMARY) != 0, primaryName(entityId),
                t == NO_TYPE ? null : typeNames[t], t == NO_TYPE ? null : typeDomains[t], t == NO_TYPE ? -1 : typeIds[t],
                t == NO_TYPE ? null : aliasTypes[t], t == NO_TYPE ? null : xrefSources[t]);
    }

    long entityIdOf(int e) {
        return entryEntityId.get(e);
    }

    long aliasIdOf(int e) {
        return entryAliasId.get(e);
    }

    /** Profile (type + alias kind) index of entry {@code e}, {@link #NO_TYPE} for none. */
    int profileOf(int e) {
        return entryType.get(e);
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
        private final HashMap<String, Integer> normIds = new HashMap<>(1 << 16);
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
            int fresh = normIds.size();
            Integer known = normIds.putIfAbsent(norm, fresh);
            int id = known == null ? fresh : known;
            if (entries == eNorm.length) {
                if (entries == Integer.MAX_VALUE - 16) {
                    throw new IgemException("too many aliases for one NLP dictionary (" + entries + ")");
                }
                int n = (int) Math.min(Integer.MAX_VALUE - 16, entries * 2L);
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
            // 1. unique norms in String order; rank[provisional id] = sorted position
            int keys = normIds.size();
            String[] sorted = new String[keys];
            for (Map.Entry<String, Integer> e : normIds.entrySet()) {
                sorted[e.getValue()] = e.getKey();
            }
            String[] byId = sorted.clone();
            Arrays.parallelSort(sorted);
            int[] rank = new int[keys];
            HashMap<String, Integer> ids = normIds;
            long chars = 0;
            for (int r = 0; r < keys; r++) {
                rank[ids.get(sorted[r])] = r;
                chars += sorted[r].length();
            }
            normIds.clear();
            byId = null;
            if (chars > Integer.MAX_VALUE - 16) {
                throw new IgemException("NLP dictionary norms exceed 2^31 characters; filter the dictionary");
            }
            char[] keyChars = new char[(int) chars];
            int[] keyOffsets = new int[keys + 1];
            int p = 0;
            for (int r = 0; r < keys; r++) {
                keyOffsets[r] = p;
                String s = sorted[r];
                s.getChars(0, s.length(), keyChars, p);
                p += s.length();
                sorted[r] = null;
            }
            keyOffsets[keys] = p;
            sorted = null;

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
            long[] aliasIds = new long[entries];
            long[] entityIds = new long[entries];
            int[] values = new int[entries];
            char[] typeIdx = new char[entries];
            byte[] flags = new byte[entries];
            for (int i = 0; i < entries; i++) {
                int e = order[i];
                aliasIds[i] = eAlias[e];
                entityIds[i] = eEntity[e];
                values[i] = eValue[e];
                typeIdx[i] = eType[e];
                flags[i] = eFlags[e];
            }
            order = null;

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
            AliasDictionary d = new AliasDictionary(stats, keys, IntBuffer.wrap(start), LongBuffer.wrap(aliasIds),
                    LongBuffer.wrap(entityIds), IntBuffer.wrap(values), CharBuffer.wrap(typeIdx), ByteBuffer.wrap(flags),
                    LongBuffer.wrap(Arrays.copyOf(nameIds, names)), IntBuffer.wrap(Arrays.copyOf(nameRefs, names)),
                    IntBuffer.wrap(typeRefs), blob.toBuffer());
            d.keyChars = keyChars;
            d.keyOffsets = keyOffsets;
            return d;
        }
    }
}
