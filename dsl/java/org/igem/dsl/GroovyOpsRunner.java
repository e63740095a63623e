package org.igem.dsl;

import java.io.IOException;
import java.nio.file.Files;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.igem.core.IgemException;
import org.igem.ops.OpsScript;

/** Runs an ops script with {@link IgemScript} as its base class: the steps are in scope at the top level. */
public final class GroovyOpsRunner implements OpsScript.Runner {

    @Override
    public void run(OpsScript req) {
        String name = req.file().getFileName().toString();
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(IgemScript.class.getName());
        cc.addCompilationCustomizers(new ImportCustomizer().addStarImports("org.igem", "org.igem.dsl", "org.igem.migrate",
                "org.igem.snapshot", "org.igem.nlp"));
        try (DslContext dsl = new DslContext(req.resolver(), req.env(), req.cwd(), req.out(), req.err(), req.plan(),
                req.quiet(), name)) {
            Binding binding = new Binding();
            binding.setVariable(IgemScript.CONTEXT, dsl);
            binding.setVariable("args", req.args().toArray(new String[0]));
            // Script.println writes to the binding's "out": the same stream as the steps' reports
            binding.setVariable("out", req.out());
            GroovyShell shell = new GroovyShell(GroovyOpsRunner.class.getClassLoader(), binding, cc);
            Script s;
            try {
                s = shell.parse(Files.readString(req.file()), name);
            } catch (CompilationFailedException e) {
                // Groovy's report starts with "startup failed:"; the line after it says what and where
                throw IgemException.usage(name + ": does not compile: "
                        + firstLine(String.valueOf(e.getMessage()).replaceFirst("^\\s*startup failed:\\s*", "")));
            } catch (IOException e) {
                throw new IgemException("cannot read " + req.file() + ": " + e.getMessage(), e);
            }
            try {
                s.run();
            } catch (IgemException e) {
                throw e;
            } catch (AssertionError e) {
                throw new IgemException(where(name, e) + "assertion failed: " + firstLine(e.getMessage()), e);
            } catch (RuntimeException e) {
                throw new IgemException(where(name, e) + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
            }
            req.out().flush();
        }
    }

    /** "script.groovy:12: " from the deepest frame of the script, if any. */
    private static String where(String script, Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (script.equals(e.getFileName()) && e.getLineNumber() > 0) {
                return script + ":" + e.getLineNumber() + ": ";
            }
        }
        return script + ": ";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
