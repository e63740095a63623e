package org.igem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.igem.core.IgemException;
import org.igem.ops.OpsScript;
import org.igem.core.Version;
import org.igem.core.Hashing;
import org.igem.core.LocalFiles;

/**
 * Finds the Groovy DSL that {@code igem run} needs.
 *
 * <p>{@code igem.jar} (Maven) carries the DSL and Groovy. Through JBang, Groovy is left out: it is 8 MB of a cold
 * {@code jbang igem@…} download that only {@code igem run} uses (an optional dependency of the released artifact,
 * absent from igem.java's //DEPS). There, the first {@code igem run} asks JBang ({@code $JBANG_LAUNCH_CMD}, set by
 * every JBang launcher) to resolve the coordinates in {@code igem/run-deps.txt} (saying so in one line on stderr)
 * and keeps the jar list in the user's cache. The released jar has the DSL classes compiled in: they are loaded
 * beside Groovy by a child-first loader. igem.java ships the DSL sources instead: they are compiled once into the
 * user's cache, keyed by a hash of the sources and the class path, so later runs only load them.
 */
final class DslLoader {
    static final String RUNNER = "org.igem.dsl.GroovyOpsRunner";
    static final String RUN_DEPS = "igem/run-deps.txt";
    static final String SOURCES = "org/igem/dsl";

    private DslLoader() {
    }

    static OpsScript.Runner runner(CliContext ctx) {
        ClassLoader own = DslLoader.class.getClassLoader();
        if (present(own, "groovy.lang.GroovyShell") && present(own, RUNNER)) {
            return instantiate(own);
        }
        return instantiate(compiled(ctx, own));
    }

