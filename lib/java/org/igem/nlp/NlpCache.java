package org.igem.nlp;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.igem.core.IgemException;
import org.igem.core.Hashing;
import org.igem.core.LocalFiles;
import org.igem.core.VerifiedFiles;

/**
 * The on-disk NLP cache: {@code <dir>/metadata.json} plus one binary file {@value #FILE_NAME}
 * holding the dictionary and the automaton as flat little-endian arrays, memory-mapped on load
 * and used in place (nothing is copied to the heap, so a load does not grow with the cache and
 * processes that load one file share its pages; no per-string decoding: strings are decoded when
 * a hit returns them).
 *
 * <p>Binary format, version {@value #FORMAT_VERSION}: a {@value #HEADER_BYTES}-byte header —
 * magic {@code IGEMNLP\u001A}, int32 format version, int32 section count, int64 counts (nodes,
 * keys, entries, names, types, string bytes), int64 build statistics (rows read, inactive, null
 * norm, filtered by type, filtered short, filtered stopword, min alias length), float64 build
 * seconds, then per section an int64 offset and int64 byte length — followed by the sections,
 * each aligned to 64 bytes: node records (int32[4N]: child start, failure link, first output
 * node, label and child count; child blocks depth first, see {@link AhoCorasick}; version 2 had
 * them breadth first with a sentinel record), node keys (int32[N], -1 none), dictionary-suffix links
 * (int32[N]), key lengths (int32[K]), key entry starts (int32[K+1]), entry records (32 bytes per
 * entry: int64 entity id, int64 alias id, int32 value ref, int32 primary-name ref, uint16 profile
 * index (0xFFFF none), uint8 flags (bit 0 primary), 5 bytes zero; version 2 had one array per
 * field and no name ref), name-cache entity ids (int64[M], sorted), name refs
 * (int32[M]), profiles (int32[5T]: entity type id, then string refs of type name, domain, alias
 * type, xref source; version 1 had only the two type refs) and the string pool (varint length +
 * UTF-8 per string; a ref is an offset, -1 null).
 *
 * <p>Loading checks the metadata version, the file size and its sha256 against metadata.json,
 * then the header (magic, version, section bounds) before anything is used: a cache that fails a
 * check is rejected with an {@link IgemException} and nothing of it is returned; a file whose
 * hashes match is then checked structurally ({@link CacheValidator}), since it may be crafted.
 * A file that passed both once is remembered ({@link VerifiedFiles}: path, size, times, inode),
 * so later loads of the unchanged file skip the hash and the structural pass (the header and
 * section bounds are still checked every load).
 * Files that are not regular (a FIFO would block) are refused before they are opened.
 * Both files are written under temporary names and renamed, metadata.json last: a cache without
 * valid metadata is debris of a killed run ({@link #cleanDebris}), never a complete cache.
 */
public final class NlpCache {
    public static final int FORMAT_VERSION = 3;
    public static final String FILE_NAME = "dictionary.bin";
    public static final String METADATA_NAME = "metadata.json";
    /** Infix of the temporary names files are written under ({@code dictionary.bin.tmp-<random>}). */
    public static final String TEMP_MARK = ".tmp-";
    static final int HEADER_BYTES = 512;
    static final int SECTIONS = 10;
    private static final byte[] MAGIC = {'I', 'G', 'E', 'M', 'N', 'L', 'P', 0x1A};
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NlpCache() {
    }

    /** Builds the index from {@code rows} and writes it to {@code dir}. */
    public static NlpBuild build(Iterator<AliasRow> rows, DictionaryOptions options, Path dir) {
        return write(NlpIndex.build(rows, options), dir);
    }

    /** Writes the index (binary file, then metadata.json) to {@code dir}, creating it if needed. */
    public static NlpBuild write(NlpIndex index, Path dir) {
        return write(index, dir, Map.of());
    }

