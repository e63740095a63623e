package org.igem.nlp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.igem.core.IgemException;

/**
 * The string pool of the dictionary: each string is a varint byte length followed by its UTF-8
 * bytes; a string is referenced by its offset ({@code -1} = null). Decoded lazily, on a hit.
 */
final class StringBlob {
    // Chunks, not one doubling array: growing a 500 MB array by copying holds old + new at once (the
    // build's biggest transient at 20 M aliases); toBuffer() copies the chunks into one exact array,
    // releasing each chunk as it goes.
    private static final int CHUNK_BITS = 24;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private byte[][] chunks = new byte[16][];
    private int size;

    int add(String s) {
        if (s == null) {
            return -1;
        }
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        byte[] utf8 = ascii ? null : s.getBytes(StandardCharsets.UTF_8);
        int len = ascii ? n : utf8.length;
        long need = (long) size + len + 5;
        if (need > Integer.MAX_VALUE - 16) {
            throw new IgemException("NLP dictionary strings exceed 2 GB; filter the dictionary (entity types / domains)");
        }
        int ref = size;
        int v = len;
        while (v >= 0x80) {
            put((byte) (v | 0x80));
            v >>>= 7;
        }
        put((byte) v);
        int c = size >>> CHUNK_BITS;
        int o = size & (CHUNK - 1);
        if (o + len <= CHUNK) {
            byte[] chunk = chunk(c);
            if (ascii) {
                for (int i = 0; i < n; i++) {
                    chunk[o + i] = (byte) s.charAt(i);
                }
            } else {
                System.arraycopy(utf8, 0, chunk, o, len);
            }
            size += len;
        } else {
            byte[] b = ascii ? s.getBytes(StandardCharsets.ISO_8859_1) : utf8;
            for (byte x : b) {
                put(x);
            }
        }
        return ref;
    }

    private void put(byte b) {
        chunk(size >>> CHUNK_BITS)[size & (CHUNK - 1)] = b;
        size++;
    }

    private byte[] chunk(int c) {
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        byte[] b = chunks[c];
        if (b == null) {
            b = new byte[CHUNK];
            chunks[c] = b;
        }
        return b;
    }

    int size() {
        return size;
    }

    /** The pool as one exact buffer; the blob is empty afterwards. */
    ByteBuffer toBuffer() {
        byte[] all = new byte[size];
        for (int c = 0, p = 0; p < size; c++, p += CHUNK) {
            System.arraycopy(chunks[c], 0, all, p, Math.min(CHUNK, size - p));
            chunks[c] = null;
        }
        size = 0;
        return ByteBuffer.wrap(all);
    }

    static String read(ByteBuffer blob, int ref) {
        if (ref < 0) {
            return null;
        }
        int p = ref;
        int len = 0;
        int shift = 0;
        while (true) {
            int b = blob.get(p++);
            len |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        if (blob.hasArray()) {
            return new String(blob.array(), blob.arrayOffset() + p, len, StandardCharsets.UTF_8);
        }
        byte[] b = new byte[len];
        blob.get(p, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }
}
