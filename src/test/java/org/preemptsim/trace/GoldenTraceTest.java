package org.preemptsim.trace;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden ftrace text of small zero-cost scenarios, compared line by line. Formats: comm-pid, CPU and
 * timestamp columns as kernel/trace/trace_output.c trace_print_context; the flags as
 * trace_print_lat_fmt; payloads as the TP_printk of include/trace/events/sched.h, irq.h,
 * preemptirq.h and arch/x86/include/asm/trace/irq_vectors.h (see FtraceEventTest). Each test says
 * why every line is what it is. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenTraceTest {

    /** Every cost zero but the IPI's flight time, 1 us, so a remote wakeup and its IPI read in order. */
    static final Costs IPI_1US = new Costs(0, 0, 0, 0, 0, 0, 0, 0, 1_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static String trace(MachineSpec spec, String model, TraceOptions opts) throws IOException {
        StringWriter out = new StringWriter();
        try (RecordingSink w = TraceWriters.ftrace(out, opts)) {
            TraceFixtures.run(spec, model, w);
        }
        return out.toString();
    }

    /** Compares line by line with src/test/resources/golden/{name}; -Dgolden.update=true rewrites it. */
    private static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", name), actual, StandardCharsets.UTF_8);
        }
        String expected;
        try (InputStream in = GoldenTraceTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertThat(got.get(i)).as("%s line %d", name, i + 1).isEqualTo(want.get(i));
        }
        assertThat(got).as(name).hasSameSizeAs(want);
    }

    /**
     * One CPU, HZ=1000, a SCHED_FIFO 90 task (prio 99-90 = 9) doing clock_nanosleep every 1 ms,
     * events sched, irq and irq_vectors (no preemptirq), model full.
     * <ol>
     * <li>sched_wakeup_new at 0: boot forks cyclic from the idle task, whose count is 1
     * (init_idle_preempt_count), under p->pi_lock (IRQs off, +1) and the rq lock (+1); idle's
     * TIF_NEED_RESCHED is set and folded (wakeup preemption of idle): "dN.3.". The comm column of
     * pid 0 is {@code <idle>}; target_cpu is %03d.</li>
     * <li>sched_switch swapper/0 (pid 0, prio 120) to cyclic: state R (idle is never blocked), "d..2."
     * = IRQs off in __schedule, schedule()'s preempt_disable + rq lock; the flags are clear again.</li>
     * <li>cyclic blocks in its sleep at once (the first expiry is 1 ms): prev_state=S.</li>
     * <li>at 1 ms the local timer (vector 0xec = 236) interrupts idle: "d.h1." (hardirq count, idle's
     * count 1). The tick raises SCHED_SOFTIRQ (vec 7) for load balancing, the expired hrtimer wakes
     * cyclic: sched_waking under try_to_wake_up's guard(preempt) and p->pi_lock ("d.h3."),
     * sched_wakeup also under the rq lock ("dNh4."; from then on 'N': TIF_NEED_RESCHED set and folded
     * on this CPU).</li>
     * <li>softirq_entry/exit of SCHED run from irq_exit with IRQs on, serving: ".Ns1.".</li>
     * <li>idle schedules: sched_switch to cyclic; cyclic's 30 us of user work ends at 0.001030 with the
     * next sleep (S). The same pattern repeats at 2 ms.</li>
     * </ol>
     */
    @Test
    void periodicRtTaskOnOneCpu() throws IOException {
        MachineSpec spec = new MachineBuilder("golden-periodic").cpus(1).hz(1000).costs(Costs.ZERO).durationNs(2_100_000)
            .task(new TaskSpec("cyclic", Policy.SCHED_FIFO, 90, 0, new int[] {0}, 0, 0,
                new ProgramBuilder().loop(0).syscall(230).periodic(1_000_000).sysret().user(30_000).endLoop().build(),
                true, false))
            .build();
        String t = trace(spec, "full", TraceOptions.forCpus(1).onlyEvents("sched", "irq", "irq_vectors"));
        assertGolden("periodic-rt-1cpu.txt", t);
    }

    /**
     * Two CPUs sharing an LLC, idle not polling, every event including preemptirq; all costs zero
     * but a 1 us IPI flight. rt (FIFO 50, prio 49) waits on a wait queue on CPU 0 where the fair
     * hog spins in user space; waker on CPU 1 wakes rt after 50 us of user work.
     * <ol>
     * <li>0 us, CPU 0: boot forks rt and hog, each under p->pi_lock with IRQs off ("dN.3.": idle's
     * count, the pi_lock and the rq lock; idle's need-resched set, folded); idle disables IRQs for
     * __schedule (irq_disable, caller trace_hardirqs_off, parent do_idle) and switches to rt
     * ("d..2.").</li>
     * <li>rt resumes in finish_task_switch: raw_spin_rq_unlock_irq turns IRQs on first (irq_enable
     * prints 'd' and depth 2: trace_hardirqs_on runs before the flag changes, the rq lock is still
     * held), then drops the lock's count; then schedule_tail's preempt_enable ("...1." before the
     * decrement). The exit-to-user path toggles IRQs ("d...." twice).</li>
     * <li>rt's syscall waits: schedule()'s preempt_disable ("...1." after the increment), IRQs off,
     * sched_switch with prev_state=D (TASK_UNINTERRUPTIBLE) to hog, which returns to user space the
     * same way.</li>
     * <li>CPU 1 does the same for waker. The per-CPU buffers are merged by timestamp with the lower
     * CPU first on a tie, as the kernel prints them, so CPU 0's 0 us lines come first.</li>
     * <li>50 us, CPU 1: waker wakes rt (sched_waking, sched_wakeup with target_cpu=000), then
     * sleeps (S) and CPU 1 goes idle. The wakeup sets rt's CPU's TIF_NEED_RESCHED remotely and sends
     * a reschedule IPI (CPU 0 is busy, so not the wake list). try_to_wake_up runs under
     * guard(preempt) and p->pi_lock with IRQs saved: sched_waking "d..2.", sched_wakeup under the rq
     * lock too "d..3.", framed by the preempt/irq events of those locks.</li>
     * <li>51 us, CPU 0: the IPI arrives in hog's user code: 'n' (TIF_NEED_RESCHED, not folded yet);
     * irqentry disables IRQs, irq_enter_rcu raises the hardirq count (preempt_disable fires for the
     * 0 to HARDIRQ_OFFSET transition, "dnh.."), reschedule_entry/exit (vector 0xfd = 253) where
     * scheduler_ipi folds the flag: 'N'; irq_exit_rcu's preempt_enable.</li>
     * <li>Returning to user, exit_to_user_mode_loop sees need-resched: IRQs on, schedule(): hog
     * switches out with prev_state=R (a voluntary schedule of a running task, not R+), rt runs its
     * 10 us of user work and waits again (D) at 61 us; hog resumes.</li>
     * </ol>
     */
    @Test
    void remoteWakeupPreemptsAHogOnTwoCpus() throws IOException {
        MachineBuilder m = new MachineBuilder("golden-remote").cpus(2).llcSize(2).hz(1000).idlePoll(false)
            .costs(IPI_1US).durationNs(70_000);
        int wq = m.waitQueue("wq");
        m.task(new TaskSpec("rt", Policy.SCHED_FIFO, 50, 0, new int[] {0}, 0, 0,
            new ProgramBuilder().loop(0).syscall(0).waitOn(wq).sysret().user(10_000).endLoop().build(), false, false));
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder().loop(0).user(1_000_000).endLoop().build()).onCpu(0));
        m.task(TaskSpec.fair("waker", 0, new ProgramBuilder().loop(0)
            .user(50_000).syscall(1).wake(wq, 1).sysret().sleep(1_000_000).endLoop().build()).onCpu(1));
        String t = trace(m.build(), "full", TraceOptions.forCpus(2));
        assertGolden("remote-wakeup-2cpu.txt", t);
    }

    /**
     * One CPU under the lazy model, events sched and irq_vectors: busy spends 5 ms in one syscall
     * (no preemption point but IRQ exit), sleeper (same nice) sleeps 0.7 ms at a time.
     * <ol>
     * <li>Boot forks both; busy runs first.</li>
     * <li>1 ms tick: busy has used its slice with sleeper waiting, so update_curr asks
     * resched_curr_lazy: TIF_NEED_RESCHED_LAZY only, 'l' (not folded, no IPI, no preemption at IRQ
     * exit).</li>
     * <li>2 ms tick: sched_tick upgrades the pending lazy request to TIF_NEED_RESCHED, folded: 'B'
     * (both bits plus the folded one). IRQ exit now preempts the kernel code: sched_switch with
     * prev_state=R+. sleeper runs and sleeps at once (S); busy continues.</li>
     * <li>2.7 ms: sleeper's hrtimer fires (local_timer_entry at that instant), the wakeup preemption
     * of the fair class is lazy again: 'l' from sched_wakeup on; the 3 ms tick upgrades it ('B') and
     * busy is preempted (R+); sleeper runs 20 us of user work and sleeps at 3.02 ms.</li>
     * </ol>
     */
    @Test
    void lazyWakeupWaitsForTheTick() throws IOException {
        MachineSpec spec = new MachineBuilder("golden-lazy").cpus(1).hz(1000).costs(Costs.ZERO).durationNs(3_100_000)
            .task(TaskSpec.fair("busy", 0, new ProgramBuilder().loop(0).syscall(0).kernel(5_000_000).sysret().endLoop().build()).onCpu(0))
            .task(TaskSpec.fair("sleeper", 0, new ProgramBuilder().loop(0).syscall(35).sleep(700_000).sysret().user(20_000).endLoop().build()).onCpu(0))
            .build();
        String t = trace(spec, "lazy", TraceOptions.forCpus(1).onlyEvents("sched", "irq_vectors"));
        assertGolden("lazy-1cpu.txt", t);
    }
}
