package org.preemptsim.metrics.blame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.NmiSourceSpec;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.metrics.Measure;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blame of one sample on small machines, every part derived by hand (the timelines are those
 * of kernel.TimelineTest, PiTest and RtIrqTest, whose latencies those tests check). Every cost is
 * zero unless a case says otherwise, so each part is an exact stretch of the timeline.
 */
class BlameCasesTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    /** The only sample of the run, with its parts by cause and its sites. */
    record Sample(long latency, Long irqLatency, Map<String, Long> causes, List<BlameReport.Part> parts) {
    }

    static Sample sample(MachineSpec spec, String model) {
        RunResult r = Simulation.run(spec, Model.of(model), Measure.ANALYSIS);
        assertThat(r.status()).as(String.valueOf(r.bug())).isEqualTo("ok");
        assertThat(r.blame().samples()).isEqualTo(1);
        BlameReport.WorstSample w = r.blame().worst().get(0);
        assertThat(r.blame().causes()).isEqualTo(w.causes());
        return new Sample(w.latencyNs(), w.irqLatencyNs(), w.causes(), w.parts());
    }

    /** All eleven causes, zero but those given (cause, ns, cause, ns, ...). */
    static Map<String, Long> causes(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int c = 0; c < Cause.COUNT; c++) {
            m.put(Cause.key(c), 0L);
        }
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Long) kv[i + 1]);
        }
        return m;
    }

    static BlameReport.Part part(String cause, long ns, String detail) {
        return new BlameReport.Part(cause, ns, detail);
    }

    static TaskSpec rtSleeper(long atNs) {
        return TaskSpec.fifo("rt", 90, new ProgramBuilder().syscall(230).periodic(atNs).sysret().exit().build()).asMeasured();
    }

    /**
     * A SCHED_OTHER worker in a syscall: 1.2 ms of kernel work (cond_resched every 500 us), then
     * spinlock l held over [1.2, 1.4) ms, then more work; a FIFO task's timer expires at 1.3 ms.
     * On full the timer IRQ wakes it at 1.3 and its exit finds preempt_count 1 (the lock): the
     * wait is the lock's preempt-off section, [1.3, 1.4), until spin_unlock's preempt_enable.
     * On voluntary the unlock does not reschedule: [1.3, 1.4) preemption disabled, then [1.4, 1.5)
     * waiting for the next cond_resched, which the cadence (0.2 ms after 1.0, 0.2 under the lock,
     * 0.1 after it) puts at 1.5 ms in the kernel step after the unlock.
     */
    static MachineSpec spinlockCase() {
        MachineBuilder m = new MachineBuilder("spinlock").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        int l = m.spinlock("l");
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder()
            .syscall(0).kernel(1_200 * US, 500 * US, 0)
            .spinLock(l).kernel(200 * US, 500 * US, 0).spinUnlock(l)
            .kernel(1_600 * US, 500 * US, 0).sysret()
            .loop(0).user(MS).endLoop().build()));
        m.task(rtSleeper(1_300 * US));
        return m.build();
    }

    @Test
    void shouldBlameALongPreemptOffSectionOnFull() {
        Sample s = sample(spinlockCase(), "full");
        assertThat(s.latency()).isEqualTo(100 * US);
        assertThat(s.causes()).isEqualTo(causes("preempt_off", 100 * US));
        assertThat(s.parts()).containsExactly(
            part("preempt_off", 100 * US, "opened at worker: lock l (spinlock_t) (builder step 2)"));
    }

    @Test
    void shouldBlameThePreemptOffSectionThenTheWayToTheNextCondReschedOnVoluntary() {
        Sample s = sample(spinlockCase(), "voluntary");
        assertThat(s.causes()).isEqualTo(causes("preempt_off", 100 * US, "preempt_point", 100 * US));
        assertThat(s.parts()).containsExactly(
            part("preempt_off", 100 * US, "opened at worker: lock l (spinlock_t) (builder step 2)"),
            part("preempt_point", 100 * US, "worker: kernel (builder step 5), until cond_resched"));
    }

    /**
     * A cond_resched gap: 3 ms of kernel work calling cond_resched() every 500 us, nothing else;
     * the FIFO task's timer at 1.3 ms sets need_resched in the IRQ, whose exit does not preempt
     * kernel code on voluntary (nor on none): the next cond_resched at 1.5 ms does, 200 us.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"voluntary", "none"})
    void shouldBlameACondReschedGapOnVoluntaryAndNone(String model) {
        MachineBuilder m = new MachineBuilder("cond-resched").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder().syscall(0).kernel(3 * MS, 500 * US, 0).sysret()
            .loop(0).user(MS).endLoop().build()));
        m.task(rtSleeper(1_300 * US));
        Sample s = sample(m.build(), model);
        assertThat(s.causes()).isEqualTo(causes("preempt_point", 200 * US));
        assertThat(s.parts()).containsExactly(part("preempt_point", 200 * US, "worker: kernel (builder step 1), until cond_resched"));
    }

    /**
     * The lazy tick: a SCHED_OTHER wakee sleeps until 10.2 ms while a fair hog runs a 30 ms
     * syscall from 1 ms. EEVDF asks with resched_curr_lazy: TIF_NEED_RESCHED_LAZY, which the IRQ
     * exit ignores. The tick at 12 ms (HZ=250) upgrades it to TIF_NEED_RESCHED and its own IRQ
     * exit preempts: the whole 1.8 ms is the lazy wait for the tick. On rt the wakee's timer is a
     * soft hrtimer and EEVDF keeps the hog until the same tick: the hog is the task the scheduler
     * prefers, not a lazy wait.
     */
    @Test
    void shouldBlameTheTickWaitOfAFairWakeeOnLazy() {
        MachineBuilder m = new MachineBuilder("lazy-tick").cpus(1).hz(250).costs(Costs.ZERO).durationMs(40);
        m.task(TaskSpec.fair("wakee", 0, new ProgramBuilder().syscall(230).periodic(10_200 * US).sysret().exit().build())
            .asMeasured());
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder().syscall(0).kernel(30 * MS).sysret().loop(0).user(MS).endLoop().build())
            .releasedAt(MS));
        Sample lazy = sample(m.build(), "lazy");
        assertThat(lazy.causes()).isEqualTo(causes("lazy_tick", 1_800 * US));
        assertThat(lazy.parts()).containsExactly(part("lazy_tick", 1_800 * US, "hog: kernel (builder step 1), until irq_exit"));
        Sample rt = sample(m.build(), "rt");
        assertThat(rt.causes()).isEqualTo(causes("higher_prio", 1_800 * US));
    }

    /**
     * A PI chain on rt: low (FIFO 10) holds rt_mutex A from 0 for 3 ms of work; mid (FIFO 20,
     * from 0.5 ms) takes B and, at 1 ms, blocks on A; high (FIFO 30, from 1.5 ms) blocks on B.
     * The chain walk boosts mid and low to high's prio 69 at 1.5 ms. The measured t (FIFO 25,
     * prio 74) wakes at 2 ms and waits: for low, boosted, until it unlocks A at 3.5 ms (it has
     * done 1 ms of its 3 ms by 1.5 ms); for mid, which takes A and, still boosted through B,
     * works its 1 ms until 4.5 ms; then for high (69 < 74 on its own) for 0.5 ms. 3 ms.
     */
    @Test
    void shouldBlameTheLockHoldersOfAPiChainOnRt() {
        MachineBuilder m = new MachineBuilder("pi-chain").cpus(1).hz(250).costs(Costs.ZERO).durationMs(10);
        int a = m.lock("A", LockKind.RT_MUTEX);
        int b = m.lock("B", LockKind.RT_MUTEX);
        m.task(TaskSpec.fifo("low", 10, new ProgramBuilder().syscall(1).lock(a, 0).kernel(3 * MS).unlock(a, 0).sysret()
            .exit().build()));
        m.task(TaskSpec.fifo("mid", 20, new ProgramBuilder().syscall(1).lock(b, 0).kernel(500 * US).lock(a, 0)
            .kernel(MS).unlock(a, 0).unlock(b, 0).sysret().exit().build()).releasedAt(500 * US));
        m.task(TaskSpec.fifo("high", 30, new ProgramBuilder().syscall(1).lock(b, 0).kernel(500 * US).unlock(b, 0)
            .sysret().exit().build()).releasedAt(1_500 * US));
        m.task(TaskSpec.fifo("t", 25, new ProgramBuilder().syscall(230).periodic(2 * MS).sysret().exit().build()).asMeasured());
        Sample s = sample(m.build(), "rt");
        assertThat(s.latency()).isEqualTo(3 * MS);
        assertThat(s.causes()).isEqualTo(causes("higher_prio", 500 * US, "lock_holder", 2_500 * US));
        assertThat(s.parts()).containsExactly(
            part("lock_holder", 1_500 * US, "low: holds A, boosted from prio 89 to 69 for high"),
            part("lock_holder", 1_000 * US, "mid: holds B, boosted from prio 79 to 69 for high"),
            part("higher_prio", 500 * US, "high"));
    }

    /**
     * A long hardirq on full: a device line fires at 1.0 ms with a 500 us handler, IRQs off; the
     * timer expiring at 1.1 ms waits for it: [1.1, 1.5) is the device's hardirq, and the timer's
     * own zero-cost IRQ wakes the task and preempts at once. The IRQ latency is the same 400 us.
     * With a 1 us handler raising 500 us of NET_RX instead, the softirq runs at irq_exit from
     * 1.001 ms; the timer IRQ nests in it but returns into it: [1.1, 1.501) is the softirq. On rt
     * the handler is a thread the FIFO task preempts: nothing stands between.
     */
    @Test
    void shouldBlameALongHardirqHandlerOrItsSoftirq() {
        Sample hard = sample(longIrq(false, Costs.ZERO), "full");
        assertThat(hard.causes()).isEqualTo(causes("hardirq", 400 * US));
        assertThat(hard.irqLatency()).isEqualTo(400 * US);
        assertThat(hard.parts()).containsExactly(part("hardirq", 400 * US, "dev (irq 24)"));
        Sample soft = sample(longIrq(true, Costs.ZERO), "full");
        assertThat(soft.causes()).isEqualTo(causes("softirq", 401 * US));
        assertThat(soft.parts()).containsExactly(part("softirq", 401 * US, "NET_RX"));
        assertThat(sample(longIrq(false, Costs.ZERO), "rt").latency()).isZero();
    }

    /**
     * The same long handler with costs: IRQ entry and exit 1 us each, __schedule 1 us, the switch
     * 2 us, the cache refill 3 us. The device IRQ is [1.000, 1.502): entry, 500 us handler, exit;
     * the hog returns to user and the pending timer IRQ is taken at once, [1.502, 1.504): its
     * entry, a free handler that wakes the task at 1.503 (the IRQ latency: 403 us), its exit. The
     * exit to user schedules: __schedule [1.504, 1.505) and the switch [1.505, 1.507) called by the
     * hog, then the task's refill [1.507, 1.510) before its own code. 410 us.
     */
    @Test
    void shouldBlameInterruptEntryAndExitAndTheSchedulerCosts() {
        Costs c = new Costs(US, US, 0, 0, 0, US, 2 * US, 3 * US, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Sample s = sample(longIrq(false, c), "full");
        assertThat(s.latency()).isEqualTo(410 * US);
        assertThat(s.irqLatency()).isEqualTo(403 * US);
        assertThat(s.causes()).isEqualTo(causes("hardirq", 404 * US, "sched", 6 * US));
        assertThat(s.parts()).containsExactly(
            part("hardirq", 402 * US, "dev (irq 24)"),
            part("sched", 3 * US, "__schedule from hog"),
            part("sched", 3 * US, "rt back from __schedule: cache refill"),
            part("hardirq", 2 * US, "local_timer"));
    }

    static MachineSpec longIrq(boolean softirq, Costs costs) {
        MachineBuilder m = new MachineBuilder("long-irq").cpus(1).hz(250).costs(costs).durationMs(5);
        m.irq(new IrqSourceSpec("dev", 24, 0, Arrivals.listed(new long[] {MS}),
            Dists.fixed(softirq ? US : 500 * US), softirq ? Softirq.NET_RX : -1, Dists.fixed(500 * US), -1));
        m.task(rtSleeper(1_100 * US));
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder().loop(0).user(MS).endLoop().build()));
        return m.build();
    }

    /**
     * An NMI: the worker holds spinlock l from 1.0 ms for 300 us of work; the FIFO task's timer at
     * 1.1 ms wakes it, the IRQ exit finds the lock's count. An NMI at 1.2 ms runs 50 us above
     * everything and suspends the worker, whose unlock moves to 1.35 ms: [1.1, 1.2) and
     * [1.25, 1.35) are the preempt-off section, [1.2, 1.25) the NMI, whatever else held.
     */
    @Test
    void shouldBlameAnNmiAboveEverythingElse() {
        MachineBuilder m = new MachineBuilder("nmi").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        int l = m.spinlock("l");
        m.nmi(new NmiSourceSpec("perf", 0, Arrivals.listed(new long[] {1_200 * US}), Dists.fixed(50 * US)));
        m.task(TaskSpec.fair("worker", 0, new ProgramBuilder().syscall(0).kernel(MS).spinLock(l).kernel(300 * US)
            .spinUnlock(l).sysret().loop(0).user(MS).endLoop().build()));
        m.task(rtSleeper(1_100 * US));
        Sample s = sample(m.build(), "full");
        assertThat(s.latency()).isEqualTo(250 * US);
        assertThat(s.irqLatency()).isZero();
        assertThat(s.causes()).isEqualTo(causes("nmi", 50 * US, "preempt_off", 200 * US));
        assertThat(s.parts()).containsExactly(
            part("preempt_off", 200 * US, "opened at worker: lock l (spinlock_t) (builder step 2)"),
            part("nmi", 50 * US, "perf"));
    }

    /**
     * A timer raised under an NMI: a fair hog runs in user mode; an NMI at 1.08 ms runs 50 us and
     * the FIFO task's hrtimer expires at 1.1 ms, inside it. The interrupt stays pending at the
     * APIC while the NMI runs and is taken as soon as the NMI returns to the IRQs-on user code, at
     * 1.13 ms (arch/x86/entry/entry_64.S: the iret restores IF, so the pending vector fires next),
     * not at some later event: 30 us, all NMI, and the timer's IRQ latency is those 30 us.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "full", "rt"})
    void shouldTakeAnInterruptRaisedDuringAnNmiWhenTheNmiReturns(String model) {
        MachineBuilder m = new MachineBuilder("nmi-pending").cpus(1).hz(250).costs(Costs.ZERO).durationMs(3);
        m.nmi(new NmiSourceSpec("perf", 0, Arrivals.listed(new long[] {1_080 * US}), Dists.fixed(50 * US)));
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder().loop(0).user(MS).endLoop().build()));
        m.task(rtSleeper(1_100 * US));
        Sample s = sample(m.build(), model);
        assertThat(s.latency()).isEqualTo(30 * US);
        assertThat(s.irqLatency()).isEqualTo(30 * US);
        assertThat(s.causes()).isEqualTo(causes("nmi", 30 * US));
    }

    /**
     * A remote wakeup: t (FIFO 50, CPUs 0-1) sleeps on CPU 0 until 2 ms; a FIFO 99 hog pinned to
     * CPU 0 runs a 3 ms syscall from 1 ms. At 2 ms the timer IRQ on CPU 0 wakes t and
     * select_task_rq_rt puts it on CPU 1, where a fair task is in a 3 ms syscall since 0.5 ms:
     * resched_curr sends a reschedule IPI, 1 us in flight. On full the IPI's exit preempts the
     * fair task: 1 us, all IPI delivery. On none the IPI lands at 2.001 ms but the kernel code is
     * not preempted until its syscall returns to user at 3.5 ms: 1 us of IPI, then 1.499 ms
     * waiting for that preemption point.
     */
    @Test
    void shouldBlameTheIpiInFlightThenThePreemptionPointOfARemoteWakeup() {
        MachineBuilder m = new MachineBuilder("ipi").cpus(2).hz(250).durationMs(5)
            .costs(new Costs(0, 0, 0, 0, 0, 0, 0, 0, US, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        m.task(TaskSpec.fifo("hog", 99, new ProgramBuilder().syscall(1).kernel(3 * MS).sysret().exit().build()).onCpu(0)
            .releasedAt(MS));
        m.task(TaskSpec.fair("other", 0, new ProgramBuilder().syscall(1).kernel(3 * MS).sysret().exit().build()).onCpu(1)
            .releasedAt(500 * US));
        m.task(TaskSpec.fifo("t", 50, new ProgramBuilder().syscall(230).periodic(2 * MS).sysret().exit().build()).onCpu(0)
            .withAffinity(new int[] {0, 1}).asMeasured());
        Sample full = sample(m.build(), "full");
        assertThat(full.causes()).isEqualTo(causes("ipi", US));
        assertThat(full.parts()).containsExactly(part("ipi", US, "reschedule IPI in flight"));
        Sample none = sample(m.build(), "none");
        assertThat(none.causes()).isEqualTo(causes("ipi", US, "preempt_point", 1_499 * US));
        assertThat(none.parts()).containsExactly(
            part("preempt_point", 1_499 * US, "other: syscall_exit (builder step 2), until return_to_user"),
            part("ipi", US, "reschedule IPI in flight"));
    }
}
