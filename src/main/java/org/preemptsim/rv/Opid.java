package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.PreemptCount;
import org.preemptsim.kernel.Task;

import java.util.List;

/**
 * opid, operations with preemption and IRQs disabled (per-CPU), in its newest hybrid form
 * (models/sched/opid.dot and monitors/opid/opid.c at 2b406fdb): one state "any" whose two
 * self-loops are guarded, sched_need_resched by irq_off == 1 and sched_waking by
 * irq_off == 1 && preempt_off == 1. Both are start-run events, so the monitor always runs.
 *
 * <p>preempt_off: the kernel monitor runs inside the tracepoint, which itself holds a
 * preempt_disable, so under CONFIG_PREEMPTION it tests {@code (preempt_count() & PREEMPT_MASK) > 1};
 * the simulated CPU's count excludes the tracepoint, so here it is {@code >= 1}. Without
 * PREEMPTION it is always true. Kconfig (hybrid): depends on RV_MON_SCHED only, so every build.
 */
public final class Opid extends DaMonitor {

    public static final String NAME = "opid";

    static final int ANY = 0;

    static final int SCHED_NEED_RESCHED = 0;
    static final int SCHED_WAKING = 1;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("any"),
        List.of("sched_need_resched", "sched_waking"),
        new int[][] {
            {ANY, ANY},
        }, ANY, ANY);

    private final boolean preemption;

    /** @param preemption CONFIG_PREEMPTION of the monitored kernel */
    public Opid(boolean preemption) {
        super(MODEL, false);
        this.preemption = preemption;
    }

    @Override
    public void schedSetNeedResched(long ns, Cpu cpu, Task target, int targetCpu, boolean lazy) {
        handleStartRunEvent(of(cpu), SCHED_NEED_RESCHED, ns, cpu);
    }

    @Override
    public void schedWaking(long ns, Cpu cpu, Task p) {
        handleStartRunEvent(of(cpu), SCHED_WAKING, ns, cpu);
    }

    /** ha_get_env(irq_off): irqs_disabled(). */
    static int irqOff(Cpu cpu) {
        return cpu.irqsDisabled ? 1 : 0;
    }

    /** ha_get_env(preempt_off), without the tracepoint's own disable. */
    int preemptOff(Cpu cpu) {
        if (!preemption) {
            return 1;
        }
        return PreemptCount.preemptDepth(cpu.preemptCount) >= 1 ? 1 : 0;
    }

    @Override
    protected String failedGuard(int state, int event, Cpu cpu) {
        int irqOff = irqOff(cpu);
        if (event == SCHED_NEED_RESCHED) {
            return irqOff == 1 ? null : "irq_off == 1 with irq_off=" + irqOff;
        }
        int preemptOff = preemptOff(cpu);
        return irqOff == 1 && preemptOff == 1 ? null
            : "irq_off == 1 && preempt_off == 1 with irq_off=" + irqOff + " preempt_off=" + preemptOff;
    }
}
