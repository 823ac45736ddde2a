package org.preemptsim.metrics.blame;

import org.preemptsim.trace.Vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of interrupt sources as the tracepoints give them: a hardirq frame's argument (a vector or
 * a device line) is named at its handler's first irq_handler_entry or vector entry ("eth0 (irq 24)",
 * "local_timer"), an NMI source by its nmi_handler name. Learned once per source: no per-event
 * allocation.
 */
final class IrqNames {

    private int[] args = new int[8];
    private String[] names = new String[8];
    private int n;
    private final List<String> nmiNames = new ArrayList<>();

    void device(int arg, int irq, String name) {
        if (find(arg) < 0) {
            add(arg, name + " (irq " + irq + ")");
        }
    }

    void vector(int arg, int vector) {
        if (find(arg) < 0) {
            add(arg, Vectors.name(vector));
        }
    }

    /** The index of an NMI source, by name. */
    int nmi(String name) {
        for (int i = 0; i < nmiNames.size(); i++) {
            if (nmiNames.get(i).equals(name)) {
                return i;
            }
        }
        nmiNames.add(name);
        return nmiNames.size() - 1;
    }

    String name(int arg) {
        int i = find(arg);
        return i < 0 ? "irq entry" : names[i];
    }

    String nmiName(int source) {
        return source >= 0 && source < nmiNames.size() ? nmiNames.get(source) : "nmi";
    }

    private int find(int arg) {
        for (int i = 0; i < n; i++) {
            if (args[i] == arg) {
                return i;
            }
        }
        return -1;
    }

    private void add(int arg, String name) {
        if (n == args.length) {
            args = java.util.Arrays.copyOf(args, n * 2);
            names = java.util.Arrays.copyOf(names, n * 2);
        }
        args[n] = arg;
        names[n++] = name;
    }
}
