package org.igem;

/**
 * A failure the user can act on. The CLI prints {@link #getMessage()} as one line on stderr
 * and exits with {@link #exitCode()}; the stack trace is only shown with {@code --debug}.
 */
public class IgemException extends RuntimeException {
    /** Exit code of command-line usage errors (bad option, missing or malformed URI). */
    public static final int USAGE = 2;
    /** Exit code of runtime failures (unreachable database, refused operation, ...). */
    public static final int FAILURE = 1;

    private final int exitCode;

    public IgemException(String message) {
        this(message, FAILURE, null);
    }

    public IgemException(String message, Throwable cause) {
        this(message, FAILURE, cause);
    }

    public IgemException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static IgemException usage(String message) {
        return new IgemException(message, USAGE, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
