package org.preemptsim.kernel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.DefaultScenario;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The preempt_count operations: the static predicates over a raw x86 value (what every preemption
 * point asks), and the kernel's counted, traced preempt_disable()/preempt_enable() pair on a
 * booted (not running) machine of each kind: PREEMPT_COUNT with PREEMPTION (full), without
 * (none on a static build has no count at all: the pair is two branches).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PreemptCountBench {

    private static final int N = 1024;
    private final int[] raws = new int[N];
    private int i;

    private Kernel full;
    private Cpu fullCpu;
    private Task fullTask;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < N; k++) {
            // Mostly small counts, sometimes in an interrupt, the folded need-resched bit either way.
            int raw = r.nextInt(4) | (r.nextInt(8) == 0 ? PreemptCount.HARDIRQ_OFFSET : 0)
                | (r.nextInt(8) == 0 ? PreemptCount.SOFTIRQ_OFFSET : 0) | (r.nextBoolean() ? PreemptCount.PREEMPT_NEED_RESCHED : 0);
            raws[k] = raw;
        }
        full = Simulation.boot(DefaultScenario.build(1, 1_000_000L), Model.of("full"), PreemptTable.KERNEL, List.of()).kernel();
        fullCpu = full.cpus[0];
        fullTask = full.tasks[0];
    }

    /** in_atomic(), should_resched(0), preemptible(), interrupt_context_level() of one value. */
    @Benchmark
    public void predicates(Blackhole bh) {
        int raw = raws[i++ & (N - 1)];
        bh.consume(PreemptCount.inAtomic(raw));
        bh.consume(PreemptCount.shouldResched(raw, 0));
        bh.consume(PreemptCount.preemptible(raw, false));
        bh.consume(PreemptCount.interruptContextLevel(raw));
    }

    /** Only reading the value, for reference: the cost of the harness. */
    @Benchmark
    public int baseline() {
        return raws[i++ & (N - 1)];
    }

    /** preempt_disable(); preempt_enable() on a full-model kernel: counted, charged, resched-checked. */
    @Benchmark
    public boolean disableEnablePairFull() {
        full.preemptDisable(fullCpu);
        return full.exec.preemptEnablePublic(fullCpu, fullTask);
    }
}
