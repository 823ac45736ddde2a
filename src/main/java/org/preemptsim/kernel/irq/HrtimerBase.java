package org.preemptsim.kernel.irq;

import org.preemptsim.engine.IndexedHeap;
import org.preemptsim.kernel.Task;

import java.util.Arrays;

/**
 * One CPU's hrtimer base: armed timers ordered by expiry. The CPU's clock event device is
 * programmed to the earliest one; hrtimer_interrupt runs every expired timer in one interrupt.
 * Slot 0 is the tick (tick_sched_timer); task sleep timers take slots from a free list.
 */
final class HrtimerBase {

    static final int TICK_SLOT = 0;

    final IndexedHeap heap = new IndexedHeap(16);
    Task[] slotTask = new Task[16];
    int[] free = new int[16];
    int nFree;

    HrtimerBase() {
        int tick = heap.newTimer();
        assert tick == TICK_SLOT;
    }

    int allocate(Task t) {
        int slot;
        if (nFree > 0) {
            slot = free[--nFree];
        } else {
            slot = heap.newTimer();
            if (slot >= slotTask.length) {
                slotTask = Arrays.copyOf(slotTask, slotTask.length * 2);
            }
        }
        slotTask[slot] = t;
        return slot;
    }

    void release(int slot) {
        slotTask[slot] = null;
        if (nFree == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[nFree++] = slot;
    }
}
