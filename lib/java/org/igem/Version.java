package org.igem;

/** The tool's version; BuildLayoutSpec checks it equals the pom's. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
