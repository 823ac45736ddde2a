package org.preemptsim.metrics.blame;

import java.util.List;

/**
 * The scheduling-latency bound of de Oliveira, Casini, de Oliveira and Cucinotta (ECRTS 2020) from
 * the run's own observed variables, per CPU of a measured thread, beside the observed maximum
 * thread latency there. {@code applies} is false, with the reason, outside the bound's assumptions.
 */
public record Bound(boolean applies, String reason, List<CpuBound> cpus) {

    /**
     * One CPU: L = max(D_ST, D_POID) + D_PAIE + D_PSD + I_NMI(L) + I_IRQ(L), least positive fixed point,
     * with the interference from the worst observed closed window of each source; the sporadic
     * characterization (minimum inter-arrival, maximum length) beside it, null when it diverges.
     */
    public record CpuBound(int cpu, String task, long observedMaxNs, long boundNs, Long sporadicBoundNs,
                           long dStNs, long dPoidNs, long dPaieNs, long dPsdNs, long lIfNs, long iNmiNs, long iIrqNs,
                           List<Source> sources) {
    }

    /** An interrupt source on that CPU: occurrences, longest, shortest gap between arrivals (null: one). */
    public record Source(String name, boolean nmi, long count, long maxNs, Long minGapNs) {
    }
}
