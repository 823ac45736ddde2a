package org.preemptsim.trace;

import java.util.BitSet;
import java.util.Set;

/**
 * What a trace writer keeps: a time window, a CPU set and an event set (all inclusive), and the
 * machine's CPU count for the headers ({@code #P:}, trace.dat's per-CPU sections).
 *
 * @param fromNs  first instant kept
 * @param toNs    last instant kept
 * @param cpus    CPUs kept, or null for all
 * @param events  event names ("sched_switch"), systems ("sched") or "system:event" kept, or null for all
 * @param nrCpus  CPUs of the machine; 0 means "one more than the highest CPU seen"
 */
public record TraceOptions(long fromNs, long toNs, BitSet cpus, Set<String> events, int nrCpus) {

    /** Everything, CPU count from what is seen. */
    public static final TraceOptions ALL = new TraceOptions(0, Long.MAX_VALUE, null, null, 0);

    public TraceOptions {
        if (fromNs > toNs) {
            throw new IllegalArgumentException("empty time window: " + fromNs + " > " + toNs);
        }
        cpus = cpus == null ? null : (BitSet) cpus.clone();
        events = events == null ? null : Set.copyOf(events);
    }

    public static TraceOptions forCpus(int nrCpus) {
        return ALL.withNrCpus(nrCpus);
    }

    public TraceOptions window(long from, long to) {
        return new TraceOptions(from, to, cpus, events, nrCpus);
    }

    public TraceOptions onlyCpus(int... ids) {
        BitSet b = new BitSet();
        for (int id : ids) {
            b.set(id);
        }
        return new TraceOptions(fromNs, toNs, b, events, nrCpus);
    }

    public TraceOptions onlyEvents(String... names) {
        return new TraceOptions(fromNs, toNs, cpus, Set.of(names), nrCpus);
    }

    public TraceOptions withNrCpus(int n) {
        return new TraceOptions(fromNs, toNs, cpus, events, n);
    }

    public boolean keepsTime(long ns) {
        return ns >= fromNs && ns <= toNs;
    }

    public boolean keepsCpu(int cpu) {
        return cpus == null || cpus.get(cpu);
    }

    public boolean keepsEvent(FtraceEvent e) {
        return events == null || events.contains(e.name()) || events.contains(e.system())
            || events.contains(e.system() + ":" + e.name());
    }
}
