package org.igem.parquet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression for Parquet files without Hadoop. parquet-java's own {@code CodecFactory} goes
 * through Hadoop's {@code CompressionCodec} classes; this factory calls the codec libraries
 * directly and produces the formats the Parquet spec names: raw Snappy blocks, gzip streams
 * (java.util.zip) and zstd frames (zstd-jni, level 3 like parquet-java's default).
 * Used by the exporter to write and by readers (tests, verify) to read back.
 *
 * <p>Snappy and zstd compress from and into buffers this factory reuses (as parquet-java's own
 * compressors do): a compressed page is only valid until the next {@code compress} call of the
 * factory, which is enough because the page writer copies it right away. This saves allocating and
 * zeroing two page-sized arrays per page.
 */
public final class ParquetCodecs implements CompressionCodecFactory {
    /** zstd level; 3 is zstd's and parquet-java's default. */
    public static final int ZSTD_LEVEL = 3;

    private ZstdCompressCtx zstd;
    /** The page being compressed, and the compressed page (see the class comment). */
    private final Exact pageIn = new Exact(0);
    private byte[] pageOut = new byte[0];

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) {
                    return bytes;
                }
            };
            case SNAPPY -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return snappy(bytes);
                }
            };
            case GZIP -> new Compressor(codec) {
                private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    buffer.reset();
                    try (GZIPOutputStream gz = new GZIPOutputStream(buffer, 1 << 16)) {
                        bytes.writeAllTo(gz);
                    }
                    return BytesInput.from(buffer.toByteArray());
                }
            };
            case ZSTD -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return zstd(bytes);
                }
            };
            default -> throw new UnsupportedOperationException("compression " + codec + " is not supported");
        };
    }

    private synchronized BytesInput snappy(BytesInput page) throws IOException {
        int n = materialize(page);
        byte[] out = pageOut(Snappy.maxCompressedLength(n));
        return BytesInput.from(out, 0, Snappy.compress(pageIn.buffer(), 0, n, out, 0));
    }

    private synchronized BytesInput zstd(BytesInput page) throws IOException {
        int n = materialize(page);
        byte[] out = pageOut(Math.toIntExact(Zstd.compressBound(n)));
        int size = zstd().compressByteArray(out, 0, out.length, pageIn.buffer(), 0, n);
        return BytesInput.from(out, 0, size);
    }

    /** Copies the page into {@link #pageIn}; returns its size. */
    private int materialize(BytesInput page) throws IOException {
        if (page.size() > Integer.MAX_VALUE - 16) {
            throw new IOException("page of " + page.size() + " bytes is too large");
        }
        pageIn.reset();
        page.writeAllTo(pageIn);
        return pageIn.size();
    }

    private byte[] pageOut(int capacity) {
        if (pageOut.length < capacity) {
            pageOut = new byte[capacity];
        }
        return pageOut;
    }

    private synchronized ZstdCompressCtx zstd() {
        if (zstd == null) {
            zstd = new ZstdCompressCtx();
            zstd.setLevel(ZSTD_LEVEL);
        }
        return zstd;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Decompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int size) {
                    return bytes;
                }
            };
            case SNAPPY -> new Decompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int size) throws IOException {
                    return BytesInput.from(Snappy.uncompress(bytes(bytes)));
                }
            };
            case GZIP -> new Decompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int size) throws IOException {
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes(bytes)))) {
                        return BytesInput.from(in.readNBytes(size));
                    }
                }
            };
            case ZSTD -> new Decompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int size) throws IOException {
                    return BytesInput.from(Zstd.decompress(bytes(bytes), size));
                }
            };
            default -> throw new UnsupportedOperationException("compression " + codec + " is not supported");
        };
    }

    @Override
    public synchronized void release() {
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
    }

    /** The bytes of a page, materialised (BytesInput.toByteArray() is deprecated). */
    static byte[] bytes(BytesInput in) throws IOException {
        long size = in.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("page of " + size + " bytes is too large");
        }
        Exact out = new Exact((int) size);
        in.writeAllTo(out);
        return out.exact();
    }

    /** A byte buffer that hands over its array without a copy when it is exactly full. */
    private static final class Exact extends ByteArrayOutputStream {
        Exact(int size) {
            super(Math.max(size, 1));
        }

        byte[] exact() {
            return count == buf.length ? buf : java.util.Arrays.copyOf(buf, count);
        }

        /** The backing array (valid bytes: the first {@link #size()}). */
        byte[] buffer() {
            return buf;
        }
    }

    private abstract static class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    private abstract static class Decompressor implements BytesInputDecompressor {
        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            ByteBuffer slice = input.slice();
            slice.limit(compressedSize);
            byte[] in = new byte[compressedSize];
            slice.get(in);
            input.position(input.position() + compressedSize);
            byte[] out = bytes(decompress(BytesInput.from(in), decompressedSize));
            if (out.length != decompressedSize) {
                throw new IOException("decompressed " + out.length + " bytes, expected " + decompressedSize);
            }
            output.put(out);
        }

        @Override
        public void release() {
        }
    }
}
