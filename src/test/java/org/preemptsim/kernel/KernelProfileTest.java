package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Version rules; each cites the kernel change in KernelProfile. */
class KernelProfileTest {

    @Test
    void shouldUseTheEevdfBaseSliceOfEachVersion() {
        assertThat(KernelProfile.parse("6.6").baseSliceNs()).isEqualTo(750_000);
        assertThat(KernelProfile.parse("6.14").baseSliceNs()).isEqualTo(750_000);
        assertThat(KernelProfile.parse("6.12").baseSliceNs()).isEqualTo(750_000);
        // 2ae891b82695 "sched: Reduce the default slice to avoid tasks getting an extra tick"
        assertThat(KernelProfile.parse("6.15").baseSliceNs()).isEqualTo(700_000);
        assertThat(KernelProfile.parse("6.18").baseSliceNs()).isEqualTo(700_000);
        assertThat(KernelProfile.parse("6.12-stable").baseSliceNs()).isEqualTo(700_000);
    }

    @Test
    void shouldOfferLazyFrom613() {
        assertThat(KernelProfile.parse("6.12").refusal(Model.of("lazy"))).contains("6.13");
        assertThat(KernelProfile.parse("6.13").refusal(Model.of("lazy"))).isNull();
    }

    /** kernel/rcu/Kconfig: "default y if PREEMPT || PREEMPT_RT || PREEMPT_DYNAMIC" from 6.15. */
    @Test
    void shouldKeyPreemptRcuOnBuildAndVersion() {
        KernelProfile v618 = KernelProfile.parse("6.18");
        assertThat(v618.preemptRcu(Build.DYNAMIC)).isTrue();
        assertThat(v618.preemptRcu(Build.RT)).isTrue();
        assertThat(v618.preemptRcu(Build.STATIC_PREEMPT)).isTrue();
        assertThat(v618.preemptRcu(Build.STATIC_LAZY)).isFalse();
        assertThat(v618.preemptRcu(Build.STATIC_NONE)).isFalse();
        KernelProfile v613 = KernelProfile.parse("6.13");
        assertThat(v613.preemptRcu(Build.STATIC_LAZY)).isTrue(); // "default y if PREEMPTION"
        assertThat(v613.preemptRcu(Build.STATIC_VOLUNTARY)).isFalse();
    }

    @Test
    void shouldRefuseNoneAndVoluntaryOn7xAsObservedOnRealKernels() {
        KernelProfile v7 = KernelProfile.parse("7.3");
        assertThat(v7.refusal(Model.of("none"))).contains("Dynamic Preempt: unsupported mode: none");
        assertThat(v7.refusal(Model.of("voluntary"))).contains("unsupported mode: voluntary");
        assertThat(v7.refusal(Model.of("full"))).isNull();
        assertThat(v7.refusal(Model.of("rt-lazy"))).isNull();
    }

    @Test
    void shouldRejectMalformedVersions() {
        assertThatThrownBy(() -> KernelProfile.parse("6")).hasMessageContaining("6.18");
        assertThatThrownBy(() -> KernelProfile.parse("5.15")).hasMessageContaining("EEVDF");
        assertThatThrownBy(() -> KernelProfile.parse("6.18-stable")).hasMessageContaining("6.12");
    }

    @Test
    void shouldKnowWhichBuildsCountAndPreempt() {
        assertThat(Build.STATIC_NONE.preemptCount(false)).isFalse();
        assertThat(Build.STATIC_NONE.preemptCount(true)).isTrue(); // DEBUG_ATOMIC_SLEEP selects PREEMPT_COUNT
        assertThat(Build.DYNAMIC.preemption()).isTrue();
        assertThat(Build.STATIC_VOLUNTARY.preemption()).isFalse();
        assertThat(Model.of("rt").build()).isEqualTo(Build.RT);
        assertThat(Model.of("rt-lazy").mode()).isEqualTo(Mode.LAZY);
        assertThat(Model.of("full", true).build()).isEqualTo(Build.STATIC_PREEMPT);
    }
}
