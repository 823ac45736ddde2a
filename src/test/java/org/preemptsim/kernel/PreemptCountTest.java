package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.preemptsim.kernel.PreemptCount.*;

/**
 * The x86 preempt_count (include/linux/preempt.h, arch/x86/include/asm/preempt.h): field layout,
 * the inverted PREEMPT_NEED_RESCHED bit, and every predicate.
 */
class PreemptCountTest {

    @Test
    void shouldLayOutTheFieldsAsIncludeLinuxPreemptH() {
        assertThat(PREEMPT_MASK).isEqualTo(0x000000ff);
        assertThat(SOFTIRQ_MASK).isEqualTo(0x0000ff00);
        assertThat(HARDIRQ_MASK).isEqualTo(0x000f0000);
        assertThat(NMI_MASK).isEqualTo(0x00f00000);
        assertThat(PREEMPT_OFFSET).isEqualTo(0x1);
        assertThat(SOFTIRQ_OFFSET).isEqualTo(0x100);
        assertThat(SOFTIRQ_DISABLE_OFFSET).isEqualTo(0x200);
        assertThat(HARDIRQ_OFFSET).isEqualTo(0x10000);
        assertThat(NMI_OFFSET).isEqualTo(0x100000);
        assertThat(PREEMPT_NEED_RESCHED).isEqualTo(0x80000000);
    }

    @Test
    void shouldStoreNeedReschedInvertedSoThatRawZeroMeansCountZeroAndReschedPending() {
        int raw = PREEMPT_ENABLED; // count 0, nothing pending: the bit is SET
        assertThat(raw).isEqualTo(0x80000000);
        assertThat(testPreemptNeedResched(raw)).isFalse();
        assertThat(count(raw)).isZero();
        int pending = setPreemptNeedResched(raw);
        assertThat(pending).isZero(); // the famous raw 0: count 0 AND resched needed
        assertThat(testPreemptNeedResched(pending)).isTrue();
        assertThat(clearPreemptNeedResched(pending)).isEqualTo(PREEMPT_ENABLED);
        // preempt_count() masks the bit off whatever it says
        assertThat(count(pending + 3)).isEqualTo(3);
        assertThat(count(raw + 3)).isEqualTo(3);
    }

    @Test
    void shouldMakePreemptEnableDecAndTestHitZeroOnlyWithReschedPending() {
        // preempt_enable: one decrement, then "raw == 0" (x86 decl + ZF)
        int noResched = PREEMPT_ENABLED + 1;
        assertThat(noResched - 1 == 0).isFalse();
        int resched = setPreemptNeedResched(PREEMPT_ENABLED) + 1;
        assertThat(resched - 1 == 0).isTrue();
    }

    @Test
    void shouldReschedOnlyWhenRawEqualsTheOffset() {
        int folded = setPreemptNeedResched(PREEMPT_ENABLED);
        assertThat(shouldResched(folded, 0)).isTrue();
        assertThat(shouldResched(folded + 1, 1)).isTrue();   // cond_resched_lock with one lock held
        assertThat(shouldResched(folded + 1, 0)).isFalse();
        assertThat(shouldResched(PREEMPT_ENABLED, 0)).isFalse();
        assertThat(shouldResched(PREEMPT_ENABLED + 1, 1)).isFalse();
    }

    @Test
    void shouldTellContextsApart() {
        int task = PREEMPT_ENABLED;
        int bhOff = task + SOFTIRQ_DISABLE_OFFSET;
        int serving = task + SOFTIRQ_OFFSET;
        int hardirq = task + HARDIRQ_OFFSET;
        int hardirqOverSoftirq = serving + HARDIRQ_OFFSET;
        int nmi = task + NMI_OFFSET + HARDIRQ_OFFSET;

        assertThat(inTask(task)).isTrue();
        assertThat(inTask(bhOff)).isTrue(); // BH disabled is still task context
        assertThat(inTask(serving)).isFalse();
        assertThat(inTask(hardirq)).isFalse();

        assertThat(inServingSoftirq(serving)).isTrue();
        assertThat(inServingSoftirq(bhOff)).isFalse();
        assertThat(inSoftirq(bhOff)).isTrue();
        assertThat(inInterrupt(bhOff)).isTrue();
        assertThat(inInterrupt(task + 5)).isFalse();

        assertThat(inHardirq(hardirq)).isTrue();
        assertThat(inHardirq(nmi)).isTrue();
        assertThat(inNmi(nmi)).isTrue();
        assertThat(inNmi(hardirq)).isFalse();

        assertThat(interruptContextLevel(task)).isZero();
        assertThat(interruptContextLevel(serving)).isEqualTo(1);
        assertThat(interruptContextLevel(hardirqOverSoftirq)).isEqualTo(2);
        assertThat(interruptContextLevel(nmi)).isEqualTo(3);

        assertThat(softirqCount(bhOff + SOFTIRQ_OFFSET)).isEqualTo(0x300);
        assertThat(hardirqCount(hardirq)).isEqualTo(HARDIRQ_OFFSET);
        assertThat(nmiCount(nmi)).isEqualTo(NMI_OFFSET);
        assertThat(irqCount(nmi + 7)).isEqualTo(NMI_OFFSET + HARDIRQ_OFFSET);
        assertThat(preemptDepth(nmi + 7)).isEqualTo(7);
    }

    @Test
    void shouldDefineAtomicAndPreemptibleOnTheCountAlone() {
        int folded = setPreemptNeedResched(PREEMPT_ENABLED);
        assertThat(inAtomic(PREEMPT_ENABLED)).isFalse();
        assertThat(inAtomic(folded)).isFalse(); // the resched bit is not "atomic"
        assertThat(inAtomic(PREEMPT_ENABLED + 1)).isTrue();
        assertThat(inAtomic(PREEMPT_ENABLED + SOFTIRQ_DISABLE_OFFSET)).isTrue();
        assertThat(preemptible(PREEMPT_ENABLED, false)).isTrue();
        assertThat(preemptible(folded, false)).isTrue();
        assertThat(preemptible(PREEMPT_ENABLED, true)).isFalse();
        assertThat(preemptible(PREEMPT_ENABLED + 1, false)).isFalse();
        // schedule()'s own preempt_disable is the expected one; anything more is "while atomic"
        assertThat(inAtomicPreemptOff(PREEMPT_ENABLED + 1, 1)).isFalse();
        assertThat(inAtomicPreemptOff(PREEMPT_ENABLED + 2, 1)).isTrue();
    }
}
