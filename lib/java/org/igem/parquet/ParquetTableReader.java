package org.igem.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetMetricsCallback;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.igem.core.IgemException;

/**
 * Reads a snapshot table file back (parquet-java's {@link ParquetFileReader} over a local file,
 * no Hadoop), one row at a time as plain Java values: null, Integer, Long, Boolean, Double,
 * Float, String, byte[], BigDecimal, LocalDate, LocalDateTime (timestamps; UTC-adjusted ones too,
 * in UTC). Meant for checks and small tables (verify, tests, the snapshot back end), not bulk work.
 */
public final class ParquetTableReader implements AutoCloseable {
    /**
     * {@code ParquetFileReader.open(InputFile, ParquetReadOptions)}, looked up by exact signature:
     * every overload of it that javac would weigh has a Hadoop-typed sibling, and Hadoop is not
     * on the class path (method handles resolve one method without touching the others).
     */
    private static final MethodHandle OPEN;

    static {
        try {
            OPEN = MethodHandles.publicLookup().findStatic(ParquetFileReader.class, "open",
                    MethodType.methodType(ParquetFileReader.class, InputFile.class, ParquetReadOptions.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Constructor<ParquetReadOptions> OPTIONS = optionsConstructor();

    private final Path file;
    private final ParquetFileReader reader;
    private final ParquetCodecs codecs = new ParquetCodecs();

    private ParquetTableReader(Path file) throws IOException {
        this.file = file;
        ParquetReadOptions options = readOptions(codecs);
        try {
            this.reader = (ParquetFileReader) OPEN.invokeExact((InputFile) new LocalInputFile(file), options);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    /**
     * Read options with our codecs and no filters. {@code ParquetReadOptions.Builder} cannot be used
     * without Hadoop (its constructor builds Hadoop's codec factory and record filter), so the
     * options are made with the constructor the builder itself calls; where that constructor
     * changed in another parquet-java version, the builder is the fallback (needs Hadoop).
     */
    private static ParquetReadOptions readOptions(ParquetCodecs codecs) {
        if (OPTIONS != null) {
            try {
                return OPTIONS.newInstance(false, false, false, false, false, false, false, false, false,
                        FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(),
                        8 * 1024 * 1024, new HashMap<String, String>(), null, null, new PlainParquetConfiguration());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make Parquet read options", e);
            }
        }
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(codecs).build();
    }

    private static Constructor<ParquetReadOptions> optionsConstructor() {
        try {
            Constructor<ParquetReadOptions> c = ParquetReadOptions.class.getDeclaredConstructor(boolean.class, boolean.class,
                    boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class,
                    FilterCompat.Filter.class, ParquetMetadataConverter.MetadataFilter.class, CompressionCodecFactory.class,
                    ByteBufferAllocator.class, int.class, Map.class, FileDecryptionProperties.class,
                    ParquetMetricsCallback.class, ParquetConfiguration.class);
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    public static ParquetTableReader open(Path file) {
        if (java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)) {
            // a FIFO or device would block the open
            throw new IgemException("cannot read Parquet file " + file + ": not a regular file");
        }
        try {
            return new ParquetTableReader(file);
        } catch (IOException | RuntimeException e) {
            // parquet-java names the file by its InputFile's toString ("...LocalInputFile@1e7f2e0f"): say "it"
            String why = String.valueOf(e.getMessage()).replaceAll("[\\w.$]*InputFile@[0-9a-f]+", "it");
            throw new IgemException("cannot read Parquet file " + file + ": " + why, e);
        }
    }

    public MessageType schema() {
        return reader.getFooter().getFileMetaData().getSchema();
    }

    /** The whole footer: schema, key-value metadata, row groups and their column chunks (codecs, sizes). */
    public ParquetMetadata footer() {
        return reader.getFooter();
    }

    public FileMetaData fileMetaData() {
        return reader.getFooter().getFileMetaData();
    }

    public Map<String, String> keyValueMetadata() {
        return fileMetaData().getKeyValueMetaData();
    }

    public long rowCount() {
        return reader.getRecordCount();
    }

    public int rowGroupCount() {
        return reader.getRowGroups().size();
    }

    /** Calls {@code action} with every row (values in schema order; the array is fresh per row). */
    public void forEachRow(Consumer<Object[]> action) {
        MessageType schema = schema();
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        try {
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                    action.accept(values(schema, records.read()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Column names in schema order. */
    public List<String> columnNames() {
        return schema().getFields().stream().map(org.apache.parquet.schema.Type::getName).toList();
    }

    /** The first {@code limit} rows, reading no further row groups than needed. */
    public List<Object[]> head(int limit) {
        MessageType schema = schema();
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        List<Object[]> rows = new ArrayList<>();
        try {
            PageReadStore pages;
            while (rows.size() < limit && (pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0, n = pages.getRowCount(); i < n && rows.size() < limit; i++) {
                    rows.add(values(schema, records.read()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
        return rows;
    }

    /**
     * A read failure as one line naming the file: parquet-java and the codecs throw whatever they
     * meet in a damaged file (ParquetDecodingException, ZstdException, NullPointerException, ...).
     */
    private IgemException corrupt(Exception e) {
        if (e instanceof IgemException ie) {
            return ie;
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c != e && c.getMessage() != null && !why.contains(c.getMessage())) {
            why += " (" + c.getClass().getSimpleName() + ": " + c.getMessage() + ")";
        }
        return new IgemException("cannot read Parquet file " + file + " (damaged or not written by igem): "
                + why.replaceAll("[\\w.$]*InputFile@[0-9a-f]+", "it").replaceAll("\\s+", " "), e);
    }

    /**
     * The rows as a lazy iterator that reads one row group at a time, so a large table streams
     * with flat memory (the reader must stay open while iterating).
     */
    public java.util.Iterator<Object[]> rows() {
        MessageType schema = schema();
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        return new java.util.Iterator<>() {
            private RecordReader<Group> records;
            private long left;

            @Override
            public boolean hasNext() {
                while (left == 0) {
                    PageReadStore pages;
                    try {
                        pages = reader.readNextRowGroup();
                        if (pages != null) {
                            records = io.getRecordReader(pages, new GroupRecordConverter(schema));
                        }
                    } catch (IOException | RuntimeException e) {
                        throw corrupt(e);
                    }
                    if (pages == null) {
                        return false;
                    }
                    left = pages.getRowCount();
                }
                return true;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                left--;
                try {
                    return values(schema, records.read());
                } catch (RuntimeException e) {
                    throw corrupt(e);
                }
            }
        };
    }

    /** All rows (small tables). */
    public List<Object[]> readAll() {
        List<Object[]> rows = new ArrayList<>();
        forEachRow(rows::add);
        return rows;
    }

    private static Object[] values(MessageType schema, Group g) {
        int n = schema.getFieldCount();
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
            if (g.getFieldRepetitionCount(i) == 0) {
                continue;
            }
            PrimitiveType t = schema.getType(i).asPrimitiveType();
            LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
            row[i] = switch (t.getPrimitiveTypeName()) {
                case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                        ? LocalDate.ofEpochDay(g.getInteger(i, 0))
                        : logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                        ? BigDecimal.valueOf(g.getInteger(i, 0), d.getScale()) : (Object) g.getInteger(i, 0);
                case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                        ? timestamp(g.getLong(i, 0), ts.getUnit())
                        : logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                        ? BigDecimal.valueOf(g.getLong(i, 0), d.getScale()) : (Object) g.getLong(i, 0);
                case BOOLEAN -> g.getBoolean(i, 0);
                case DOUBLE -> g.getDouble(i, 0);
                case FLOAT -> g.getFloat(i, 0);
                case BINARY -> logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        ? g.getString(i, 0) : g.getBinary(i, 0).getBytes();
                case FIXED_LEN_BYTE_ARRAY -> logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                        ? new BigDecimal(new BigInteger(g.getBinary(i, 0).getBytes()), d.getScale())
                        : g.getBinary(i, 0).getBytes();
                case INT96 -> g.getInt96(i, 0).getBytes();
            };
        }
        return row;
    }

    private static LocalDateTime timestamp(long v, LogicalTypeAnnotation.TimeUnit unit) {
        long perSecond = switch (unit) {
            case MILLIS -> 1_000L;
            case MICROS -> 1_000_000L;
            case NANOS -> 1_000_000_000L;
        };
        long seconds = Math.floorDiv(v, perSecond);
        long frac = Math.floorMod(v, perSecond);
        return LocalDateTime.ofEpochSecond(seconds, (int) (frac * (1_000_000_000L / perSecond)), ZoneOffset.UTC);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only
        } finally {
            codecs.release();
        }
    }
}
