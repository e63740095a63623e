package org.igem


import org.igem.core.IgemException;

import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import groovy.sql.Sql
import org.igem.nlp.AliasRow
import org.igem.nlp.DictionaryOptions
import org.igem.nlp.NlpBuild
import org.igem.nlp.NlpCache
import org.igem.nlp.NlpIndex
import org.igem.nlp.SqlAliasSource
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

/** The on-disk cache: round trip, metadata.json, rejection of damaged or foreign caches, the SQL source. */
class NlpCacheSpec extends Specification {
    static final List<String> METADATA_KEYS = ['version', 'built_at', 'build_seconds', 'file', 'size_bytes', 'sha256',
                                               'alias_count', 'norm_count', 'name_cache_count', 'min_alias_length',
                                               'filtered_short', 'filtered_stopword']

    @TempDir Path tmp
    @Shared List<AliasRow> rows = NlpIndexSpec.vocabulary(2_500, 11) + [
            new AliasRow(900001, 900001, 'Zn', 'zn', true, true, 'Chemicals', 'Exposome'),
            new AliasRow(900002, 900002, 'Protein', 'protein', true, true, 'Proteins', 'Genomics'),
            new AliasRow(900003, 900003, 'Tumor Necrosis Factor', 'tumor necrosis factor', true, true, 'Genes', 'Genomics'),
            new AliasRow(900004, 900004, 'Necrosis', 'necrosis', false, true, 'Diseases', 'Knowledge')]
    @Shared NlpIndex fresh = NlpIndex.build(rows.iterator(), DictionaryOptions.defaults())
    @Shared String text = sampleText()

    String sampleText() {
        def rnd = new Random(3)
        def sb = new StringBuilder('Tumor  Necrosis Factor and Zn; ')
        3000.times {
            def r = rows[rnd.nextInt(rows.size())]
            sb.append(rnd.nextBoolean() ? r.aliasValue() : r.aliasValue().toUpperCase()).append([' ', ', ', '; ', ' (x) ', '-', 'x '][rnd.nextInt(6)])
        }
        sb.toString()
    }

    Path cache(String name = 'nlp') {
        def dir = tmp.resolve(name)
        NlpCache.write(fresh, dir)
        dir
    }

