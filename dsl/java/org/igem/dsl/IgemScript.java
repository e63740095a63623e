package org.igem.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.MissingMethodException;
import groovy.lang.Script;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * Base class of {@code igem run} scripts. Steps can be called at the top level (against the default
 * database) or inside {@code igem { … }} / {@code database('uri') { … }} blocks, whose delegate is
 * an {@link IgemSteps} (IDEs and {@code @TypeChecked} scripts complete the steps there through
 * {@link DelegatesTo}); the block may also name it as its parameter, {@code igem { db -> db.status() }}
 * ({@link ClosureParams}).
 */
public abstract class IgemScript extends Script {
    public static final String CONTEXT = "igemContext";
    private static final String DEFAULT_STEPS = "igemDefaultSteps";

    DslContext context() {
        return (DslContext) getBinding().getVariable(CONTEXT);
    }

    /** The steps against the default database (--db-uri, DATABASE_URL, IGEM_DB_URI, .igem.toml). */
    public IgemSteps getSteps() {
        if (!getBinding().hasVariable(DEFAULT_STEPS)) {
            getBinding().setVariable(DEFAULT_STEPS, context().steps(null));
        }
        return (IgemSteps) getBinding().getVariable(DEFAULT_STEPS);
    }

    /** Runs {@code body} with the default database's steps in scope; returns what the block returns. */
    public Object igem(@DelegatesTo(value = IgemSteps.class, strategy = Closure.DELEGATE_FIRST)
                       @ClosureParams(value = SimpleType.class, options = "org.igem.dsl.IgemSteps") Closure<?> body) {
        return run(getSteps(), body);
    }

    /** Runs {@code body} against another database, e.g. {@code database('postgresql://…/staging') { status() }}. */
    public Object database(String uri, @DelegatesTo(value = IgemSteps.class, strategy = Closure.DELEGATE_FIRST)
                           @ClosureParams(value = SimpleType.class, options = "org.igem.dsl.IgemSteps") Closure<?> body) {
        return run(context().steps(uri), body);
    }

    /** True under {@code igem run --plan}. */
    public boolean isPlan() {
        return context().plan();
    }

    public String getToday() {
        return getSteps().getToday();
    }

    private static Object run(IgemSteps steps, Closure<?> body) {
        Closure<?> c = (Closure<?>) body.clone();
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.setDelegate(steps);
        // {@code { -> … }} takes nothing; {@code { … }} and {@code { db -> … }} get the steps as their parameter
        return c.getMaximumNumberOfParameters() == 0 ? c.call() : c.call(steps);
    }

    /** Top-level steps ({@code status()}, {@code export(to: …)}) go to the default database's steps. */
    public Object methodMissing(String name, Object args) {
        Object[] argv = args instanceof Object[] a ? a : new Object[] {args};
        try {
            return InvokerHelper.invokeMethod(getSteps(), name, argv);
        } catch (MissingMethodException e) {
            if (e.getType() == IgemSteps.class && name.equals(e.getMethod())) {
                throw new MissingMethodException(name, getClass(), argv);
            }
            throw e;
        }
    }
}
