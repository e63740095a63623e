package org.igem.nlp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream, split where {@link java.io.BufferedReader#readLine} splits them
 * ({@code \n}, {@code \r\n} or a lone {@code \r}; no terminator returned; malformed bytes become
 * U+FFFD), each decoded by one {@code new String(bytes, UTF_8)}. A {@code Reader} decodes char by
 * char and then copies the chars into a String: about 3 ms per MB, a sixth of what annotate spends
 * per MB on one thread. Splitting on bytes is safe: {@code \n} and {@code \r} never occur inside a
 * multi-byte UTF-8 sequence.
 */
final class Utf8Lines implements Closeable {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    /** Bytes of the current line already searched for a terminator (not searched again after a refill). */
    private int scanned;
    private boolean eof;
    /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that terminator. */
    private boolean skipLf;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end. */
    String readLine() throws IOException {
        while (true) {
            if (skipLf && start < end) {
                if (buf[start] == '\n') {
                    start++;
                }
                skipLf = false;
                scanned = start;
            }
            for (int i = Math.max(scanned, start); i < end; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    String line = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    scanned = start;
                    skipLf = b == '\r';
                    return line;
                }
            }
            scanned = end;
            if (eof) {
                skipLf = false;
                if (start < end) {
                    String line = new String(buf, start, end - start, StandardCharsets.UTF_8);
                    start = end;
                    return line;
                }
                return null;
            }
            fill();
        }
    }

    /** Moves the unread bytes to the front (growing the buffer for a line longer than it) and reads more. */
    private void fill() throws IOException {
        int kept = end - start;
        if (kept == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        } else if (start > 0) {
            System.arraycopy(buf, start, buf, 0, kept);
        }
        scanned -= start;
        start = 0;
        end = kept;
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