    /**
     * Writes the index to {@code dir} with {@code extra} keys appended to metadata.json (e.g. the
     * snapshot's provenance). Both files are written under temporary names first and renamed
     * after: the binary file, then metadata.json last, so a run killed at any point leaves either
     * the previous cache, or a binary file without matching metadata (debris, see {@link #cleanDebris}).
     */
    public static NlpBuild write(NlpIndex index, Path dir, Map<String, ?> extra) {
        long t0 = System.nanoTime();
        AliasDictionary d = index.dictionary();
        AhoCorasick ac = index.automaton();
        Buffer[] sections = {ac.nodes, ac.key, ac.dict, ac.keyLength, d.keyEntryStart,
                d.entries, d.nameEntityId, d.nameValue, d.typeStrings, d.strings};
        long[] offset = new long[SECTIONS];
        long[] length = new long[SECTIONS];
        long pos = HEADER_BYTES;
        for (int i = 0; i < SECTIONS; i++) {
            pos = align(pos);
            offset[i] = pos;
            length[i] = (long) sections[i].limit() * elementBytes(sections[i]);
            pos += length[i];
        }
        long fileSize = pos;
        DictionaryStats st = d.stats();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(FORMAT_VERSION).putInt(SECTIONS);
        header.putLong(ac.nodeCount).putLong(d.keyCount).putLong(d.entryCount()).putLong(d.nameCacheCount())
                .putLong(d.typeNames.length).putLong(d.strings.limit());
        header.putLong(st.rowsRead()).putLong(st.inactive()).putLong(st.nullNorm()).putLong(st.filteredType())
                .putLong(st.filteredShort()).putLong(st.filteredStopword()).putLong(st.minAliasLength());
        header.putDouble(index.buildSeconds());
        for (int i = 0; i < SECTIONS; i++) {
            header.putLong(offset[i]).putLong(length[i]);
        }
        header.clear();

        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IgemException("cannot create the NLP cache directory " + dir + ": " + e.getMessage(), e);
        }
        Path target = dir.resolve(FILE_NAME);
        Path tmp = dir.resolve(FILE_NAME + TEMP_MARK + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Path meta = dir.resolve(METADATA_NAME);
        Path metaTmp = dir.resolve(METADATA_NAME + TEMP_MARK + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        MessageDigest sha = Hashing.sha256();
        NlpBuild build;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer stage = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
                sha.update(header.array(), 0, HEADER_BYTES);
                writeFully(ch, header);
                long written = HEADER_BYTES;
                for (int i = 0; i < SECTIONS; i++) {
                    if (written < offset[i]) {
                        ByteBuffer pad = ByteBuffer.allocate((int) (offset[i] - written));
                        sha.update(pad.array());
                        writeFully(ch, pad);
                        written = offset[i];
                    }
                    written += writeSection(ch, sections[i], stage, sha);
                }
                if (written != fileSize) {
                    throw new IllegalStateException("wrote " + written + " bytes, expected " + fileSize);
                }
            }
            double seconds = index.buildSeconds() + (System.nanoTime() - t0) / 1e9;
            build = new NlpBuild(dir, FORMAT_VERSION, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                    Math.round(seconds * 1000) / 1000.0, FILE_NAME, fileSize, HexFormat.of().formatHex(sha.digest()),
                    d.entryCount(), d.keyCount, d.nameCacheCount(), st.minAliasLength(), st.filteredShort(),
                    st.filteredStopword());
            Map<String, Object> metadata = new LinkedHashMap<>(build.toMetadata());
            metadata.putAll(extra);
            Files.write(metaTmp, JSON.writeValueAsBytes(metadata), StandardOpenOption.CREATE_NEW);
            // metadata.json is the commit point: renamed last
            LocalFiles.moveReplacing(tmp, target);
            LocalFiles.moveReplacing(metaTmp, meta);
        } catch (IOException e) {
            LocalFiles.deleteQuietly(tmp);
            LocalFiles.deleteQuietly(metaTmp);
            throw new IgemException("cannot write the NLP cache " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LocalFiles.deleteQuietly(tmp);
            LocalFiles.deleteQuietly(metaTmp);
            throw e;
        }
        return build;
    }

