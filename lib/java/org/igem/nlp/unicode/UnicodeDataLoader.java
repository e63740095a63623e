package org.igem.nlp.unicode;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.igem.core.IgemException;
import org.igem.core.OptionalJars;

/** Finds ICU4J for {@link UnicodeData#load()}: on the class path, or fetched through JBang at the first NLP use. */
final class UnicodeDataLoader {
    static final String IMPLEMENTATION = "org.igem.nlp.unicode.IcuUnicodeData";
    /** What the NLP commands resolve on top of the released artifact's dependencies (ICU4J). */
    static final String NLP_DEPS = "igem/nlp-deps.txt";
    private static final String ICU_PROBE = "com.ibm.icu.lang.UCharacter";

    private UnicodeDataLoader() {
    }

    static UnicodeData load() {
        ClassLoader own = UnicodeDataLoader.class.getClassLoader();
        if (OptionalJars.present(own, ICU_PROBE)) {
            return instantiate(own);
        }
        Map<String, String> env = System.getenv();
        List<String> coordinates = OptionalJars.coordinates(own, NLP_DEPS);
        String jbang = env.get("JBANG_LAUNCH_CMD");
        if (jbang == null || jbang.isBlank()) {
            throw new IgemException("the NLP commands need ICU4J (" + String.join(", ", coordinates)
                    + "), which this build of igem leaves out: run them through JBang (jbang igem@<catalog> nlp ...)"
                    + " or with igem.jar, or put ICU4J on the class path");
        }
        OptionalJars.Need need = new OptionalJars.Need("igem nlp", "ICU4J", "~15 MB", "first NLP use only", coordinates);
        List<Path> jars = OptionalJars.resolved(need, jbang, env, Path.of(System.getProperty("user.home")),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        List<Path> urls = new ArrayList<>(List.of(OptionalJars.codeSource(UnicodeDataLoader.class)));
        urls.addAll(jars);
        // only IcuUnicodeData is defined beside ICU4J; the UnicodeData interface it implements stays igem's own
        return instantiate(OptionalJars.childFirst(urls, own, IMPLEMENTATION));
    }

    private static UnicodeData instantiate(ClassLoader cl) {
        try {
            return (UnicodeData) Class.forName(IMPLEMENTATION, true, cl).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IgemException("cannot load ICU4J's Unicode data for the NLP commands: " + e, e);
        }
    }
}
