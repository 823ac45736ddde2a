package org.preemptsim.rv;

import org.preemptsim.trace.Vectors;

/**
 * The "irq_entry" event of sts and nrp: irq_handler_entry, and on x86 (CONFIG_X86_LOCAL_APIC)
 * the vector entries attach_vector_irq() attaches: local_timer, irq_work (CONFIG_IRQ_WORK),
 * reschedule, call_function and call_function_single (CONFIG_SMP).
 */
final class IrqEntry {

    private IrqEntry() {
    }

    static boolean attached(int vector) {
        return vector == Vectors.LOCAL_TIMER || vector == Vectors.IRQ_WORK || vector == Vectors.RESCHEDULE
            || vector == Vectors.CALL_FUNCTION || vector == Vectors.CALL_FUNCTION_SINGLE;
    }
}
