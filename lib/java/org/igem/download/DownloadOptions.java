package org.igem.download;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.igem.core.IgemException;
import org.igem.core.TerminalText;

/**
 * What {@code igem db snapshot-download} does: fetch the snapshot served at {@code url} into
 * {@code output}. Built with {@link #of(String, Path)} and the {@code with…} methods; every check
 * that needs no network or disk (URL scheme, worker count, retries) happens here, as a usage error.
 *
 * @param url         base URL serving {@code manifest.json} (a trailing {@code /} is added when missing)
 * @param output      local snapshot directory (created if missing; its parent must exist)
 * @param workers     concurrent file downloads (> 0)
 * @param includeNlp  also fetch the NLP cache file when the manifest has one
 * @param overwrite   re-download files that are already present with the right hash
 * @param maxAttempts attempts per file (and for the manifest) on transient failures (>= 1)
 * @param backoff     wait before the second attempt; doubled for every further attempt
 * @param idleTimeout how long a connect or one read (status line, headers, body) may wait for the server; a
 *                    transfer that receives no data for this long is abandoned (a transient failure, so retried)
 */
public record DownloadOptions(URI url, Path output, int workers, boolean includeNlp, boolean overwrite, int maxAttempts,
                              Duration backoff, Duration idleTimeout) {

    public static final String DEFAULT_URL = "https://geneexposure.org/downloads/latest/";
    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_ATTEMPTS = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public DownloadOptions {
        if (url == null) {
            throw IgemException.usage("a snapshot URL is required");
        }
        url = normaliseUrl(url);
        if (output == null) {
            throw IgemException.usage("an output directory is required (--output <dir>)");
        }
        if (workers <= 0) {
            throw IgemException.usage("--workers must be greater than 0 (got " + workers + ")");
        }
        if (maxAttempts < 1) {
            throw IgemException.usage("--retries must be 0 or more (got " + (maxAttempts - 1) + ")");
        }
        if (backoff == null || backoff.isNegative()) {
            throw IgemException.usage("the retry backoff must be 0 or more");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw IgemException.usage("--timeout must be greater than 0");
        }
    }

    /** The URL with its credentials masked (JShell and Groovy print records). */
    @Override
    public String toString() {
        return "DownloadOptions[url=" + UrlText.redact(url) + ", output=" + output + ", workers=" + workers + ", includeNlp="
                + includeNlp + ", overwrite=" + overwrite + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff
                + ", idleTimeout=" + idleTimeout + "]";
    }

    /** Defaults: 4 workers, no NLP, no overwrite, 4 attempts with a 200 ms backoff, 30 s timeout. */
    public static DownloadOptions of(String url, Path output) {
        return new DownloadOptions(parseUrl(url), output, DEFAULT_WORKERS, false, false, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF,
                DEFAULT_IDLE_TIMEOUT);
    }

    public DownloadOptions withWorkers(int n) {
        return new DownloadOptions(url, output, n, includeNlp, overwrite, maxAttempts, backoff, idleTimeout);
    }

    public DownloadOptions withIncludeNlp(boolean b) {
        return new DownloadOptions(url, output, workers, b, overwrite, maxAttempts, backoff, idleTimeout);
    }

    public DownloadOptions withOverwrite(boolean b) {
        return new DownloadOptions(url, output, workers, includeNlp, b, maxAttempts, backoff, idleTimeout);
    }

    /** {@code retries} further attempts after the first one (0 = no retries). */
    public DownloadOptions withRetries(int retries) {
        return new DownloadOptions(url, output, workers, includeNlp, overwrite, retries + 1, backoff, idleTimeout);
    }

    public DownloadOptions withBackoff(Duration d) {
        return new DownloadOptions(url, output, workers, includeNlp, overwrite, maxAttempts, d, idleTimeout);
    }

    public DownloadOptions withIdleTimeout(Duration d) {
        return new DownloadOptions(url, output, workers, includeNlp, overwrite, maxAttempts, backoff, d);
    }

    /** Parses a user-supplied base URL: http or https only, anything else is a usage error. */
    public static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw IgemException.usage("--url must not be empty");
        }
        try {
            return normaliseUrl(new URI(url.trim()));
        } catch (URISyntaxException e) {
            throw IgemException.usage(TerminalText.clean("--url is not a valid URL: " + UrlText.scrubLoose(url) + " ("
                    + UrlText.scrubLoose(e.getReason()) + ")"));
        }
    }

    private static URI normaliseUrl(URI u) {
        String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw IgemException.usage(TerminalText.clean("--url must be an http:// or https:// URL, got: "
                    + UrlText.scrubLoose(u.toString())));
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw IgemException.usage(TerminalText.clean("--url has no host: " + UrlText.scrubLoose(u.toString())));
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        try {
            return new URI(scheme + "://" + u.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw IgemException.usage(UrlText.safe("--url is not a valid URL: " + u + " (" + e.getReason() + ")"));
        }
    }
}
