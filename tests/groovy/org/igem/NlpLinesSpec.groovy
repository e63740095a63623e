package org.igem

import spock.lang.Specification

import java.nio.charset.StandardCharsets

/**
 * The plain-text and JSONL corpus reader splits and decodes lines exactly as
 * {@code BufferedReader.readLine} over a UTF-8 {@code InputStreamReader} does, whatever the
 * terminators, and wherever the input stream cuts its reads (a pipe delivers any chunk size).
 */
class NlpLinesSpec extends Specification {

    /** Delivers at most {@code chunk} bytes per read, as a pipe or socket may. */
    static InputStream chunked(byte[] bytes, int chunk) {
        new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            int read(byte[] b, int off, int len) {
                super.read(b, off, Math.min(len, chunk))
            }
        }
    }

    static List<String> ours(byte[] bytes, int chunk) {
        def r = new org.igem.nlp.Utf8Lines(chunked(bytes, chunk))
        def out = []
        String s
        while ((s = r.readLine()) != null) {
            out << s
        }
        out
    }

    static List<String> reference(byte[] bytes) {
        new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)).readLines()
    }

    def "#what: the same lines as BufferedReader.readLine, at every read size"() {
        given:
        byte[] bytes = input instanceof byte[] ? input : (input as String).getBytes(StandardCharsets.UTF_8)

        expect:
        verifyEach([1, 2, 3, 7, 64, 1 << 16]) { int chunk -> assert ours(bytes, chunk) == reference(bytes) }

        where:
        what                               | input
        'empty input'                      | ''
        'no final terminator'              | 'a\nb'
        'final terminator'                 | 'a\nb\n'
        'CRLF'                             | 'one\r\ntwo\r\n'
        'lone CR'                          | 'one\rtwo\r'
        'CR then LF as two terminators'    | 'a\r\r\nb\n\rc'
        'empty lines'                      | '\n\n\r\n\r\rx'
        'multi-byte characters'            | 'Σ1Σ\nlead(II) acétate ❶\r\n𝔘𝔫𝔦 surrogate pair\n'
        'malformed UTF-8 becomes U+FFFD'   | [0x61, 0xC3, 0x0A, 0xE2, 0x82, 0x62, 0x0D, 0xFF, 0x63] as byte[]
        'a line longer than the buffer'    | ('x' * 70_000) + 'é\r\n' + ('y' * 140_000)
    }

    def "random text with every terminator: the same lines as BufferedReader.readLine (seed #seed)"() {
        given:
        def rnd = new Random(seed)
        def pieces = ['a', 'bc', 'é', '❶', '𝔘', '\n', '\r', '\r\n', ' ', 'Σ']
        def sb = new StringBuilder()
        20_000.times { sb.append(pieces[rnd.nextInt(pieces.size())]) }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8)

        expect:
        verifyEach([1, 5, 13, 4096]) { int chunk -> assert ours(bytes, chunk) == reference(bytes) }

        where:
        seed << [1, 2, 3]
    }
}