    private static boolean present(ClassLoader cl, String name) {
        try {
            Class.forName(name, false, cl);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static OpsScript.Runner instantiate(ClassLoader cl) {
        try {
            return (OpsScript.Runner) Class.forName(RUNNER, true, cl).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IgemException("cannot load the ops-script DSL: " + e, e);
        }
    }

    private static ClassLoader compiled(CliContext ctx, ClassLoader own) {
        String jbang = ctx.env().get("JBANG_LAUNCH_CMD");
        if (jbang == null || jbang.isBlank()) {
            throw new IgemException("igem run needs Groovy, which this build of igem leaves out: "
                    + "run it through JBang (jbang igem@<catalog> run ...) or with igem.jar");
        }
        Path self = codeSource();
        List<String> groovy = resolved(ctx, jbang, runDeps(own));
        if (present(own, RUNNER)) {
            return new DslFirst(urls(self, groovy), own);
        }
        List<Source> sources = sources(self);
        String classPath = self + java.io.File.pathSeparator + String.join(java.io.File.pathSeparator, groovy);
        Path dir = cacheRoot(ctx).resolve(key(sources, classPath));
        if (!Files.isDirectory(dir)) {
            compile(sources, classPath, dir);
        }
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(dir.toUri().toURL());
            for (String jar : groovy) {
                urls.add(Path.of(jar).toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IgemException("cannot load the ops-script DSL: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(new URL[0]), own);
    }

    private static URL[] urls(Path first, List<String> jars) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(first.toUri().toURL());
            for (String jar : jars) {
                urls.add(Path.of(jar).toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IgemException("cannot load the ops-script DSL: " + e.getMessage(), e);
        }
        return urls.toArray(new URL[0]);
    }

    /**
     * Loads the DSL's own classes (org.igem.dsl) from the igem jar itself, everything else from the parent first:
     * the DSL classes must link against the Groovy jars this loader adds, the core classes must stay the CLI's.
     */
    static final class DslFirst extends URLClassLoader {
        private static final String DSL = "org.igem.dsl.";

        DslFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(DSL)) {
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

    /**
     * The jars of {@code coordinates}: from the user's cache when an earlier run resolved them with the same
     * launcher and every jar is still there, otherwise from JBang (one line on stderr says what is fetched).
     */
    private static List<String> resolved(CliContext ctx, String jbang, List<String> coordinates) {
        MessageDigest md = Hashing.sha256();
        md.update((jbang + "\n" + String.join("\n", coordinates)).getBytes(StandardCharsets.UTF_8));
        // beside the compiled DSL entries (igem/dsl/<hash>/), not among them
        Path file = cacheRoot(ctx).resolveSibling("run-deps")
                .resolve(HexFormat.of().formatHex(md.digest()).substring(0, 20) + ".txt");
        try {
            if (Files.isRegularFile(file)) {
                List<String> jars = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
                if (!jars.isEmpty() && jars.stream().allMatch(j -> Files.isRegularFile(Path.of(j)))) {
                    return jars;
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable cache entry: resolve again
        }
        ctx.err().println("igem run: resolving " + String.join(", ", coordinates)
                + " through JBang (first igem run only; may download ~8 MB)");
        ctx.err().flush();
        List<String> jars = resolve(jbang, coordinates);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, jars);
            LocalFiles.moveReplacing(tmp, file);
        } catch (IOException e) {
            // no cache: the next run asks JBang again
        }
        return jars;
    }

    static List<String> runDeps(ClassLoader cl) {
        try (InputStream in = cl.getResourceAsStream(RUN_DEPS)) {
            if (in == null) {
                throw new IgemException("this build of igem lacks " + RUN_DEPS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IgemException("cannot read " + RUN_DEPS + ": " + e.getMessage(), e);
        }
    }

    /** The jars of {@code coordinates}, resolved (and downloaded when needed) by JBang itself. */
    private static List<String> resolve(String jbang, List<String> coordinates) {
        List<String> cmd = new ArrayList<>(List.of(jbang, "--quiet", "info", "classpath", coordinates.get(0)));
        for (String c : coordinates.subList(1, coordinates.size())) {
            cmd.add("--deps");
            cmd.add(c);
        }
        try {
            Path errFile = Files.createTempFile("igem-jbang", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectError(errFile.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int code = p.waitFor();
                String last = lastLine(out, "");
                if (code != 0 || last.isEmpty()) {
                    String why = lastLine(Files.readString(errFile), "exit code " + code);
                    throw new IgemException("cannot resolve " + String.join(", ", coordinates)
                            + " for igem run through JBang: " + why);
                }
                return List.of(last.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator)));
            } finally {
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new IgemException("cannot start JBang (" + jbang + ") to resolve Groovy for igem run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IgemException("interrupted while JBang resolved Groovy for igem run", e);
        }
    }

    /** The last non-blank line of {@code text}, stripped; {@code otherwise} when there is none. */
    private static String lastLine(String text, String otherwise) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse(otherwise);
    }

    private record Source(String path, byte[] text) {
    }

    private static Path codeSource() {
        try {
            return Path.of(DslLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IgemException("cannot locate igem's own classes to load the ops-script DSL: " + e.getMessage(), e);
        }
    }

    /** The DSL's .java files, shipped as resources next to the classes (igem.java's //FILES). */
    private static List<Source> sources(Path self) {
        try {
            if (Files.isDirectory(self)) {
                return read(self.resolve(SOURCES));
            }
            try (FileSystem jar = FileSystems.newFileSystem(self)) {
                return read(jar.getPath("/" + SOURCES));
            }
        } catch (IOException e) {
            throw new IgemException("cannot read the ops-script DSL sources from " + self + ": " + e.getMessage(), e);
        }
    }

    private static List<Source> read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IgemException("this build of igem carries neither the ops-script DSL nor its sources (" + SOURCES + ")");
        }
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".java")).sorted().toList()) {
                out.add(new Source(SOURCES + "/" + f.getFileName(), Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static Path cacheRoot(CliContext ctx) {
        return LocalFiles.userCache(ctx.env().get("XDG_CACHE_HOME"), ctx.home(), "dsl");
    }

    private static String key(List<Source> sources, String classPath) {
        MessageDigest md = Hashing.sha256();
        md.update((Version.VERSION + "\n" + System.getProperty("java.specification.version") + "\n" + classPath + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Source s : sources) {
            md.update(s.path().getBytes(StandardCharsets.UTF_8));
            md.update(s.text());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 20);
    }

    /** Compiles into a private temp directory, then renames it into place: a half-built cache entry never shows. */
    private static void compile(List<Source> sources, String classPath, Path dir) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IgemException("igem run compiles its DSL on first use and needs a JDK; this Java runtime has no compiler");
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp-");
            List<String> args = new ArrayList<>(List.of("-d", tmp.resolve("classes").toString(), "-cp", classPath,
                    "--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8"));
            for (Source s : sources) {
                Path f = tmp.resolve("src").resolve(s.path());
                Files.createDirectories(f.getParent());
                Files.write(f, s.text());
                args.add(f.toString());
            }
            // javac's diagnostics are kept for the error line, not printed on the user's terminal
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int code = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
            if (code != 0) {
                String first = diagnostics.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).findFirst().orElse("exit code " + code);
                throw new IgemException("compiling the ops-script DSL failed: " + first.strip());
            }
            try {
                // not LocalFiles.moveReplacing: a directory, and one another run finished first is kept, never replaced
                Files.move(tmp.resolve("classes"), dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another igem run compiled the same sources first: its classes are identical
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new IgemException("cannot compile the ops-script DSL into " + dir.getParent() + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless: it never has the cache entry's name
        }
    }
}
