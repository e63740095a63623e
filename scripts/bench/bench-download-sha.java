// Diagnostic for scripts/bench-download: SHA-256 throughput of this JVM (java.security.MessageDigest,
// the digest igem's downloader feeds while streaming) over a file already in the page cache, read in
// 64 KiB buffers like the downloader. Prints "<bytes> <best seconds of 3>".
//
//   java scripts/bench/bench-download-sha.java FILE
// Only JDK APIs, so `javac scripts/bench/*.java` (bench-nlp) also accepts this file.

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

final class BenchDownloadSha {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        byte[] buf = new byte[1 << 16];
        double best = Double.MAX_VALUE;
        long bytes = 0;
        for (int round = 0; round < 3; round++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long t0 = System.nanoTime();
            bytes = 0;
            try (InputStream in = Files.newInputStream(file)) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    md.update(buf, 0, r);
                    bytes += r;
                }
            }
            md.digest();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%d %.3f%n", bytes, best);
    }
}
