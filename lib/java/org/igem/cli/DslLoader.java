package org.igem.cli;

import java.io.File;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
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
import org.igem.core.OptionalJars;

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
    /** The classes loaded beside Groovy rather than from igem's own loader. */
    private static final String DSL_PACKAGE = "org.igem.dsl.";

    private DslLoader() {
    }

    static OpsScript.Runner runner(CliContext ctx) {
        ClassLoader own = DslLoader.class.getClassLoader();
        if (OptionalJars.present(own, "groovy.lang.GroovyShell") && OptionalJars.present(own, RUNNER)) {
            return instantiate(own);
        }
        return instantiate(compiled(ctx, own));
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
        Path self = OptionalJars.codeSource(DslLoader.class);
        OptionalJars.Need need = new OptionalJars.Need("igem run", "Groovy", "~8 MB", "first igem run only", runDeps(own));
        List<Path> groovy = OptionalJars.resolved(need, jbang, ctx.env(), ctx.home(), ctx.err());
        if (OptionalJars.present(own, RUNNER)) {
            List<Path> urls = new ArrayList<>(List.of(self));
            urls.addAll(groovy);
            return OptionalJars.childFirst(urls, own, DSL_PACKAGE);
        }
        List<Source> sources = sources(self);
        String classPath = self + File.pathSeparator
                + String.join(File.pathSeparator, groovy.stream().map(Path::toString).toList());
        Path dir = cacheRoot(ctx).resolve(key(sources, classPath));
        if (!Files.isDirectory(dir)) {
            compile(sources, classPath, dir);
        }
        List<Path> urls = new ArrayList<>(List.of(dir));
        urls.addAll(groovy);
        // the compiled DSL is not in igem's own loader at all: a plain child loader finds it
        return OptionalJars.childFirst(urls, own, DSL_PACKAGE);
    }

    static List<String> runDeps(ClassLoader cl) {
        return OptionalJars.coordinates(cl, RUN_DEPS);
    }

    private record Source(String path, byte[] text) {
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
