package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.util.List;

/**
 * nrp, need-resched preempts (per-task, 6.17): a preemption (__schedule(SM_PREEMPT)) needs a
 * TIF_NEED_RESCHED set on the task first; after an interrupt one nested preemption is tolerated.
 * Table: monitors/nrp/nrp.h; handlers: nrp.c: sched_set_need_resched with TIF_NEED_RESCHED (not
 * the lazy bit) starts it on the target task, irq_entry (see {@link IrqEntry}) and schedule_entry
 * go to current.
 */
public final class Nrp extends DaMonitor {

    public static final String NAME = "nrp";

    static final int PREEMPT_IRQ = 0;
    static final int ANY_THREAD_RUNNING = 1;
    static final int NESTED_PREEMPT = 2;
    static final int RESCHEDULING = 3;

    static final int IRQ_ENTRY = 0;
    static final int SCHED_NEED_RESCHED = 1;
    static final int SCHEDULE_ENTRY = 2;
    static final int SCHEDULE_ENTRY_PREEMPT = 3;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("preempt_irq", "any_thread_running", "nested_preempt", "rescheduling"),
        List.of("irq_entry", "sched_need_resched", "schedule_entry", "schedule_entry_preempt"),
        new int[][] {
            {PREEMPT_IRQ, PREEMPT_IRQ, NESTED_PREEMPT, NESTED_PREEMPT},
            {ANY_THREAD_RUNNING, RESCHEDULING, ANY_THREAD_RUNNING, X},
            {NESTED_PREEMPT, PREEMPT_IRQ, ANY_THREAD_RUNNING, ANY_THREAD_RUNNING},
            {PREEMPT_IRQ, RESCHEDULING, ANY_THREAD_RUNNING, ANY_THREAD_RUNNING},
        }, PREEMPT_IRQ, ANY_THREAD_RUNNING);

    public Nrp() {
        super(MODEL, true);
    }

    @Override
    public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
        handleEvent(of(cpu.curr), IRQ_ENTRY, ns, cpu);
    }

    @Override
    public void vectorEntry(long ns, Cpu cpu, int vector) {
        if (IrqEntry.attached(vector)) {
            handleEvent(of(cpu.curr), IRQ_ENTRY, ns, cpu);
        }
    }

    @Override
    public void schedSetNeedResched(long ns, Cpu cpu, Task target, int targetCpu, boolean lazy) {
        if (!lazy) {
            handleStartEvent(of(target), SCHED_NEED_RESCHED, ns, cpu);
        }
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        handleEvent(of(cpu.curr), preempt ? SCHEDULE_ENTRY_PREEMPT : SCHEDULE_ENTRY, ns, cpu);
    }
}
