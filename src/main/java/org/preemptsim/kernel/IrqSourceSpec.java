package org.preemptsim.kernel;

import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.Dist;

/**
 * A device interrupt line.
 *
 * @param name        the handler's name (irq_handler_entry name=, and irq/N-name on RT)
 * @param irq         the Linux IRQ number
 * @param cpu         the CPU its effective affinity points at
 * @param arrivals    when the device raises it
 * @param handler     the hardirq handler's execution time
 * @param softirq     the softirq vector it raises (see {@code Softirq}), or -1
 * @param softirqWork the work the raised softirq does for each interrupt
 * @param wakeQueue   a wait queue the handler wakes (one token per interrupt), or -1
 * @param lock        a spinlock_t or raw_spinlock_t the handler holds around its work, or -1
 */
public record IrqSourceSpec(String name, int irq, int cpu, Arrivals.Process arrivals, Dist handler,
                            int softirq, Dist softirqWork, int wakeQueue, int lock) {

    public IrqSourceSpec(String name, int irq, int cpu, Arrivals.Process arrivals, Dist handler,
                         int softirq, Dist softirqWork, int wakeQueue) {
        this(name, irq, cpu, arrivals, handler, softirq, softirqWork, wakeQueue, -1);
    }
}