    /** The metadata.json of a cache directory, checked for the documented keys (the file itself is not verified). */
    public static NlpBuild readMetadata(Path dir) {
        JsonNode m = metadataJson(dir);
        for (String key : new String[] {"version", "file", "size_bytes", "sha256"}) {
            if (!m.hasNonNull(key)) {
                throw rejected(dir, METADATA_NAME + " has no \"" + key + "\"");
            }
        }
        return new NlpBuild(dir, m.get("version").asInt(-1), m.path("built_at").asText(null), m.path("build_seconds").asDouble(),
                m.get("file").asText(), m.get("size_bytes").asLong(-1), m.get("sha256").asText(),
                m.path("alias_count").asLong(), m.path("norm_count").asLong(), m.path("name_cache_count").asLong(),
                m.path("min_alias_length").asInt(), m.path("filtered_short").asLong(), m.path("filtered_stopword").asLong());
    }

    /**
     * The whole metadata.json object of a cache directory (extra keys included), refused when it is
     * not a regular file (a FIFO would block the read), larger than 1 MiB or not a JSON object.
     */
    public static JsonNode metadataJson(Path dir) {
        Path meta = dir.resolve(METADATA_NAME);
        JsonNode m;
        try {
            if (Files.exists(meta) && !Files.isRegularFile(meta)) {
                throw rejected(dir, METADATA_NAME + " is not a regular file");
            }
            if (Files.exists(meta) && Files.size(meta) > (1 << 20)) {
                throw rejected(dir, METADATA_NAME + " is larger than 1 MiB");
            }
            m = JSON.readTree(Files.readAllBytes(meta));
        } catch (NoSuchFileException e) {
            throw new IgemException("no NLP cache in " + dir + " (" + METADATA_NAME + " is missing); build it with `igem db snapshot-nlp`");
        } catch (IOException e) {
            throw new IgemException("NLP cache rejected: " + meta + " is not valid JSON (" + e.getMessage() + "); rebuild it with `igem db snapshot-nlp`", e);
        }
        if (m == null || !m.isObject()) {
            throw rejected(dir, METADATA_NAME + " is not a JSON object");
        }
        return m;
    }

    /** True when {@code dir} holds a cache whose metadata.json is valid and names a binary file that exists. */
    public static boolean isComplete(Path dir) {
        try {
            return Files.isRegularFile(readMetadata(dir).path());
        } catch (IgemException e) {
            return false;
        }
    }

