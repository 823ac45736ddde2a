package org.preemptsim.rv;

import org.preemptsim.trace.TraceSink;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately broken kernel for the monitors: it edits the simulated kernel's tracepoint
 * stream (and the CPU state the monitors read) into what the broken kernel would emit, without
 * touching the kernel model. Subclasses see every tracepoint as its method name and arguments
 * ({@code args[0]} the time, {@code args[1]} the emitting CPU) and {@link #pass} what the broken
 * kernel would have emitted instead.
 */
abstract class BrokenKernel implements InvocationHandler {

    private static final Map<String, Method> TRACEPOINTS = new HashMap<>();

    static {
        for (Method m : TraceSink.class.getMethods()) {
            TRACEPOINTS.put(m.getName(), m);
        }
    }

    private final List<? extends TraceSink> monitors;

    BrokenKernel(List<? extends TraceSink> monitors) {
        this.monitors = monitors;
    }

    /** The sink to attach to the run instead of the monitors. */
    final TraceSink sink() {
        return (TraceSink) Proxy.newProxyInstance(TraceSink.class.getClassLoader(), new Class<?>[] {TraceSink.class}, this);
    }

    /** One tracepoint of the real kernel. */
    abstract void edit(String tracepoint, Object[] args);

    /** Hands the monitors one tracepoint of the broken kernel. */
    final void pass(String tracepoint, Object... args) {
        Method m = TRACEPOINTS.get(tracepoint);
        try {
            for (TraceSink s : monitors) {
                m.invoke(s, args);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "toString":
                return getClass().getSimpleName();
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                edit(method.getName(), args);
                return null;
        }
    }
}
