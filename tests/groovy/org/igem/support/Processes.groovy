package org.igem.support

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Runs a real process (the packaged jar, scripts/jbang) without the developer's database variables. */
class Processes {
    static Map run(List<String> cmd, Path cwd, long timeoutSeconds = 120) {
        def pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        pb.environment().remove('DATABASE_URL')
        pb.environment().remove('IGEM_DB_URI')
        def p = pb.start()
        def out = new StringBuilder(), err = new StringBuilder()
        p.consumeProcessOutput(out, err)
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly()
            throw new AssertionError("timed out after ${timeoutSeconds}s: $cmd")
        }
        p.waitForProcessOutput()
        [exit: p.exitValue(), out: out.toString(), err: err.toString()]
    }
}
