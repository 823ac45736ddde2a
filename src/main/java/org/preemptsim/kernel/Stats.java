package org.preemptsim.kernel;

/**
 * Kernel-wide counters, kept by the kernel itself as /proc/schedstat and /proc/stat would be.
 * The preemptibility operation counters are what the cost model charges.
 */
public final class Stats {
    public long events;
    public long wakeups;
    public long migrations;
    public long reschedRequests;
    public long lazyReschedRequests;
    public long reschedIpis;
    public long callFunctionIpis;
    public long hardirqs;
    public long nmis;
    public long softirqRuns;
    public final long[] preemptions = new long[PreemptPoint.COUNT];
    public long piSetprio;
    public long piBoosts;
    public long longestBoostNs;
    public long longestInversionNs;

    // preemptibility operations actually executed (each charged its cost)
    public long preemptCountOps;
    public long reschedChecks;
    public long mightReschedCalls;
    public long condReschedCalls;
    public long rcuReadOps;
    public long preemptCodeSections;
    public long debugChecks;

    public long totalPreemptions() {
        long s = 0;
        for (long p : preemptions) {
            s += p;
        }
        return s;
    }
}
