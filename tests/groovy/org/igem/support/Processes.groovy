package org.igem.support

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Runs a real process (the packaged jar, scripts/jbang) without the developer's database variables. */
class Processes {
    static Map run(List<String> cmd, Path cwd, long timeoutSeconds = 120, Map<String, String> env = [:]) {
        def pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        pb.environment().remove('DATABASE_URL')
        pb.environment().remove('IGEM_DB_URI')
        pb.environment().putAll(env)
        def p = pb.start()
        collect(p, timeoutSeconds, cmd.toString())
    }

    /**
     * {@code org.igem.cli.IgemCli args} in its own JVM on {@code classPath} (see {@link ClassPaths}), in {@code cwd},
     * as if not started by JBang (unless {@code env} sets JBANG_LAUNCH_CMD), with its caches under {@code cwd}.
     */
    static Map igem(String classPath, Path cwd, Map<String, String> env = [:], List<String> args) {
        def pb = new ProcessBuilder([Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-cp', classPath,
                                     'org.igem.cli.IgemCli'] + args).directory(cwd.toFile())
        pb.environment().remove('DATABASE_URL')
        pb.environment().remove('IGEM_DB_URI')
        pb.environment().remove('JBANG_LAUNCH_CMD')
        pb.environment().put('XDG_CACHE_HOME', cwd.resolve('cache').toString())
        pb.environment().putAll(env)
        collect(pb.start(), 60, "igem $args")
    }

    /**
     * Waits for {@code p} and returns exit code, stdout and stderr. One reader thread per stream, joined
     * after the exit: a second reader (e.g. a later waitForProcessOutput()) would race for the bytes.
     */
    static Map collect(Process p, long timeoutSeconds, String what) {
        def out = new StringBuilder(), err = new StringBuilder()
        Thread tOut = p.consumeProcessOutputStream(out)
        Thread tErr = p.consumeProcessErrorStream(err)
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly()
            throw new AssertionError("timed out after ${timeoutSeconds}s: $what")
        }
        tOut.join()
        tErr.join()
        [exit: p.exitValue(), out: out.toString(), err: err.toString()]
    }
}
