package org.preemptsim.metrics.blame;

/**
 * What the analysis knows of one CPU between tracepoints: the flags only the tracepoint stream
 * tells (inside __schedule, a softirq handler running in a frame, a reschedule IPI on its way),
 * the state in force since its last tracepoint, and where the current IRQs-off and preemption-off
 * sections of task context began.
 */
final class CpuTrack {

    final int id;
    final Timeline log = new Timeline();

    boolean inSched;
    int schedWho;
    int schedWhere;
    boolean sirqFrame;
    boolean ipi;

    int state = CpuState.IDLE;
    int who = -1;
    int where = -1;

    boolean irqOffOpen;
    int irqOffWho;
    int irqOffWhere;
    boolean preemptOffOpen;
    int preemptOffWho;
    int preemptOffWhere;

    CpuTrack(int id) {
        this.id = id;
        log.append(0, state, who, where);
    }
}
