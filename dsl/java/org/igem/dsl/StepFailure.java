package org.igem.dsl;

import org.igem.core.IgemException;

/** A step of an ops script failed: names the script line and the step; keeps the cause's exit code. */
public final class StepFailure extends IgemException {
    private final String step;
    private final int line;

    public StepFailure(String script, int line, String step, String message, int exitCode, Throwable cause) {
        super(script + (line > 0 ? ":" + line : "") + ": step " + step + " failed: " + message, exitCode, cause);
        this.step = step;
        this.line = line;
    }

    public String step() {
        return step;
    }

    public int line() {
        return line;
    }

    /** The line of {@code script} currently executing in this thread, or -1. */
    static int currentLine(String script) {
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            if (script.equals(e.getFileName()) && e.getLineNumber() > 0) {
                return e.getLineNumber();
            }
        }
        return -1;
    }
}
