package org.preemptsim.kernel;

/**
 * The x86 per-CPU {@code preempt_count}: constants and predicates over its raw 32-bit value.
 *
 * <p>Layout (include/linux/preempt.h): PREEMPT bits 0-7, SOFTIRQ 8-15, HARDIRQ 16-19, NMI 20-23.
 * Bit 31 is PREEMPT_NEED_RESCHED, stored <em>inverted</em> (arch/x86/include/asm/preempt.h): set
 * means "no reschedule needed", so a raw value of 0 means "count 0 and a reschedule pending" and
 * {@code preempt_enable()} can test both with one decrement-and-test-for-zero.
 *
 * <p>All methods are static and pure so they can be tested exhaustively and inlined in the loop.
 */
public final class PreemptCount {

    private PreemptCount() {
    }

    public static final int PREEMPT_BITS = 8;
    public static final int SOFTIRQ_BITS = 8;
    public static final int HARDIRQ_BITS = 4;
    public static final int NMI_BITS = 4;

    public static final int PREEMPT_SHIFT = 0;
    public static final int SOFTIRQ_SHIFT = PREEMPT_SHIFT + PREEMPT_BITS;
    public static final int HARDIRQ_SHIFT = SOFTIRQ_SHIFT + SOFTIRQ_BITS;
    public static final int NMI_SHIFT = HARDIRQ_SHIFT + HARDIRQ_BITS;

    public static final int PREEMPT_MASK = ((1 << PREEMPT_BITS) - 1) << PREEMPT_SHIFT; // 0x000000ff
    public static final int SOFTIRQ_MASK = ((1 << SOFTIRQ_BITS) - 1) << SOFTIRQ_SHIFT; // 0x0000ff00
    public static final int HARDIRQ_MASK = ((1 << HARDIRQ_BITS) - 1) << HARDIRQ_SHIFT; // 0x000f0000
    public static final int NMI_MASK = ((1 << NMI_BITS) - 1) << NMI_SHIFT;             // 0x00f00000

    public static final int PREEMPT_OFFSET = 1 << PREEMPT_SHIFT;   // 0x1
    public static final int SOFTIRQ_OFFSET = 1 << SOFTIRQ_SHIFT;   // 0x100: serving a softirq
    public static final int HARDIRQ_OFFSET = 1 << HARDIRQ_SHIFT;   // 0x10000
    public static final int NMI_OFFSET = 1 << NMI_SHIFT;           // 0x100000
    /** local_bh_disable adds twice the serving offset, so bit 8 alone means "serving" (even = disabled). */
    public static final int SOFTIRQ_DISABLE_OFFSET = 2 * SOFTIRQ_OFFSET; // 0x200

    /** x86 PREEMPT_NEED_RESCHED, inverted: set = no reschedule needed. */
    public static final int PREEMPT_NEED_RESCHED = 0x80000000;
    /** A count of 0 with no reschedule pending (the inverted bit set). */
    public static final int PREEMPT_ENABLED = PREEMPT_NEED_RESCHED;

    /** preempt_count(): the raw value with the need-resched bit masked off. */
    public static int count(int raw) {
        return raw & ~PREEMPT_NEED_RESCHED;
    }

    /** test_preempt_need_resched(): the inverted bit is clear. */
    public static boolean testPreemptNeedResched(int raw) {
        return (raw & PREEMPT_NEED_RESCHED) == 0;
    }

    /** set_preempt_need_resched() clears the inverted bit. */
    public static int setPreemptNeedResched(int raw) {
        return raw & ~PREEMPT_NEED_RESCHED;
    }

    /** clear_preempt_need_resched() sets the inverted bit. */
    public static int clearPreemptNeedResched(int raw) {
        return raw | PREEMPT_NEED_RESCHED;
    }

    /** should_resched(off): raw == off, true only when the count equals off and the folded bit is active. */
    public static boolean shouldResched(int raw, int offset) {
        return raw == offset;
    }

    public static int preemptDepth(int raw) {
        return raw & PREEMPT_MASK;
    }

    public static int softirqCount(int raw) {
        return raw & SOFTIRQ_MASK;
    }

    public static int hardirqCount(int raw) {
        return raw & HARDIRQ_MASK;
    }

    public static int nmiCount(int raw) {
        return raw & NMI_MASK;
    }

    public static int irqCount(int raw) {
        return raw & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_MASK);
    }

    public static boolean inNmi(int raw) {
        return nmiCount(raw) != 0;
    }

    public static boolean inHardirq(int raw) {
        return hardirqCount(raw) != 0;
    }

    public static boolean inServingSoftirq(int raw) {
        return (softirqCount(raw) & SOFTIRQ_OFFSET) != 0;
    }

    /** in_softirq() (deprecated in the kernel): BH disabled or serving. */
    public static boolean inSoftirq(int raw) {
        return softirqCount(raw) != 0;
    }

    /** in_interrupt(): NMI, hardirq, softirq serving or BH disabled. */
    public static boolean inInterrupt(int raw) {
        return irqCount(raw) != 0;
    }

    /** in_task(): not in NMI, hardirq or serving softirq (BH-disabled task context is still task). */
    public static boolean inTask(int raw) {
        return (raw & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET)) == 0;
    }

    /** in_atomic(): any count at all. */
    public static boolean inAtomic(int raw) {
        return count(raw) != 0;
    }

    /** in_atomic_preempt_off(): the count is anything but the one preempt_disable of the caller. */
    public static boolean inAtomicPreemptOff(int raw, int preemptDisableOffset) {
        return count(raw) != preemptDisableOffset;
    }

    /** preemptible(): count 0 and IRQs on (always false without PREEMPT_COUNT, handled by the caller). */
    public static boolean preemptible(int raw, boolean irqsDisabled) {
        return count(raw) == 0 && !irqsDisabled;
    }

    /** interrupt_context_level(): 0 task, 1 softirq, 2 hardirq, 3 NMI. */
    public static int interruptContextLevel(int raw) {
        if (inNmi(raw)) {
            return 3;
        }
        if (inHardirq(raw)) {
            return 2;
        }
        return inServingSoftirq(raw) ? 1 : 0;
    }
}
