package org.preemptsim.trace;

/**
 * One recorded trace entry: the common header (type, flags, preempt count, pid) plus the event's
 * field values, indexed like {@link FtraceEvent#fields()}. Numbers go in {@link #num}, strings in
 * {@link #str}. A writer reuses one instance for every event: it is valid only during the call
 * that hands it over.
 */
public final class TraceRecord {

    public FtraceEvent event;
    public long ns;
    public int cpu;
    public int pid;
    /** The comm of {@link #pid} (the current task's). */
    public String comm;
    /** common_flags ({@link TraceFlags}). */
    public int flags;
    /** common_preempt_count: depth in the low nibble, migrate-disable in the high one. */
    public int preemptCount;
    public final long[] num = new long[8];
    public final String[] str = new String[8];

    public long num(int field) {
        return num[field];
    }

    public String str(int field) {
        return str[field];
    }
}
