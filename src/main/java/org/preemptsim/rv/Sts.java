package org.preemptsim.rv;

import org.preemptsim.kernel.Cpu;
import org.preemptsim.kernel.Task;

import java.util.List;

/**
 * sts, schedule implies task switch (per-CPU, 6.17): __schedule is entered with IRQs on,
 * disables them before switching, switches at most once, and returns after they are on again.
 * Table: monitors/sts/sts.h; handlers: sts.c (schedule_exit starts it). Its irq_entry is
 * irq_handler_entry plus the x86 vector entries (local_timer, irq_work, reschedule,
 * call_function, call_function_single): the tick and IPIs never emit irq_handler_entry on x86.
 */
public final class Sts extends DaMonitor {

    public static final String NAME = "sts";

    static final int CAN_SCHED = 0;
    static final int CANT_SCHED = 1;
    static final int DISABLE_TO_SWITCH = 2;
    static final int ENABLE_TO_EXIT = 3;
    static final int IN_IRQ = 4;
    static final int SCHEDULING = 5;
    static final int SWITCHING = 6;

    static final int IRQ_DISABLE = 0;
    static final int IRQ_ENABLE = 1;
    static final int IRQ_ENTRY = 2;
    static final int SCHED_SWITCH = 3;
    static final int SCHEDULE_ENTRY = 4;
    static final int SCHEDULE_EXIT = 5;

    private static final int X = Automaton.INVALID;

    static final Automaton MODEL = new Automaton(NAME,
        List.of("can_sched", "cant_sched", "disable_to_switch", "enable_to_exit", "in_irq", "scheduling", "switching"),
        List.of("irq_disable", "irq_enable", "irq_entry", "sched_switch", "schedule_entry", "schedule_exit"),
        new int[][] {
            {CANT_SCHED, X, X, X, SCHEDULING, X},
            {X, CAN_SCHED, CANT_SCHED, X, X, X},
            {X, ENABLE_TO_EXIT, IN_IRQ, SWITCHING, X, X},
            {ENABLE_TO_EXIT, ENABLE_TO_EXIT, ENABLE_TO_EXIT, X, X, CAN_SCHED},
            {X, SCHEDULING, IN_IRQ, X, X, X},
            {DISABLE_TO_SWITCH, X, X, X, X, X},
            {X, ENABLE_TO_EXIT, X, X, X, X},
        }, CAN_SCHED, CAN_SCHED);

    public Sts() {
        super(MODEL, false);
    }

    @Override
    public void irqDisable(long ns, Cpu cpu) {
        handleEvent(of(cpu), IRQ_DISABLE, ns, cpu);
    }

    @Override
    public void irqEnable(long ns, Cpu cpu) {
        handleEvent(of(cpu), IRQ_ENABLE, ns, cpu);
    }

    @Override
    public void irqHandlerEntry(long ns, Cpu cpu, int irq, String name) {
        handleEvent(of(cpu), IRQ_ENTRY, ns, cpu);
    }

    @Override
    public void vectorEntry(long ns, Cpu cpu, int vector) {
        if (IrqEntry.attached(vector)) {
            handleEvent(of(cpu), IRQ_ENTRY, ns, cpu);
        }
    }

    @Override
    public void schedSwitch(long ns, Cpu cpu, boolean preempt, Task prev, int prevState, Task next) {
        handleEvent(of(cpu), SCHED_SWITCH, ns, cpu);
    }

    @Override
    public void schedEntry(long ns, Cpu cpu, boolean preempt) {
        handleEvent(of(cpu), SCHEDULE_ENTRY, ns, cpu);
    }

    @Override
    public void schedExit(long ns, Cpu cpu, boolean isSwitch) {
        handleStartEvent(of(cpu), SCHEDULE_EXIT, ns, cpu);
    }
}
