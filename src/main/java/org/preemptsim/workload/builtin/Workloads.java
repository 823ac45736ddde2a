package org.preemptsim.workload.builtin;

import java.util.ArrayList;
import java.util.List;

/** The built-in workloads, in the order {@code preemptsim workloads} lists them. */
public final class Workloads {

    private Workloads() {
    }

    public static final List<Workload> ALL = List.of(new Cyclictest(), new Timerlat(), new Hackbench(), new KernelLoop(),
        new IrqLoad(), new Kbuild(), new CpuHog(), new Periodic());

    /** The workload called {@code name}, or null. */
    public static Workload byName(String name) {
        for (Workload w : ALL) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        return null;
    }

    public static List<String> names() {
        List<String> n = new ArrayList<>();
        for (Workload w : ALL) {
            n.add(w.name());
        }
        return n;
    }
}
