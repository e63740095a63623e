package org.igem.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.igem.core.IgemException;

/**
 * Parses every URI form the tool accepts:
 * {@code postgresql://user:pass@host:port/db} (libpq's rules: several hosts, a socket directory, libpq parameters),
 * {@code jdbc:postgresql://host/db?user=..}, SQLAlchemy's {@code sqlite:///relative.db} and
 * {@code sqlite:////abs.db}, {@code sqlite:rel.db}, {@code sqlite:/abs.db}, {@code parquet:///dir/} and bare paths
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
        int q = pathText.indexOf('?');
        if (q >= 0) {
            pathText = pathText.substring(0, q);
        }
        boolean jdbc = original.regionMatches(true, 0, "jdbc:", 0, 5);
        if (!jdbc && pathText.startsWith("//")) {
            // SQLAlchemy: sqlite:// + (no host) + / + path, so sqlite:///x.db is relative and sqlite:////abs/x.db absolute
            String afterSlashes = pathText.substring(2);
            if (afterSlashes.isEmpty()) {
                throw inMemory();
            }
            if (!afterSlashes.startsWith("/")) {
                throw malformed(original, "a SQLite URL has no host: write sqlite:///relative.db or sqlite:////absolute/path.db");
            }
            pathText = afterSlashes.substring(1);
            if (pathText.isEmpty()) {
                throw inMemory();
            }
        } else if (jdbc && pathText.startsWith("//")) {
            pathText = stripSlashes(pathText);
        }
        if (pathText.equals(":memory:") || pathText.startsWith("file::memory:")) {
            throw inMemory();
        }
        if (pathText.isEmpty() || pathText.equals("/")) {
            throw malformed(original, "no file path after 'sqlite:'");
        }
        return new DbTarget(DbTarget.Kind.SQLITE, original, null, 0, null, null, null, Map.of(),
                resolvePath(original, pathText, baseDir));
    }

    private static IgemException inMemory() {
        return IgemException.usage("in-memory databases are not supported; give a file path (sqlite:///relative.db or "
                + "sqlite:////absolute/path.db)");
    }

    /** libpq's URI and keyword parameters that are accepted in the query string, mapped onto pgjdbc. */
    public static final List<String> LIBPQ_PARAMS = List.of("host", "port", "dbname", "user", "password", "connect_timeout",
            "application_name", "sslmode", "sslrootcert", "sslcert", "sslkey", "target_session_attrs", "options",
            "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count");
    private static final Map<String, String> SESSION_ATTRS = Map.of("any", "any", "read-write", "primary",
            "read-only", "secondary", "primary", "primary", "standby", "secondary", "prefer-standby", "preferSecondary");
    private static final Pattern HOST_ENTRY = Pattern.compile("(\\[[0-9A-Fa-f:.%a-zA-Z]*\\]|[^\\[\\]:,/?#@]*)(?::([^,/?#@]*))?");
    private static final String ENCODE_HINT = "its user:password part seems to hold characters that must be percent-encoded "
            + "('@' as %40, '/' as %2F, '?' as %3F, '#' as %23, ':' as %3A), e.g. postgresql://user:p%40ss@host/igem";

    /** The pieces of a postgresql:// URI after the '//'. */
    private record Split(String userInfo, String hosts, String path, String query) {
    }

    /**
     * Splits {@code s} (after "//") the standard way (the authority ends at the first '/', '?' or '#'; its last
     * '@' ends the user info). When that does not parse and exactly one '@' splits the text into a user info and
     * a well-formed host/path/query, that reading is taken: an unencoded '/', '?', '#' or '@' in a password, as
     * people type them. Otherwise one line asks to percent-encode; no part of the text is echoed.
     */
    private static Split split(String original, String s) {
        int end = firstOf(s, "/?#", 0);
        String authority = end < 0 ? s : s.substring(0, end);
        int at = authority.lastIndexOf('@');
        Split standard = splitAt(s, at);
        if (well(standard)) {
            return standard;
        }
        boolean atLater = end >= 0 && s.indexOf('@', end) >= 0;
        if (!atLater) {
            return standard; // the password (if any) is before the host: the error about the rest is safe to show
        }
        Split found = null;
        for (int i = s.indexOf('@'); i >= 0; i = s.indexOf('@', i + 1)) {
            Split c = splitAt(s, i);
            String user = c.userInfo().contains(":") ? c.userInfo().substring(0, c.userInfo().indexOf(':')) : c.userInfo();
            if (firstOf(user, "/?#@", 0) < 0 && well(c)) {
                if (found != null) {
                    throw IgemException.usage("ambiguous database URI: " + ENCODE_HINT);
                }
                found = c;
            }
        }
        if (found == null) {
            throw IgemException.usage("malformed database URI: " + ENCODE_HINT);
        }
        return found;
    }

    private static Split splitAt(String s, int at) {
        String userInfo = at >= 0 ? s.substring(0, at) : null;
        String rest = at >= 0 ? s.substring(at + 1) : s;
        int hash = rest.indexOf('#');
        int q = rest.indexOf('?');
        if (hash >= 0 && (q < 0 || hash < q)) {
            rest = rest.substring(0, hash); // a fragment before the query: dropped, as URI parsers do
            q = rest.indexOf('?');
        }
        String query = q >= 0 ? rest.substring(q + 1) : "";
        String beforeQuery = q >= 0 ? rest.substring(0, q) : rest;
        int slash = beforeQuery.indexOf('/');
        String hosts = slash >= 0 ? beforeQuery.substring(0, slash) : beforeQuery;
        String path = slash >= 0 ? beforeQuery.substring(slash + 1) : null;
        return new Split(userInfo, hosts, path, query);
    }

    /** Whether the host list, ports and database name have the shape libpq accepts. */
    private static boolean well(Split c) {
        for (String entry : c.hosts().split(",", -1)) {
            var m = HOST_ENTRY.matcher(entry);
            if (!m.matches() || (m.group(2) != null && !m.group(2).matches("\\d*"))) {
                return false;
            }
        }
        if (c.path() != null && firstOf(c.path(), "/@", 0) >= 0) {
            return false;
        }
        // a query is name=value pairs: "ek@db.example:6543/igem" is the rest of a password, not a query
        for (String kv : c.query().split("&")) {
            if (!kv.isEmpty() && !kv.matches("[A-Za-z0-9_.%-]+=[^&]*")) {
                return false;
            }
        }
        return true;
    }

    private static int firstOf(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static DbTarget postgres(String original, String rest) {
        if (!rest.startsWith("//")) {
            throw malformed(original, "expected '//' after the scheme");
        }
        Split sp = split(original, rest.substring(2));
        String user = null;
        String password = null;
        if (sp.userInfo() != null) {
            int colon = sp.userInfo().indexOf(':');
            if (colon >= 0) {
                user = decode(sp.userInfo().substring(0, colon));
                password = decode(sp.userInfo().substring(colon + 1));
            } else {
                user = decode(sp.userInfo());
            }
        }
        String database = sp.path() == null ? "" : decode(sp.path());
        List<String> hostTexts = new ArrayList<>();
        List<String> portTexts = new ArrayList<>();
        if (!sp.hosts().isEmpty()) {
            for (String entry : sp.hosts().split(",", -1)) {
                if (entry.startsWith("[") && entry.indexOf(']') < 0) {
                    throw malformed(original, "unterminated '[' in the host (IPv6 addresses are written [::1])");
                }
                var m = HOST_ENTRY.matcher(entry);
                if (!m.matches()) {
                    throw malformed(original, "host '" + entry + "' is not a host name, an address or a port");
                }
                String h = m.group(1);
                hostTexts.add(h.startsWith("[") ? h.substring(1, h.length() - 1) : decode(h));
                portTexts.add(m.group(2) == null ? "" : m.group(2));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : sp.query().split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            String k = decode(eq >= 0 ? kv.substring(0, eq) : kv);
            String v = eq >= 0 ? decode(kv.substring(eq + 1)) : "";
            switch (k) {
                case "user" -> user = v;
                case "password" -> password = v;
                case "dbname" -> database = v;
                case "host" -> hostTexts = new ArrayList<>(List.of(v.split(",", -1)));
                case "port" -> portTexts = new ArrayList<>(List.of(v.split(",", -1)));
                case "connect_timeout" -> {
                    int t = intParam(original, k, v, 0);
                    // libpq: 0 (or nothing) waits forever; pgjdbc: 0 is "no timeout" too
                    params.put("connectTimeout", String.valueOf(t));
                    params.put("loginTimeout", String.valueOf(t));
                }
                case "application_name" -> params.put("ApplicationName", v);
                case "target_session_attrs" -> {
                    String mapped = SESSION_ATTRS.get(v);
                    if (mapped == null) {
                        throw IgemException.usage("invalid value '" + v + "' for target_session_attrs in " + Secrets.maskUri(original)
                                + " (one of: any, read-write, read-only, primary, standby, prefer-standby)");
                    }
                    params.put("targetServerType", mapped);
                }
                case "keepalives" -> params.put("tcpKeepAlive", String.valueOf(intParam(original, k, v, 0) != 0));
                case "keepalives_idle", "keepalives_interval", "keepalives_count" ->
                        params.put(k, String.valueOf(intParam(original, k, v, 1)));
                default -> params.put(k, v); // libpq names equal to pgjdbc's (sslmode, sslcert, options, ...) and pgjdbc's own
            }
        }
        List<Integer> ports = new ArrayList<>();
        if (hostTexts.isEmpty()) {
            hostTexts.add("");
        }
        if (portTexts.isEmpty()) {
            portTexts.add("");
        }
        if (portTexts.size() != 1 && portTexts.size() != hostTexts.size()) {
            throw malformed(original, hostTexts.size() + " hosts but " + portTexts.size() + " ports (give one port, or one per host)");
        }
        for (int i = 0; i < hostTexts.size(); i++) {
            String portText = portTexts.get(portTexts.size() == 1 ? 0 : i).strip();
            int port = DEFAULT_PG_PORT;
            if (!portText.isEmpty()) {
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw malformed(original, "port '" + portText + "' is not a number");
                }
                if (port < 1 || port > 65535) {
                    throw malformed(original, "port " + port + " is out of range");
                }
            }
            ports.add(port);
        }
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < hostTexts.size(); i++) {
            String h = hostTexts.get(i).strip();
            hosts.add(h.isEmpty() ? defaultHost(ports.get(i)) : h);
        }
        if (hosts.size() > 1 && hosts.stream().anyMatch(h -> h.startsWith("/"))) {
            throw malformed(original, "a Unix-socket directory cannot be combined with other hosts");
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
        return new DbTarget(DbTarget.Kind.POSTGRESQL, original, hosts.get(0), ports.get(0), database, user, password,
                Map.copyOf(params), null, List.copyOf(hosts), List.copyOf(ports));
    }

    /** libpq without a host: the default socket directory when the server's socket is there, else localhost. */
    private static String defaultHost(int port) {
        for (String dir : new String[] {"/var/run/postgresql", "/tmp"}) {
            if (Files.exists(Path.of(dir, ".s.PGSQL." + port))) {
                return dir;
            }
        }
        return "localhost";
    }

    private static int intParam(String original, String name, String v, int min) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw IgemException.usage("invalid value '" + v + "' for " + name + " in " + Secrets.maskUri(original)
                + " (a whole number" + (min > 0 ? " of at least " + min : "") + ")");
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
