package org.preemptsim.rv;

import java.util.List;

/**
 * What one monitor saw in one run.
 *
 * @param name       the monitor
 * @param perTask    per-task (else per-CPU)
 * @param starts     da_monitor_start calls, over all instances
 * @param events     events run through the automaton (a start event the monitor skips is not one)
 * @param violations INVALID_STATE reactions
 * @param first      the first violations in detail (at most {@link DaMonitor#KEPT_VIOLATIONS})
 */
public record MonitorReport(String name, boolean perTask, long starts, long events, long violations, List<Violation> first) {

    public MonitorReport {
        first = List.copyOf(first);
    }

    /** wwnr is wrong on purpose upstream (Documentation/trace/rv/monitor_wwnr.rst): its reports are not failures. */
    public boolean countsAsFailure() {
        return violations > 0 && !name.equals(Wwnr.NAME);
    }

    /** The monitor started and ran events through its automaton. */
    public boolean ran() {
        return starts > 0 && events > 0;
    }
}
