package org.igem.nlp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Bench support: synthetic rows and text, heap sampling. Not part of the library. */
final class BenchData {
    static final String[] TYPE_NAMES = {"Genes", "Chemicals", "Diseases", "Proteins", "Pathways", "Phenotypes", "Anatomy", "GO Terms"};
    static final String[] DOMAINS = {"Genomics", "Exposome", "Knowledge", "Genomics", "Knowledge", "Knowledge", "Knowledge", "Knowledge"};
    static final String[] FILLER = ("the of and in to a with was were is for by on patients cells expression levels "
            + "increased decreased associated risk exposure study results showed significant analysis treatment "
            + "response samples tissue human mouse model gene protein pathway activity compared control group "
            + "observed between after during effect effects role function data time high low dose years women men "
            + "children cohort clinical trial association linked reported measured concentration serum plasma "
            + "urine blood liver lung brain cancer tumor inflammation oxidative stress signaling mechanism").split(" ");
    static final long SEED = 42;

    private BenchData() {
    }

    /** Exactly {@code n} alias rows of the synthetic vocabulary (entities 0, 1, 2, ...). */
    static List<AliasRow> rows(int n) {
        List<AliasRow> rows = new ArrayList<>(n);
        long id = 1;
        for (long e = 0; rows.size() < n; e++) {
            int k = (int) (e % TYPE_NAMES.length);
            for (SyntheticVocabulary.Alias a : SyntheticVocabulary.aliasesOf(e, SEED)) {
                if (rows.size() == n) {
                    break;
                }
                rows.add(new AliasRow(id++, e, a.value(), a.norm(), a.primary(), true, TYPE_NAMES[k], DOMAINS[k]));
            }
        }
        return rows;
    }

    /**
     * The same {@code n} rows as {@link #rows}, generated lazily (with alias types, xref sources and
     * type ids), as a database cursor delivers them: the build is measured without the whole input
     * in the heap.
     */
    static java.util.Iterator<AliasRow> stream(long n) {
        return new java.util.Iterator<>() {
            long id = 1;
            long e;
            java.util.Iterator<SyntheticVocabulary.Alias> cur = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                return id <= n;
            }

            @Override
            public AliasRow next() {
                while (!cur.hasNext()) {
                    cur = SyntheticVocabulary.aliasesOf(e++, SEED).iterator();
                }
                SyntheticVocabulary.Alias a = cur.next();
                int k = (int) (a.entityId() % TYPE_NAMES.length);
                return new AliasRow(id++, a.entityId(), a.value(), a.norm(), a.primary(), true, a.typeId(), TYPE_NAMES[k],
                        DOMAINS[k], a.type(), a.xref());
            }
        };
    }

    /** Peak resident set size of this JVM so far (VmHWM), in bytes; -1 where /proc is missing. */
    static long peakRss() {
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException ignored) {
            // not Linux
        }
        return -1;
    }

    /** Entities behind the first {@code n} aliases (about n / 4). */
    static long entitiesFor(int n) {
        long e = 0;
        int count = 0;
        while (count < n) {
            count += SyntheticVocabulary.aliasesOf(e, SEED).size();
            e++;
        }
        return e;
    }

    /**
     * About {@code chars} characters of English-like text: filler words with, every ~10 words,
     * an alias value of one of the first {@code entities} entities (never the shared
     * {@code p10..p99} synonyms, which each name thousands of entities).
     */
    static String text(int chars, long entities, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(chars + 200);
        while (sb.length() < chars) {
            int words = 6 + rnd.nextInt(10);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    sb.append(' ');
                }
                if (rnd.nextInt(10) == 0) {
                    List<SyntheticVocabulary.Alias> as = SyntheticVocabulary.aliasesOf(rnd.nextLong(entities), SEED);
                    String v;
                    do {
                        v = as.get(rnd.nextInt(as.size())).value();
                    } while (v.length() <= 3 && v.startsWith("p"));
                    sb.append(rnd.nextInt(3) == 0 ? "(" + v + ")" : v);
                } else {
                    sb.append(FILLER[rnd.nextInt(FILLER.length)]);
                }
            }
            sb.append(rnd.nextInt(4) == 0 ? ", " : ". ");
        }
        return sb.toString();
    }

    static long usedAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return m.getHeapMemoryUsage().getUsed();
    }

    /** Polls heap use every 2 ms; {@link #peak()} is the highest seen since {@link #start()}. */
    static final class HeapSampler implements AutoCloseable {
        private final MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        private volatile long peak;
        private volatile boolean running = true;
        private final Thread thread;

        HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    long u = m.getHeapMemoryUsage().getUsed();
                    if (u > peak) {
                        peak = u;
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        HeapSampler start() {
            peak = m.getHeapMemoryUsage().getUsed();
            thread.start();
            return this;
        }

        long peak() {
            long u = m.getHeapMemoryUsage().getUsed();
            return Math.max(peak, u);
        }

        @Override
        public void close() {
            running = false;
        }
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String s(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.2f s", seconds);
    }

    static String f(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    /** MB/s of a plain String.indexOf pass over the whole text (an absent needle): the scan baseline. */
    static double indexOfMbPerSecond(String text) {
        double best = 0;
        for (int r = 0; r < 60; r++) { // enough passes for the JIT to settle on the intrinsic
            long t0 = System.nanoTime();
            int found = 0;
            for (int i = text.indexOf("zqxjv"); i >= 0; i = text.indexOf("zqxjv", i + 1)) {
                found++;
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            if (found < 0) {
                throw new AssertionError();
            }
            best = Math.max(best, text.length() / 1e6 / sec);
        }
        return best;
    }
}
