package org.igem.core;

/**
 * A failure the user can act on. The CLI prints {@link #getMessage()} as one line on stderr and exits
 * with {@link #exitCode()}; the stack trace is only shown with {@code --debug}. Its {@link Kind} says
 * what went wrong in a form that ops scripts and callers can branch on without parsing the message
 * (as Flyway's error codes do).
 */
public class IgemException extends RuntimeException {
    /** Exit code of command-line usage errors (bad option, missing or malformed URI). */
    public static final int USAGE = 2;
    /** Exit code of runtime failures (unreachable database, refused operation, ...). */
    public static final int FAILURE = 1;

    /** What kind of failure; each kind has the exit code the CLI maps it to. */
    public enum Kind {
        /** A bad option, URI or argument: the command line must change. */
        USAGE(IgemException.USAGE),
        /** The database or server could not be reached or refused the login. */
        CONNECTION(IgemException.FAILURE),
        /** The operation is refused in the state the target is in (not versioned, exists, ...). */
        REFUSED(IgemException.FAILURE),
        /** Another process holds the database or directory. */
        BUSY(IgemException.FAILURE),
        /** A file or answer is malformed, hostile or does not match its hash. */
        BAD_INPUT(IgemException.FAILURE),
        /** Anything else that failed at run time. */
        FAILURE(IgemException.FAILURE);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public IgemException(String message) {
        this(Kind.FAILURE, message, null);
    }

    public IgemException(String message, Throwable cause) {
        this(Kind.FAILURE, message, cause);
    }

    /** With an exit code instead of a kind: {@link #USAGE} is {@link Kind#USAGE}, anything else {@link Kind#FAILURE}. */
    public IgemException(String message, int exitCode, Throwable cause) {
        this(exitCode == USAGE ? Kind.USAGE : Kind.FAILURE, message, cause);
    }

    public IgemException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static IgemException usage(String message) {
        return new IgemException(Kind.USAGE, message, null);
    }

    public static IgemException of(Kind kind, String message) {
        return new IgemException(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode();
    }
}
