package org.igem.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A local file for the Parquet writer (no Hadoop FileSystem) that hashes what it writes: the
 * SHA-256 and size of the finished file come for free, without reading it back. Closing the
 * stream forces the bytes to disk, so a rename after close publishes a complete file.
 */
public final class HashingOutputFile implements OutputFile {
    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final MessageDigest digest;
    private long size = -1;
    private String sha256;
    private Stream stream;

    public HashingOutputFile(Path path) {
        this.path = path;
        this.digest = org.igem.core.Hashing.sha256();
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(StandardOpenOption... extra) throws IOException {
        java.nio.file.OpenOption[] opts = new java.nio.file.OpenOption[extra.length + 2];
        opts[0] = StandardOpenOption.WRITE;
        // never write through a link planted where the temporary file goes
        opts[1] = java.nio.file.LinkOption.NOFOLLOW_LINKS;
        System.arraycopy(extra, 0, opts, 2, extra.length);
        stream = new Stream(FileChannel.open(path, opts));
        return stream;
    }

    /** Closes the file without finishing it (after a failure); the caller deletes it. */
    public void discard() {
        if (stream != null && !stream.closed) {
            stream.closed = true;
            try {
                stream.channel.close();
            } catch (IOException ignored) {
                // deleting the file follows
            }
        }
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }

    /** Bytes written; valid after the stream is closed. */
    public long size() {
        return size;
    }

    /** Lowercase hex SHA-256 of the file; valid after the stream is closed. */
    public String sha256() {
        return sha256;
    }

    private final class Stream extends PositionOutputStream {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        private long pos;
        private boolean closed;

        Stream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (!buffer.hasRemaining()) {
                    drain();
                }
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
                pos += n;
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            digest.update(buffer.array(), 0, buffer.limit());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                drain();
                channel.force(true);
            } finally {
                channel.close();
            }
            size = pos;
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
    }
}
