package org.igem.core;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Libraries the released artifact declares optional, fetched at their first use instead of at every cold
 * {@code jbang igem@…} (Groovy for {@code igem run}, ICU4J for the NLP commands).
 *
 * <p>Under JBang ({@code $JBANG_LAUNCH_CMD}, set by every JBang launcher) the coordinates are resolved by
 * JBang itself ({@code jbang info classpath}), after one line on stderr says what is fetched; the jar list
 * is kept in the user's cache ({@code run-deps/<hash>.txt}) so later runs start no JBang. The classes that
 * link against the library are then loaded beside it by {@link #childFirst}: they must see the new jars,
 * while every other class stays the caller's.
 */
public final class OptionalJars {
    private OptionalJars() {
    }

    /**
     * One optional library set: {@code feature} names the command in messages ("igem run"),
     * {@code library} what it is ("Groovy"), {@code size} the download a user should expect ("~8 MB"),
     * {@code firstUse} when the fetch happens ("first igem run only").
     */
    public record Need(String feature, String library, String size, String firstUse, List<String> coordinates) {
        public Need {
            coordinates = List.copyOf(coordinates);
            if (coordinates.isEmpty()) {
                throw new IllegalArgumentException("no coordinates");
            }
        }
    }

    /** The Maven coordinates listed in a class-path resource (one per line, {@code #} comments). */
    public static List<String> coordinates(ClassLoader cl, String resource) {
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IgemException("this build of igem lacks " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IgemException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code name} can be loaded by {@code cl} (without initialising it). */
    public static boolean present(ClassLoader cl, String name) {
        try {
            Class.forName(name, false, cl);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The jars of {@code need}: from the user's cache when an earlier run resolved them with the same
     * launcher and every jar is still there, otherwise from JBang ({@code jbang} is {@code $JBANG_LAUNCH_CMD}).
     */
    public static List<Path> resolved(Need need, String jbang, Map<String, String> env, Path home, PrintWriter err) {
        MessageDigest md = Hashing.sha256();
        md.update((jbang + "\n" + String.join("\n", need.coordinates())).getBytes(StandardCharsets.UTF_8));
        Path file = LocalFiles.userCache(env.get("XDG_CACHE_HOME"), home, "run-deps")
                .resolve(HexFormat.of().formatHex(md.digest()).substring(0, 20) + ".txt");
        try {
            if (Files.isRegularFile(file)) {
                List<Path> jars = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
                if (!jars.isEmpty() && jars.stream().allMatch(Files::isRegularFile)) {
                    return jars;
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable cache entry: resolve again
        }
        err.println(need.feature() + ": resolving " + String.join(", ", need.coordinates())
                + " through JBang (" + need.firstUse() + "; may download " + need.size() + ")");
        err.flush();
        List<Path> jars = resolve(need, jbang);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, jars.stream().map(Path::toString).toList());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // no cache: the next run asks JBang again
        }
        return jars;
    }

    private static List<Path> resolve(Need need, String jbang) {
        List<String> coordinates = need.coordinates();
        // JBang takes options before the script reference: the other coordinates go in as --deps
        List<String> cmd = new ArrayList<>(List.of(jbang, "--quiet", "info", "classpath"));
        for (String c : coordinates.subList(1, coordinates.size())) {
            cmd.add("--deps");
            cmd.add(c);
        }
        cmd.add(coordinates.get(0));
        try {
            Path errFile = Files.createTempFile("igem-jbang", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectError(errFile.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int code = p.waitFor();
                String last = lastLine(out, "");
                if (code != 0 || last.isEmpty()) {
                    String why = lastLine(Files.readString(errFile), "exit code " + code);
                    throw new IgemException("cannot resolve " + String.join(", ", coordinates)
                            + " for " + need.feature() + " through JBang: " + why);
                }
                return Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(last).map(Path::of).toList();
            } finally {
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new IgemException("cannot start JBang (" + jbang + ") to resolve " + need.library() + " for "
                    + need.feature() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IgemException("interrupted while JBang resolved " + need.library() + " for " + need.feature(), e);
        }
    }

    /** The last non-blank line of {@code text}, stripped; {@code otherwise} when there is none. */
    private static String lastLine(String text, String otherwise) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse(otherwise);
    }

    /** The jar (or class directory) {@code type} was loaded from. */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IgemException("cannot locate igem's own classes: " + e.getMessage(), e);
        }
    }

    /**
     * A loader over {@code urls} that defines the classes under {@code prefix} itself (from the first of
     * {@code urls}, igem's own jar or class directory) and asks {@code parent} first for everything else:
     * the classes under {@code prefix} link against the added jars, the rest stay the caller's, so an
     * interface they implement is the same type on both sides.
     */
    public static ClassLoader childFirst(List<Path> urls, ClassLoader parent, String prefix) {
        List<URL> list = new ArrayList<>();
        try {
            for (Path p : urls) {
                list.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IgemException("cannot load " + prefix + "*: " + e.getMessage(), e);
        }
        return new PrefixFirst(list.toArray(new URL[0]), parent, prefix);
    }

    private static final class PrefixFirst extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final String prefix;

        PrefixFirst(URL[] urls, ClassLoader parent, String prefix) {
            super(urls, parent);
            this.prefix = prefix;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(prefix)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
