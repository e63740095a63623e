package org.igem.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.igem.IgemException;

/**
 * Parses every URI form the tool accepts:
 * {@code postgresql://user:pass@host:port/db}, {@code jdbc:postgresql://host/db?user=..},
 * {@code sqlite:///abs.db}, {@code sqlite:rel.db}, {@code parquet:///dir/} and bare paths
 * (a directory holding manifest.json is a snapshot, anything else a SQLite file).
 */
public final class DbUris {
    public static final String SUPPORTED =
            "postgresql://user:pass@host:port/db, jdbc:postgresql://host:port/db, sqlite:/path/to.db, parquet:///snapshot/dir, or a plain path";
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final int DEFAULT_PG_PORT = 5432;

    private DbUris() {
    }

    /** Parses {@code uri}; relative paths are resolved against {@code baseDir}. */
    public static DbTarget parse(String uri, Path baseDir) {
        if (uri == null || uri.isBlank()) {
            throw IgemException.usage("empty database URI; expected " + SUPPORTED);
        }
        String u = uri.strip();
        var m = SCHEME.matcher(u);
        // One-letter "schemes" are Windows drive letters, i.e. paths.
        if (!m.find() || m.group(1).length() == 1) {
            return bare(u, u, baseDir);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = u.substring(m.end());
        if (scheme.equals("jdbc")) {
            var inner = SCHEME.matcher(rest);
            if (!inner.find()) {
                throw malformed(u, "expected jdbc:postgresql:// or jdbc:sqlite:");
            }
            String sub = inner.group(1).toLowerCase(Locale.ROOT);
            String after = rest.substring(inner.end());
            return switch (sub) {
                case "postgresql" -> postgres(u, after);
                case "sqlite" -> sqlite(u, after, baseDir);
                default -> throw IgemException.usage("unsupported JDBC URL 'jdbc:" + sub + ":…'; expected " + SUPPORTED);
            };
        }
        if (scheme.equals("postgresql") || scheme.equals("postgres") || scheme.startsWith("postgresql+")) {
            return postgres(u, rest);
        }
        if (scheme.equals("sqlite") || scheme.startsWith("sqlite+")) {
            return sqlite(u, rest, baseDir);
        }
        if (scheme.equals("parquet")) {
            Path dir = resolvePath(u, stripSlashes(rest), baseDir);
            return new DbTarget(DbTarget.Kind.SNAPSHOT, u, null, 0, null, null, null, Map.of(), dir);
        }
        if (scheme.equals("file")) {
            return bare(u, stripSlashes(rest), baseDir);
        }
        throw IgemException.usage("unknown URI scheme '" + m.group(1) + "' in " + Secrets.maskUri(u) + "; expected " + SUPPORTED);
    }

    private static DbTarget bare(String original, String pathText, Path baseDir) {
        Path p = resolvePath(original, pathText, baseDir);
        if (Files.isDirectory(p)) {
            if (Files.isRegularFile(p.resolve("manifest.json"))) {
                return new DbTarget(DbTarget.Kind.SNAPSHOT, original, null, 0, null, null, null, Map.of(), p);
            }
            throw IgemException.usage("'" + original + "' is a directory without manifest.json: not a snapshot and not a SQLite file");
        }
        return new DbTarget(DbTarget.Kind.SQLITE, original, null, 0, null, null, null, Map.of(), p);
    }

    private static DbTarget sqlite(String original, String rest, Path baseDir) {
        String pathText = rest;
        if (pathText.startsWith("//")) {
            // sqlite:///abs/path -> /abs/path ; sqlite:////abs/path (SQLAlchemy spelling) -> /abs/path
            pathText = stripSlashes(pathText);
        }
        int q = pathText.indexOf('?');
        if (q >= 0) {
            pathText = pathText.substring(0, q);
        }
        if (pathText.isEmpty() || pathText.equals("/")) {
            throw malformed(original, "no file path after 'sqlite:'");
        }
        if (pathText.equals(":memory:")) {
            throw IgemException.usage("in-memory SQLite databases are not supported; give a file path");
        }
        return new DbTarget(DbTarget.Kind.SQLITE, original, null, 0, null, null, null, Map.of(),
                resolvePath(original, pathText, baseDir));
    }

    private static DbTarget postgres(String original, String rest) {
        if (!rest.startsWith("//")) {
            throw malformed(original, "expected '//' after the scheme");
        }
        String body = rest.substring(2);
        String query = "";
        int q = body.indexOf('?');
        if (q >= 0) {
            query = body.substring(q + 1);
            body = body.substring(0, q);
        }
        int slash = body.indexOf('/', body.lastIndexOf('@') + 1);
        String authority = slash >= 0 ? body.substring(0, slash) : body;
        String database = slash >= 0 ? decode(body.substring(slash + 1)) : "";
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            } else {
                user = decode(userInfo);
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            String k = decode(eq >= 0 ? kv.substring(0, eq) : kv);
            String v = eq >= 0 ? decode(kv.substring(eq + 1)) : "";
            switch (k) {
                case "user" -> user = v;
                case "password" -> password = v;
                case "host" -> {
                    if (v.startsWith("/")) {
                        throw IgemException.usage("Unix-socket connections (host=" + v + ") are not supported; use host:port in "
                                + Secrets.maskUri(original));
                    }
                    authority = v;
                }
                default -> params.put(k, v);
            }
        }
        if (authority.startsWith("[") && authority.indexOf(']') < 0) {
            throw malformed(original, "unterminated '[' in the host (IPv6 addresses are written [::1])");
        }
        String host = authority;
        int port = DEFAULT_PG_PORT;
        int portSep = authority.startsWith("[") ? authority.indexOf("]:") + 1 : authority.lastIndexOf(':');
        if (portSep > 0) {
            host = authority.substring(0, portSep);
            String portText = authority.substring(portSep + 1);
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw malformed(original, "port '" + portText + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw malformed(original, "port " + port + " is out of range");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        if (database.isEmpty()) {
            throw malformed(original, "no database name (expected …/dbname)");
        }
        if (database.contains("/")) {
            throw malformed(original, "database name '" + database + "' contains '/'");
        }
        if (database.contains(";")) {
            // e.g. "jdbc:postgresql://h/db;password=…" (another driver's syntax): never echo the rest
            throw malformed(original, "database name contains ';' (connection parameters go after '?', joined with '&')");
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name");
        }
        return new DbTarget(DbTarget.Kind.POSTGRESQL, original, host, port, database, user, password, Map.copyOf(params), null);
    }

    private static Path resolvePath(String original, String pathText, Path baseDir) {
        try {
            String text = pathText.startsWith("~/") ? System.getProperty("user.home") + pathText.substring(1) : pathText;
            Path p = Path.of(text);
            return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
        } catch (InvalidPathException e) {
            throw malformed(original, "invalid path: " + e.getReason());
        }
    }

    private static String stripSlashes(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '/') {
            i++;
        }
        return i == 0 ? s : "/" + s.substring(i);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static IgemException malformed(String uri, String why) {
        return IgemException.usage("malformed database URI " + Secrets.maskUri(uri) + ": " + why);
    }
}
