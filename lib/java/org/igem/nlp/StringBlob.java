package org.igem.nlp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.igem.IgemException;

/**
 * The string pool of the dictionary: each string is a varint byte length followed by its UTF-8
 * bytes; a string is referenced by its offset ({@code -1} = null). Decoded lazily, on a hit.
 */
final class StringBlob {
    private byte[] bytes = new byte[1 << 16];
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
        if (need > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, (long) bytes.length * 2)));
        }
        int ref = size;
        int v = len;
        while (v >= 0x80) {
            bytes[size++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
        if (ascii) {
            for (int i = 0; i < n; i++) {
                bytes[size + i] = (byte) s.charAt(i);
            }
        } else {
            System.arraycopy(utf8, 0, bytes, size, len);
        }
        size += len;
        return ref;
    }

    int size() {
        return size;
    }

    ByteBuffer toBuffer() {
        return ByteBuffer.wrap(bytes, 0, size).slice();
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
