package org.igem.download;

import java.net.URI;
import java.util.regex.Pattern;
import org.igem.core.TerminalText;

/**
 * URLs as they may be shown: credentials in the userinfo part ({@code http://user:secret@host/})
 * become {@code user:****@}, a userinfo without a colon (often a token) becomes {@code ****@}.
 */
public final class UrlText {
    /** Greedy up to the last {@code @} of the authority: an unencoded {@code @} in a password is still masked. */
    private static final Pattern WITH_PASSWORD = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#@\\s:]*):[^/?#\\s]*@");
    private static final Pattern TOKEN_ONLY = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s:]+@");

    private UrlText() {
    }

    public static String redact(URI u) {
        return u == null ? null : scrub(u.toString());
    }

    /** Masks the userinfo of every URL in {@code text} (messages that quote a URL, exception texts). */
    public static String scrub(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        String s = WITH_PASSWORD.matcher(text).replaceAll("$1$2:****@");
        return TOKEN_ONLY.matcher(s).replaceAll("$1****@");
    }

    /**
     * For text the user typed that did not even parse as a URL: whatever precedes the last
     * {@code @} of the authority-like part is treated as credentials, whitespace or not.
     */
    static String scrubLoose(String raw) {
        if (raw == null) {
            return null;
        }
        int sep = raw.indexOf("://");
        int start = sep >= 0 ? sep + 3 : 0;
        int end = raw.length();
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int at = raw.lastIndexOf('@', end - 1);
        if (at < start) {
            return scrub(raw);
        }
        String info = raw.substring(start, at);
        int colon = info.indexOf(':');
        String masked = colon >= 0 ? info.substring(0, colon) + ":****" : "****";
        return raw.substring(0, start) + masked + raw.substring(at);
    }

    /** For messages from untrusted sources: credentials masked, control characters escaped. */
    static String safe(String text) {
        return TerminalText.clean(scrub(text));
    }
}
