package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.ProgramBuilder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What PREEMPT_RT's threaded interrupts and sleeping seqlock writers change, on small machines
 * with every cost zero.
 */
class RtIrqTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;

    /**
     * A device interrupt at 1.0 ms with a 500 us hardirq handler (or a 1 us handler raising 500 us
     * of NET_RX), and a SCHED_FIFO 80 task sleeping until 1.1 ms.
     * <ul>
     * <li>full: the handler runs with IRQs off until 1.5 ms, the local timer waits, then wakes the
     * task and its IRQ exit preempts: 400 us. With the softirq: it runs at irq_exit, serving
     * (count 0x100, not preemptible); the timer interrupt nests in it and wakes the task, but its
     * exit returns into the softirq; the softirq ends at 1.501 ms and the device's IRQ exit
     * preempts: 401 us.</li>
     * <li>rt: the primary handler only wakes irq/24-dev (SCHED_FIFO 50), whose handler (and its
     * softirq, run at the thread's local_bh_enable) is preemptible: the timer at 1.1 ms wakes the
     * FIFO 80 task, which preempts the thread at the timer's IRQ exit: 0 us.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0}, softirq {1}: {2} ns")
    @CsvSource({"full, false, 400000", "rt, false, 0", "full, true, 401000", "rt, true, 0"})
    void shouldDelayAnRtTaskBehindAHardirqOrSoftirqOnlyWithoutThreading(String model, boolean softirq, long expected) {
        MachineBuilder m = new MachineBuilder("long-irq").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        m.irq(new IrqSourceSpec("dev", 24, 0, Arrivals.listed(new long[] {MS}),
            Dists.fixed(softirq ? US : 500 * US), softirq ? Softirq.NET_RX : -1, Dists.fixed(500 * US), -1));
        m.task(TimelineTest.rtSleeper(1_100 * US));
        m.task(TaskSpec.fair("hog", 0, new ProgramBuilder().loop(0).user(MS).endLoop().build()));
        Runs.Outcome o = Runs.run(m.build(), model);
        assertThat(o.latency()).isEqualTo(expected);
        if (model.equals("rt")) {
            assertThat(o.log().lines).anyMatch(l -> l.contains("switch hog -> irq/24-dev"));
        }
    }

    static long exitTime(EventLog log, String task) {
        for (EventLog.Switch s : log.switches) {
            if (s.prev().equals(task) && s.prevState() == Task.TASK_DEAD) {
                return s.ns();
            }
        }
        return -1;
    }

    /**
     * seqlock_t on full, two CPUs: the writer holds the spinlock with preemption off for [0, 1 ms)
     * on CPU 0; a reader on CPU 1 starting at 0.2 ms finds the sequence odd and spins until the
     * write ends at 1 ms, then reads for 50 us: done at 1.05 ms, no retry (it never read torn data).
     */
    @Test
    void shouldMakeAReaderOnAnotherCpuSpinUntilTheWriteEndsOnFull() {
        MachineBuilder m = new MachineBuilder("seq-full").cpus(2).hz(250).costs(Costs.ZERO).durationMs(5);
        int s = m.lock("S", LockKind.SEQLOCK);
        m.task(TaskSpec.fifo("writer", 10, new ProgramBuilder().syscall(1).spinLock(s).kernel(MS).spinUnlock(s)
            .sysret().exit().build()).onCpu(0));
        m.task(TaskSpec.fifo("reader", 90, new ProgramBuilder().syscall(1).seqRead(s, 50 * US).sysret().exit().build())
            .onCpu(1).releasedAt(200 * US));
        EventLog log = new EventLog();
        RunResult r = Simulation.run(m.build(), Model.of("full"), PreemptTable.KERNEL, List.of(log));
        assertThat(r.status()).isEqualTo("ok");
        assertThat(exitTime(log, "reader")).isEqualTo(1_050 * US);
    }

    /**
     * seqlock_t on rt, one CPU: the writer (FIFO 10) is preemptible inside its write section; the
     * reader (FIFO 90) preempts it at 0.2 ms and finds the sequence odd. Spinning would livelock
     * (the writer never runs); instead it takes the writer's lock, blocks and boosts the writer to
     * its priority; the writer finishes at 1.0 ms, is deboosted, and the reader takes and drops the
     * lock, reads the now even sequence for 50 us: done at 1.05 ms.
     */
    @Test
    void shouldMakeAnRtReaderBlockOnTheWriterAndBoostItInsteadOfLivelocking() {
        MachineBuilder m = new MachineBuilder("seq-rt").cpus(1).hz(250).costs(Costs.ZERO).durationMs(5);
        int s = m.lock("S", LockKind.SEQLOCK);
        m.task(TaskSpec.fifo("writer", 10, new ProgramBuilder().syscall(1).spinLock(s).kernel(MS).spinUnlock(s)
            .sysret().exit().build()));
        m.task(TaskSpec.fifo("reader", 90, new ProgramBuilder().syscall(1).seqRead(s, 50 * US).sysret().exit().build())
            .releasedAt(200 * US));
        EventLog log = new EventLog();
        PiTest.PiLog pi = new PiTest.PiLog();
        RunResult r = Simulation.run(m.build(), Model.of("rt"), PreemptTable.KERNEL, List.of(log, pi));
        assertThat(r.status()).isEqualTo("ok");
        assertThat(pi.events).containsExactly("200us writer 89->9", "1000us writer 9->89");
        assertThat(exitTime(log, "reader")).isEqualTo(1_050 * US);
    }
}
