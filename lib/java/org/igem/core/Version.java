package org.igem.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tool's version. It is written in one place, the pom: Maven filters it into
 * {@code igem/version.properties}; the JBang launcher of a checkout (igem.java), which Maven does not
 * build, ships the checkout's pom at the path Maven's own jars keep it and the version is read from there.
 */
public final class Version {
    public static final String VERSION = read();

    private Version() {
    }

    private static String read() {
        String v = fromProperties();
        return v != null ? v : fromPom();
    }

    private static String fromProperties() {
        try (InputStream in = Version.class.getResourceAsStream("/igem/version.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return v == null || v.isBlank() || v.contains("${") ? null : v.strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static String fromPom() {
        try (InputStream in = Version.class.getResourceAsStream("/META-INF/maven/org.igem/igem-cli/pom.xml")) {
            if (in != null) {
                String pom = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
                // the project's own <version>: the first one after </modelVersion>, before any <parent>/<dependencies>
                Matcher m = Pattern.compile("(?s)</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
                if (m.find()) {
                    return m.group(1).strip();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