    /**
     * Removes what a killed or failed write left in {@code dir}: temporary files
     * ({@code dictionary.bin.tmp-*}, {@code metadata.json.tmp-*}) and a binary file without valid
     * metadata (the write renames metadata.json last, so such a file never was a complete cache).
     * Returns the names removed.
     */
    public static List<String> cleanDebris(Path dir) {
        List<String> removed = cleanTemps(dir);
        Path bin = dir.resolve(FILE_NAME);
        if (Files.exists(bin, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !isComplete(dir)) {
            LocalFiles.deleteQuietly(bin);
            removed.add(FILE_NAME);
        }
        return removed;
    }

    /** Removes the temporary files of killed writes ({@code dictionary.bin.tmp-*}, {@code metadata.json.tmp-*}). */
    public static List<String> cleanTemps(Path dir) {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if ((n.startsWith(FILE_NAME + TEMP_MARK) || n.startsWith(METADATA_NAME + TEMP_MARK)) && Files.deleteIfExists(p)) {
                    removed.add(n);
                }
            }
        } catch (IOException e) {
            throw new IgemException("cannot clean the NLP cache directory " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /**
     * Loads a cache written by {@link #write}: rejects (with an {@link IgemException} that says
     * why and how to rebuild) a version this code does not read, a missing or resized file, a
     * sha256 that differs from metadata.json, or a malformed header. Nothing is returned unless
     * every check passed.
     */
    public static NlpIndex load(Path dir) {
        return load(dir, true);
    }

    /** {@link #load} that hashes and checks the file whatever the memo says ({@code db verify}). */
    public static NlpIndex loadChecked(Path dir) {
        return load(dir, false);
    }

    private static NlpIndex load(Path dir, boolean useMemo) {
        NlpBuild meta = readMetadata(dir);
        if (meta.version() != FORMAT_VERSION) {
            throw rejected(dir, "format version " + meta.version() + " in " + METADATA_NAME + ", this igem reads version " + FORMAT_VERSION);
        }
        String name = meta.file();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw rejected(dir, "\"file\" in " + METADATA_NAME + " is not a plain file name: " + name);
        }
        Path file = dir.resolve(name);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO or device would block the open or the hash
            throw rejected(dir, name + " is not a regular file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != meta.sizeBytes()) {
                throw rejected(dir, name + " has " + size + " bytes, " + METADATA_NAME + " says " + meta.sizeBytes());
            }
            // a file that passed every check once (sha256 and structure) is only stat'ed on later loads: path,
            // size, mtime, ctime, inode — any change checks it again; the checker's revision is part of the
            // stamp, so a stricter checker re-checks what an older one passed
            Path memoDir = verifiedDir();
            String stamp = VerifiedFiles.stamp(file) + "structure\t" + CacheValidator.REVISION + "\n";
            boolean known = useMemo && VerifiedFiles.isVerified(memoDir, meta.sha256(), stamp);
            if (!known) {
                String actual = sha256Of(ch, size);
                if (!actual.equalsIgnoreCase(meta.sha256())) {
                    throw rejected(dir, "sha256 mismatch for " + name + " (" + METADATA_NAME + " says " + meta.sha256()
                            + ", the file has " + actual + "): the file is corrupted or was changed");
                }
            }
            NlpIndex index = read(dir, name, ch, size, !known);
            if (!known) {
                VerifiedFiles.remember(memoDir, meta.sha256(), stamp);
            }
            return index;
        } catch (NoSuchFileException e) {
            throw rejected(dir, name + " is missing");
        } catch (IOException e) {
            throw new IgemException("cannot read the NLP cache " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the cache in {@code dir}, or, when there is none or it is rejected, builds the index
     * from {@code rows} and writes a fresh cache (telling {@code warn} why).
     */
    public static NlpIndex loadOrBuild(Path dir, Supplier<Iterator<AliasRow>> rows, DictionaryOptions options,
                                       Consumer<String> warn) {
        try {
            return load(dir);
        } catch (IgemException e) {
            if (warn != null) {
                warn.accept(e.getMessage() + " — rebuilding the NLP dictionary");
            }
        }
        NlpIndex index = NlpIndex.build(rows.get(), options);
        write(index, dir);
        return index;
    }

    private static NlpIndex read(Path dir, String name, FileChannel ch, long size, boolean checkStructure) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        if (size < HEADER_BYTES) {
            throw rejected(dir, name + " is too short for an NLP cache");
        }
        while (h.hasRemaining()) {
            if (ch.read(h, h.position()) < 0) {
                throw rejected(dir, name + " is truncated");
            }
        }
        h.flip();
        byte[] magic = new byte[MAGIC.length];
        h.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw rejected(dir, name + " is not an igem NLP cache (bad magic)");
        }
        int version = h.getInt();
        if (version != FORMAT_VERSION) {
            throw rejected(dir, name + " has format version " + version + ", this igem reads version " + FORMAT_VERSION);
        }
        int sections = h.getInt();
        if (sections != SECTIONS) {
            throw rejected(dir, name + " has " + sections + " sections, expected " + SECTIONS);
        }
        long nodes = h.getLong();
        long keys = h.getLong();
        long entries = h.getLong();
        long names = h.getLong();
        long types = h.getLong();
        long stringBytes = h.getLong();
        DictionaryStats stats = new DictionaryStats(h.getLong(), h.getLong(), h.getLong(), h.getLong(), h.getLong(),
                h.getLong(), entries, keys, names, (int) h.getLong());
        double buildSeconds = h.getDouble();
        long[] expected = {4L * AhoCorasick.STRIDE * nodes, 4 * nodes, 4 * nodes, 4 * keys, 4 * (keys + 1),
                (long) AliasDictionary.ENTRY_BYTES * entries, 8 * names, 4 * names, 4L * AliasDictionary.PROFILE_INTS * types, stringBytes};
        for (long c : new long[] {nodes, keys, entries, names, types, stringBytes}) {
            if (c < 0 || c > Integer.MAX_VALUE - 16) {
                throw rejected(dir, name + " has an impossible count in its header");
            }
        }
        if (nodes < 1) {
            throw rejected(dir, name + " has no automaton root");
        }
        if (entries > AliasDictionary.MAX_ENTRIES || nodes > Integer.MAX_VALUE / (4 * AhoCorasick.STRIDE)) {
            throw rejected(dir, name + " has more entries or nodes than one cache holds");
        }
        ByteBuffer[] map = new ByteBuffer[SECTIONS];
        for (int i = 0; i < SECTIONS; i++) {
            long off = h.getLong();
            long len = h.getLong();
            if (len != expected[i] || off < HEADER_BYTES || off % 8 != 0 || off > size || len > size - off) {
                throw rejected(dir, name + " has a malformed section table (section " + i + ")");
            }
            map[i] = len == 0 ? ByteBuffer.allocate(0) : ch.map(FileChannel.MapMode.READ_ONLY, off, len);
            map[i].order(ByteOrder.LITTLE_ENDIAN);
        }
        // everything stays mapped, the node records too: a heap copy of a large cache cost more than the
        // rest of the load (allocating 525 MB for 20 M aliases took 1.2-2.2 s on a VM), held that much
        // heap in every process, where the mapped pages are shared by all processes that load the file
        IntBuffer records = map[0].asIntBuffer();
        // a matching sha256 proves only that the file is the one metadata.json describes: check the structure too
        if (checkStructure) {
            String bad = CacheValidator.automaton((int) nodes, (int) keys, records, map[1].asIntBuffer(),
                    map[2].asIntBuffer(), map[3].asIntBuffer());
            if (bad == null) {
                bad = CacheValidator.dictionary((int) keys, (int) entries, (int) names, (int) types, map[4].asIntBuffer(),
                        map[5], map[6].asLongBuffer(), map[7].asIntBuffer(), map[8].asIntBuffer(), map[9]);
            }
            if (bad != null) {
                throw rejected(dir, name + " has an invalid structure (" + bad + ")");
            }
        }
        AhoCorasick ac = new AhoCorasick((int) nodes, (int) keys, records, map[1].asIntBuffer(), map[2].asIntBuffer(),
                map[3].asIntBuffer());
        AliasDictionary d = new AliasDictionary(stats, (int) keys, map[4].asIntBuffer(), map[5], map[6].asLongBuffer(),
                map[7].asIntBuffer(), map[8].asIntBuffer(), map[9]);
        return new NlpIndex(d, ac, buildSeconds);
    }

    static Path verifiedDir() {
        return LocalFiles.userCache(System.getenv("XDG_CACHE_HOME"), Path.of(System.getProperty("user.home")), "nlp", "verified");
    }

    private static IgemException rejected(Path dir, String why) {
        return new IgemException("NLP cache in " + dir + " rejected: " + why + "; rebuild it with `igem db snapshot-nlp`");
    }

    private static String sha256Of(FileChannel ch, long size) throws IOException {
        MessageDigest sha = Hashing.sha256();
        ByteBuffer buf = ByteBuffer.allocate(4 * CHUNK);
        long pos = 0;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            sha.update(buf.array(), 0, n);
            pos += n;
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static long writeSection(FileChannel ch, Buffer section, ByteBuffer stage, MessageDigest sha) throws IOException {
        int width = elementBytes(section);
        int total = section.limit();
        int perChunk = CHUNK / width;
        long bytes = 0;
        for (int from = 0; from < total; from += perChunk) {
            int n = Math.min(perChunk, total - from);
            stage.clear();
            if (section instanceof ByteBuffer b) {
                stage.put(b.slice(from, n));
            } else if (section instanceof CharBuffer c) {
                stage.asCharBuffer().put(c.slice(from, n));
            } else if (section instanceof IntBuffer ib) {
                stage.asIntBuffer().put(ib.slice(from, n));
            } else if (section instanceof LongBuffer lb) {
                stage.asLongBuffer().put(lb.slice(from, n));
            } else {
                throw new IllegalStateException("unexpected section buffer " + section.getClass());
            }
            stage.position(0).limit(n * width);
            sha.update(stage.array(), 0, n * width);
            writeFully(ch, stage);
            bytes += (long) n * width;
        }
        return bytes;
    }

    private static int elementBytes(Buffer b) {
        if (b instanceof ByteBuffer) {
            return 1;
        }
        if (b instanceof CharBuffer) {
            return 2;
        }
        if (b instanceof IntBuffer) {
            return 4;
        }
        if (b instanceof LongBuffer) {
            return 8;
        }
        throw new IllegalStateException("unexpected section buffer " + b.getClass());
    }

    private static long align(long pos) {
        return (pos + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }


}
