package org.igem.parquet;

import java.util.Arrays;
import java.util.Locale;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.igem.core.IgemException;

/** Page compression of exported Parquet files ({@code --compression}). */
public enum Compression {
    ZSTD(CompressionCodecName.ZSTD),
    SNAPPY(CompressionCodecName.SNAPPY),
    GZIP(CompressionCodecName.GZIP),
    NONE(CompressionCodecName.UNCOMPRESSED);

    private final CompressionCodecName codec;

    Compression(CompressionCodecName codec) {
        this.codec = codec;
    }

    /** The name on the command line and in manifest.json: zstd, snappy, gzip, none. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public CompressionCodecName codec() {
        return codec;
    }

    /** Parses a label (case-insensitive); a usage error (exit 2) names the valid ones otherwise. */
    public static Compression parse(String label) {
        for (Compression c : values()) {
            if (c.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
                return c;
            }
        }
        throw IgemException.usage("unknown compression '" + label + "'; expected one of "
                + String.join(", ", Arrays.stream(values()).map(Compression::label).toList()));
    }

    @Override
    public String toString() {
        return label();
    }
}
