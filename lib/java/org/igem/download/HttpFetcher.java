package org.igem.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.igem.core.Version;
import org.igem.download.RetryPolicy.Permanent;
import org.igem.download.RetryPolicy.Transient;

/**
 * The one HTTP client of a download, for the manifest and for every file: GET with manual
 * redirects, the idle timeout on connect and on every read, {@code Range} requests, HTTP Basic
 * credentials for the snapshot's own origin only, bodies read with a cap or copied while hashing.
 * Failures come out classified by {@link RetryPolicy} ({@link Transient} or {@link Permanent});
 * every byte received is counted ({@link #fetched()}).
 *
 * <p>It is the JDK's {@link HttpURLConnection} with blocking reads, one connection per worker
 * (kept alive between files). Measured against the JDK {@code HttpClient} on loopback it needs about
 * half the CPU per byte (no selector thread hand-off, one copy less per read), starts without
 * initialising TLS for http:// URLs, and leaves no thread parked in native code, which the JVM
 * would wait 0.3 s for at exit.
 */
final class HttpFetcher {
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)", Pattern.CASE_INSENSITIVE);
    private static final int BUFFER = 1 << 16;
    /** Read size for file bodies: 128-256 KiB needed the least CPU per byte on loopback (64 KiB ~10% more). */
    private static final int STREAM_BUFFER = 256 << 10;

    private final URI base;
    private final Duration idleTimeout;
    private final AtomicLong fetched = new AtomicLong();

    /** {@code base}: the snapshot's URL (its credentials, its origin); {@code idleTimeout}: connect and per-read timeout. */
    HttpFetcher(URI base, Duration idleTimeout) {
        this.base = base;
        this.idleTimeout = idleTimeout;
    }

    /** Bytes received so far, by every request of this fetcher. */
    long fetched() {
        return fetched.get();
    }

    /** A body larger than the cap {@link #getBytes} was given. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** GET {@code url}, expecting 200, and its body, at most {@code cap} bytes. */
    byte[] getBytes(URI url, long cap) throws Transient, Permanent, TooLarge {
        HttpURLConnection c = get(url, -1);
        boolean ok = false;
        try {
            if (status(c, url) != 200) {
                throw failure(c, url);
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (InputStream body = c.getInputStream()) {
                byte[] chunk = new byte[BUFFER];
                int r;
                while ((r = body.read(chunk)) > 0) {
                    buf.write(chunk, 0, r);
                    fetched.addAndGet(r);
                    if (buf.size() > cap) {
                        throw new TooLarge();
                    }
                }
            } catch (IOException io) {
                throw network(io, url, describe(io));
            }
            ok = true;
            return buf.toByteArray();
        } finally {
            if (!ok) {
                c.disconnect();
            }
        }
    }

    /**
     * GET with manual redirects: only to http/https, never from https down to http, at most 5 hops;
     * {@code rangeFrom > 0} asks for the bytes from there on. Returns a connection whose status line
     * and headers have been read.
     */
    HttpURLConnection get(URI url, long rangeFrom) throws Transient, Permanent {
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpURLConnection c;
            try {
                c = (HttpURLConnection) current.toURL().openConnection();
            } catch (MalformedURLException | IllegalArgumentException bad) {
                throw new Permanent("bad URL " + current + ": " + bad.getMessage());
            } catch (IOException io) {
                throw network(io, current, describe(io) + " (" + current + ")");
            }
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
            c.setConnectTimeout(timeout);
            // the idle timeout: how long one read (status line, headers or body) may wait for data
            c.setReadTimeout(timeout);
            String auth = basicAuth(current);
            if (auth != null) {
                c.setRequestProperty("Authorization", auth);
            }
            c.setRequestProperty("User-Agent", "igem-java/" + Version.VERSION);
            c.setRequestProperty("Accept-Encoding", "identity");
            if (rangeFrom > 0) {
                c.setRequestProperty("Range", "bytes=" + rangeFrom + "-");
            }
            int code;
            try {
                code = c.getResponseCode();
            } catch (IOException io) {
                c.disconnect();
                throw network(io, current, describe(io) + " (" + current + ")");
            } catch (IllegalArgumentException iae) {
                c.disconnect();
                throw new Permanent("bad URL " + current + ": " + iae.getMessage());
            }
            if (code < 0) {
                c.disconnect();
                throw new Transient("not a valid HTTP response (" + current + ")", null);
            }
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
                return c;
            }
            String loc = c.getHeaderField("Location");
            c.disconnect();
            if (loc == null) {
                throw new Permanent("HTTP " + code + " redirect without a Location header (" + current + ")");
            }
            if (hop >= MAX_REDIRECTS) {
                throw new Permanent("too many redirects (" + url + ")");
            }
            URI next;
            try {
                next = current.resolve(new URI(loc.trim()));
            } catch (java.net.URISyntaxException | IllegalArgumentException ex) {
                throw new Permanent("HTTP " + code + " redirect to an invalid location: " + loc);
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new Permanent("redirect to a non-HTTP location refused: " + next);
            }
            if (scheme.equals("http") && current.getScheme().equalsIgnoreCase("https")) {
                throw new Permanent("redirect from https to http refused: " + next);
            }
            current = next;
        }
    }

    /** The status of a connection {@link #get} returned. */
    int status(HttpURLConnection c, URI url) throws Transient {
        try {
            return c.getResponseCode();
        } catch (IOException io) {
            throw network(io, uriOf(c, url), describe(io) + " (" + url + ")");
        }
    }

    /** The failure an unexpected status of {@code c} stands for, classified by {@link RetryPolicy#forStatus}. */
    Exception failureFor(HttpURLConnection c, URI url) throws Transient {
        int code = status(c, url);
        return RetryPolicy.forStatus(code, "HTTP " + code + " (" + url + ")", retryAfter(c));
    }

    /** {@link #failureFor}, thrown as what it is. */
    Permanent failure(HttpURLConnection c, URI url) throws Transient {
        Exception f = failureFor(c, url);
        if (f instanceof Transient t) {
            throw t;
        }
        return (Permanent) f;
    }

    /** The body of a 2xx response; failing to open it is network trouble. */
    InputStream openBody(HttpURLConnection c, URI url) throws Transient {
        try {
            return c.getInputStream();
        } catch (IOException io) {
            throw network(io, uriOf(c, url), describe(io) + " (" + url + ")");
        }
    }

    /**
     * Copies {@code body} into {@code os}, hashing the same buffer; returns the bytes received.
     * {@code have} bytes of the {@code expected} are already there. A read that waits longer than
     * the idle timeout abandons the transfer as a transient failure; more bytes than expected are a
     * permanent one; a write error of {@code os} surfaces as the {@link IOException} it is.
     */
    long copy(InputStream body, OutputStream os, MessageDigest md, long have, long expected, URI from)
            throws Transient, Permanent, IOException {
        long got = 0;
        byte[] buf = new byte[STREAM_BUFFER];
        while (true) {
            int r;
            try {
                r = body.read(buf);
            } catch (IOException net) {
                throw network(net, from, "transfer interrupted after " + (have + got) + " of " + expected + " bytes ("
                        + describe(net) + ")");
            }
            if (r < 0) {
                break;
            }
            if (have + got + r > expected) {
                throw new Permanent("size mismatch: server sent more than the " + expected + " bytes the manifest lists");
            }
            os.write(buf, 0, r);
            md.update(buf, 0, r);
            got += r;
            fetched.addAndGet(r);
        }
        return got;
    }

    Transient network(IOException io, URI where, String message) {
        return Transient.network(io, message, where, base);
    }

    static URI uriOf(HttpURLConnection c, URI fallback) {
        try {
            return c.getURL().toURI();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return fallback;
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a != null && b != null && a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * {@code Authorization: Basic} from the userinfo of the base URL, for requests to that same
     * scheme, host and port only (never to a host a redirect leads to).
     */
    private String basicAuth(URI current) {
        String info = base.getUserInfo();
        if (info == null || info.isEmpty()) {
            return null;
        }
        if (!sameOrigin(current, base)) {
            return null;
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration retryAfter(HttpURLConnection c) {
        String v = c.getHeaderField("Retry-After");
        if (v == null) {
            return null;
        }
        try {
            long s = Long.parseLong(v.trim());
            return s >= 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException nfe) {
            return null;
        }
    }

    /** {@code [first, last, total]} of a Content-Range header (total -1 for "*"), or null. */
    static long[] contentRange(HttpURLConnection c) {
        String v = c.getHeaderField("Content-Range");
        if (v == null) {
            return null;
        }
        Matcher m = CONTENT_RANGE.matcher(v.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3))};
        } catch (NumberFormatException nfe) {
            return null;
        }
    }

    /** One line for a network error; a read timeout is the idle timeout and says so. */
    String describe(IOException e) {
        if (e instanceof SocketTimeoutException && !String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
            return "no data for " + (idleTimeout.toMillis() < 1000 ? idleTimeout.toMillis() + " ms" : idleTimeout.toSeconds() + " s");
        }
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + m;
    }
}
