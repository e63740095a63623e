package org.igem.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords out of everything the tool prints. */
public final class Secrets {
    public static final String MASK = "****";

    // scheme://user:password@host  (the password may contain '@' when not encoded: take the last '@')
    private static final Pattern USERINFO = Pattern.compile("(:/{2,}[^/?#:@]*:)(.*)(@[^@/?#]*)");
    // Malformed input without '//' ("postgresql:user:pw@host/db", "postgresql:/user:pw@host/db") must not leak either.
    private static final Pattern LOOSE_USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*:/?[^/?#:@]*:)(.*)(@[^@/?#]*)");
    // a query parameter: name=value after '?', '&' or ';' (jdbc: URLs of other drivers)
    private static final Pattern PARAM = Pattern.compile("([?&;])([^=&;?#]*)=([^&;#]*)");

    private Secrets() {
    }

    /** The URI with any password replaced by {@value #MASK}. */
    public static String maskUri(String uri) {
        if (uri == null) {
            return null;
        }
        String masked = uri;
        Matcher m = masked.contains("://") ? USERINFO.matcher(masked) : LOOSE_USERINFO.matcher(masked);
        if (m.find() && !m.group(2).isEmpty()) {
            masked = masked.substring(0, m.start(2)) + MASK + masked.substring(m.end(2));
        }
        // Names are decoded before deciding (pass%77ord= is password=), values masked whatever they hold.
        Matcher p = PARAM.matcher(masked);
        StringBuilder sb = new StringBuilder();
        while (p.find()) {
            String replacement = isSecretName(p.group(2)) ? p.group(1) + p.group(2) + "=" + MASK : p.group();
            p.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        p.appendTail(sb);
        return sb.toString();
    }

    /** Parameter names whose values are secrets: password, sslpassword, ... (percent-decoded, any case). */
    static boolean isSecretName(String rawName) {
        String name;
        try {
            name = java.net.URLDecoder.decode(rawName.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            name = rawName;
        }
        String n = name.strip().toLowerCase(java.util.Locale.ROOT);
        return n.contains("password") || n.equals("passwd") || n.equals("pwd") || n.endsWith("secret") || n.contains("token");
    }

    /**
     * Removes a known password (raw and URL-encoded) from any text, e.g. a driver's error message.
     * Passwords shorter than 4 characters are only masked inside URIs (see {@link #maskUri}):
     * replacing every "p" of a message would make it unreadable and protect nothing.
     */
    public static String scrub(String text, String password) {
        if (text == null || password == null || password.length() < 4) {
            return text;
        }
        String out = text.replace(password, MASK);
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
        return out.replace(encoded, MASK);
    }
}