    /**
     * A cache whose dictionary.bin {@code craft} changed (a little-endian view of the whole file;
     * section i's offset is the int64 at 128 + 16 i) and whose metadata.json sha256 matches the change.
     */
    Path crafted(String name, Closure craft) {
        def dir = cache(name)
        def file = dir.resolve('dictionary.bin')
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN)
        craft(b)
        Files.write(file, b.array())
        def meta = new JsonSlurper().parse(dir.resolve('metadata.json').toFile())
        meta.sha256 = MessageDigest.getInstance('SHA-256').digest(b.array()).encodeHex().toString()
        Files.writeString(dir.resolve('metadata.json'), JsonOutput.toJson(meta))
        dir
    }

    def "write then load gives identical search and lookup results"() {
        given:
        def dir = cache()

        when:
        def loaded = NlpCache.load(dir)

        then:
        def expected = fresh.search(text)
        expected.size() > 3000
        loaded.search(text) == expected
        verifyEach(rows) { loaded.lookup(it.aliasValue()) == fresh.lookup(it.aliasValue()) }
        loaded.stats() == fresh.stats()
        loaded.nodeCount() == fresh.nodeCount()
        verifyEach(0L..2_600L) { loaded.primaryName(it) == fresh.primaryName(it) }

        and: 'a loaded cache can be written again, byte for byte the same'
        def again = NlpCache.write(loaded, tmp.resolve('again'))
        again.sha256() == NlpCache.readMetadata(dir).sha256()
    }

    def "metadata.json has the documented keys and describes the file"() {
        given:
        def dir = tmp.resolve('nlp')

        when:
        NlpBuild b = NlpCache.write(fresh, dir)
        def meta = new JsonSlurper().parse(dir.resolve('metadata.json').toFile())
        def file = dir.resolve(meta.file as String)

        then:
        meta.keySet() as List == METADATA_KEYS
        meta.version == NlpCache.FORMAT_VERSION
        meta.file == 'dictionary.bin'
        meta.size_bytes == Files.size(file)
        meta.sha256 == MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(file)).encodeHex().toString()
        meta.alias_count == fresh.aliasCount()
        meta.norm_count == fresh.normCount()
        meta.name_cache_count == fresh.nameCacheCount()
        meta.min_alias_length == 3
        meta.filtered_short == 1
        meta.filtered_stopword == 1
        meta.built_at ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/
        meta.build_seconds instanceof Number
        b.toMetadata() == meta

        and: 'no temporary file is left behind'
        Files.list(dir).withCloseable { it.collect { it.fileName.toString() }.sort() } == ['dictionary.bin', 'metadata.json']
    }

    def "a flipped byte is caught by the sha256 check and nothing is loaded"() {
        given:
        def dir = cache()
        def file = dir.resolve('dictionary.bin')
        byte[] bytes = Files.readAllBytes(file)
        bytes[offset(bytes.length)] ^= 0x01
        Files.write(file, bytes)

        when:
        NlpIndex loaded = NlpCache.load(dir)

        then:
        def e = thrown(IgemException)
        loaded == null
        e.message.contains('rejected')
        e.message.contains('sha256 mismatch')
        e.message.contains('igem db snapshot-nlp')

        where:
        offset << [{ n -> 20 }, { n -> n.intdiv(2) }, { n -> n - 1 }]
    }

    def "a cache verified once is remembered, and a byte changed in place afterwards is still caught (#how)"() {
        given: 'a first load hashes the file and leaves a memo'
        def dir = cache("memo-${how.replace(' ', '-')}")
        NlpCache.load(dir)
        String sha = new JsonSlurper().parse(dir.resolve('metadata.json').toFile()).sha256
        def memo = NlpCache.verifiedDir().resolve(sha.toLowerCase())

        expect:
        Files.isRegularFile(memo)
        NlpCache.load(dir) != null

        when: 'the same file (same inode, same size) gets one byte flipped'
        def file = dir.resolve('dictionary.bin')
        def mtime = Files.getLastModifiedTime(file)
        Thread.sleep(20)
        new RandomAccessFile(file.toFile(), 'rw').withCloseable { raf ->
            raf.seek(raf.length().intdiv(2))
            int b = raf.read()
            raf.seek(raf.length().intdiv(2))
            raf.write(b ^ 0x01)
        }
        if (restoreMtime) {
            Files.setLastModifiedTime(file, mtime)
        }
        NlpCache.load(dir)

        then:
        def e = thrown(IgemException)
        e.message.contains('sha256 mismatch')

        where:
        how                | restoreMtime
        'new mtime'        | false
        'mtime set back'   | true
    }

    def "a memo that does not vouch for the structure (#whose) does not skip the structural check, and a rejected file is never remembered"() {
        given: 'a cache whose sha256 matches but whose first failure link loops on itself'
        def dir = crafted("crafted-${whose.replace(' ', '-')}") { ByteBuffer b -> b.putInt((int) (b.getLong(128) + 16 + 4), 1) }
        def file = dir.resolve('dictionary.bin')
        def meta = new JsonSlurper().parse(dir.resolve('metadata.json').toFile())
        def memo = NlpCache.verifiedDir().resolve(meta.sha256)
        Files.createDirectories(memo.parent)
        if (stamp != null) {
            Files.writeString(memo, stamp(file))
        }

        when:
        NlpCache.load(dir)

        then:
        def e = thrown(IgemException)
        verifyAll {
            e.message.contains('invalid structure')
            e.message.contains('failure link of node 1')
            stamp != null || !Files.exists(memo)
        }

        where:
        whose                                  | stamp
        'none'                                 | null
        'a hash-only memo, as queries write'   | { Path f -> org.igem.core.VerifiedFiles.stamp(f) }
        'a memo of another checker revision'   | { Path f -> org.igem.core.VerifiedFiles.stamp(f) + 'structure\t0\n' }
    }

    def "a crafted cache whose child blocks do not form a tree (#what) is rejected, not walked"() {
        given: 'a cache with one node record changed and its sha256 updated to match'
        // record n is four int32 at records + 16 n: child start, failure link, first output, label | (children - 1) << 16
        def dir = crafted("tree-${what.replace(' ', '-')}") { ByteBuffer b -> craft(b, (int) b.getLong(128)) }

        when:
        NlpCache.load(dir)

        then:
        def e = thrown(IgemException)
        verifyAll {
            e.message.contains('invalid structure')
            e.message.contains(problem)
        }

        where:
        what                               | craft                                                              || problem
        'a block at its own parent (loop)' | { ByteBuffer f, int r -> f.putInt(r + 16, 1) }                     || 'child block of node 1 out of range or before its parent'
        'a block past the last node'       | { ByteBuffer f, int r -> f.putInt(r + 16, Integer.MAX_VALUE - 8) } || 'child block of node 1 out of range'
        'a node in two blocks'             | { ByteBuffer f, int r -> f.putInt(r + 16, 2) }                     || 'node 2 is in two child blocks'
        'sibling labels out of order'      | { ByteBuffer f, int r -> f.putShort(r + 32 + 12, f.getShort(r + 16 + 12)) } || 'labels of the children of node 0 not strictly increasing'
        'a leaf with a child count'        | { ByteBuffer f, int r -> leafWithCount(f, r) }                     || 'has a child count'
    }

    def "a crafted entry record whose #field points outside the string pool is rejected"() {
        given: 'entry 0 changed (records: section 5, 32 bytes each) and the sha256 updated to match'
        def dir = crafted("entry-${field.replace(' ', '-')}") { ByteBuffer b ->
            b.putInt((int) b.getLong(128 + 16 * 5) + offset, Integer.MAX_VALUE - 1)
        }

        when:
        NlpCache.load(dir)

        then:
        def e = thrown(IgemException)
        e.message.contains("${problem}: string reference ${Integer.MAX_VALUE - 1} out of range")

        where:
        field          | offset || problem
        'alias value'  | 16     || 'alias of entry 0'
        'primary name' | 20     || 'primary name of entry 0'
    }

    /** Gives the first leaf record a child count (its child start stays 0). */
    static void leafWithCount(ByteBuffer b, int records) {
        int n = 0
        while (b.getInt(records + 16 * n) != 0) {
            n++
        }
        b.putInt(records + 16 * n + 12, b.getInt(records + 16 * n + 12) | (3 << 16))
    }

    def "a cache of another format version is rejected"() {
        given:
        def dir = cache()
        def meta = new JsonSlurper().parse(dir.resolve('metadata.json').toFile())
        meta.version = 1 // the format before the resolver fields
        Files.writeString(dir.resolve('metadata.json'), JsonOutput.toJson(meta))

        when:
        NlpCache.load(dir)

        then:
        def e = thrown(IgemException)
        e.message.contains('format version 1')
        e.message.contains("reads version ${NlpCache.FORMAT_VERSION}")
    }

    def "a file header of another version is rejected even with a matching sha256"() {
        given:
        def dir = crafted('nlp') { ByteBuffer b -> b.putInt(8, 7) }

        when:
        NlpCache.load(dir)

        then:
        def e = thrown(IgemException)
        e.message.contains('format version 7')
    }

    def "other damage is rejected with a clear message: #why"() {
        given:
        def dir = cache()
        damage(dir)

        when:
        NlpCache.load(dir)

        then:
        def e = thrown(IgemException)
        e.message.contains(message)

        where:
        why                   | damage                                                                                   || message
        'truncated file'      | { Path d -> def f = d.resolve('dictionary.bin'); Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 1000)) } || 'has 1000 bytes'
        'missing file'        | { Path d -> Files.delete(d.resolve('dictionary.bin')) }                                  || 'dictionary.bin is missing'
        'missing metadata'    | { Path d -> Files.delete(d.resolve('metadata.json')) }                                   || 'metadata.json is missing'
        'metadata not JSON'   | { Path d -> Files.writeString(d.resolve('metadata.json'), '{oops') }                                  || 'not valid JSON'
        'metadata without sha' | { Path d -> Files.writeString(d.resolve('metadata.json'), '{"version": 1, "file": "dictionary.bin", "size_bytes": 1}') } || 'has no "sha256"'
        'file outside the dir' | { Path d -> def m = new JsonSlurper().parse(d.resolve('metadata.json').toFile()); m.file = '../x.bin'; Files.writeString(d.resolve('metadata.json'), JsonOutput.toJson(m)) } || 'not a plain file name'
    }

    def "loadOrBuild rebuilds a rejected cache and says why"() {
        given:
        def dir = cache()
        def file = dir.resolve('dictionary.bin')
        byte[] bytes = Files.readAllBytes(file)
        bytes[1000] ^= 0x40
        Files.write(file, bytes)
        def warnings = []

        when:
        def index = NlpCache.loadOrBuild(dir, { rows.iterator() }, DictionaryOptions.defaults(), { warnings << it })

        then:
        warnings.size() == 1
        warnings[0].contains('sha256 mismatch')
        warnings[0].contains('rebuilding')
        index.search(text) == fresh.search(text)

        and: 'the rewritten cache loads'
        NlpCache.load(dir).search(text) == fresh.search(text)
        NlpCache.loadOrBuild(dir, { throw new AssertionError('no rebuild expected') }, null, { warnings << it }) != null
        warnings.size() == 1
    }

    def "NlpCache.build writes what NlpIndex.build builds"() {
        when:
        def b = NlpCache.build(rows.iterator(), DictionaryOptions.defaults(), tmp.resolve('built'))

        then:
        b.aliasCount() == fresh.aliasCount()
        b.path() == tmp.resolve('built').resolve('dictionary.bin')
        NlpCache.load(tmp.resolve('built')).search(text) == fresh.search(text)
    }

    def "SqlAliasSource streams entity_aliases inner-joined to entity_types (no type or a dangling one: not loaded)"() {
        given:
        def db = tmp.resolve('aliases.db')
        def sql = Sql.newInstance("jdbc:sqlite:${db}")
        sql.execute('CREATE TABLE entity_types (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, domain VARCHAR(9) NOT NULL)')
        sql.execute('''CREATE TABLE entity_aliases (id INTEGER PRIMARY KEY, entity_id BIGINT NOT NULL, type_id INTEGER,
                       alias_value VARCHAR(1000) NOT NULL, alias_norm VARCHAR(1000), is_primary BOOLEAN, is_active BOOLEAN,
                       alias_type VARCHAR(16) NOT NULL DEFAULT 'synonym', xref_source VARCHAR(32))''')
        sql.execute("INSERT INTO entity_types VALUES (2, 'Genes', 'Genomics'), (9, 'Chemicals', 'Exposome')")
        sql.execute('''INSERT INTO entity_aliases (id, entity_id, type_id, alias_value, alias_norm, is_primary, is_active) VALUES
                       (8, 16, 99, 'dangling type', 'dangling type', 1, 1),
                       (1, 10, 2, 'IL-6', 'il 6', 1, 1),
                       (2, 10, 2, 'Interleukin-6', 'interleukin 6', 0, 1),
                       (3, 11, 9, 'Zn', 'zn', 1, 1),
                       (4, 12, NULL, 'no type', 'no type', NULL, 1),
                       (5, 13, 9, 'inactive', 'inactive', 1, 0),
                       (6, 14, 9, 'null active', 'null active', 1, NULL),
                       (7, 15, 9, 'no norm', NULL, 1, 1)''')
        def c = sql.connection

        when:
        NlpIndex index
        def source = SqlAliasSource.open(c)
        try {
            index = NlpIndex.build(source, DictionaryOptions.defaults())
        } finally {
            source.close()
        }

        then:
        index.stats().rowsRead() == 6 // the NULL and the dangling type_id are not joined
        index.stats().inactive() == 2
        index.stats().nullNorm() == 1
        index.stats().filteredShort() == 1
        index.aliasCount() == 2
        index.nameCacheCount() == 2
        index.lookup('IL-6')[0].entityType() == 'Genes'
        index.lookup('IL-6')[0].domain() == 'Genomics'
        index.lookup('IL-6')[0].entityTypeId() == 2
        index.lookup('IL-6')[0].aliasType() == 'synonym'
        index.lookup('IL-6')[0].xrefSource() == null
        index.lookup('IL-6')[0].primary()
        index.lookup('no type').isEmpty()
        index.lookup('dangling type').isEmpty()
        index.primaryName(16) == null
        index.primaryName(11) == 'Zn'
        c.autoCommit

        cleanup:
        sql?.close()
    }
}
