package org.igem.support

import groovy.transform.Canonical
import org.igem.cli.CliContext
import org.igem.cli.IgemCli

import java.nio.file.Files
import java.nio.file.Path

/** Runs the real CLI in-process (picocli parsing, printing, exit codes) with a controlled environment. */
class CliRun {
    @Canonical
    static class Result {
        int exit
        String out
        String err

        /** stdout + stderr, for "never shows the password" checks. */
        String getAll() { out + err }

        List<String> getErrLines() { err.readLines().findAll { it.trim() } }

        String toString() { "exit=$exit\n--- stdout\n$out--- stderr\n$err" }
    }

    /**
     * @param opts env: environment map (default: empty, so the developer's DATABASE_URL never leaks in),
     *             cwd: working directory (default: a fresh temp dir), home: home directory (default: a fresh temp dir)
     */
    static Result run(Map opts = [:], String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        Path cwd = (opts.cwd ?: Files.createTempDirectory('igem-cwd')) as Path
        Path home = (opts.home ?: Files.createTempDirectory('igem-home')) as Path
        Map<String, String> env = (opts.env ?: [:]) as Map<String, String>
        def ctx = new CliContext(env, cwd, home, new PrintWriter(out, true), new PrintWriter(err, true))
        int code = IgemCli.run(ctx, args)
        new Result(code, out.toString(), err.toString())
    }

    static Result run(Map opts = [:], List<String> args) {
        run(opts, args as String[])
    }
}
