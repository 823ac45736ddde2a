package org.preemptsim.metrics;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.preemptsim.kernel.Kernel;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A whole machine: the reference scenario (examples/bench/bench.yaml) booted and run for
 * {@code duration} under one model. The {@code events} counter is events (event-queue pops) per
 * second; {@code -prof gc}'s gc.alloc.rate.norm is bytes per run, boot included: {@link #boot}
 * alone gives the boot's share, and the two durations give the steady state
 * ((norm(1s) - norm(100ms)) / (events(1s) - events(100ms)), about 0).
 *
 * <p>Run from the project folder (the scenario file is read at set-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
// The launcher's JVM flags (bin/preemptsim), so the figures compare with bin/preemptsim bench.
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:-UseCompressedOops", "-XX:FreqInlineSize=1200", "-XX:InlineSmallCode=12000",
    "-XX:+UseTransparentHugePages"})
public class MachineBench {

    @Param({"full"})
    public String model;

    @Param({"100ms", "1s"})
    public String duration;

    private MachineSpec spec;
    private Model m;

    /** Events per second, as JMH reports an OPERATIONS counter. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Path file = Path.of("examples/bench/bench.yaml");
        if (!Files.exists(file)) {
            throw new IllegalStateException("run from the project folder: " + file + " not found");
        }
        long ns = org.preemptsim.workload.Durations.parse(duration);
        CompiledScenario cs = ScenarioCompiler.load(file).with(null, ns);
        spec = cs.machine();
        m = Model.of(model);
    }

    @Benchmark
    public long run(Events counter) {
        Kernel k = Simulation.boot(spec, m, PreemptTable.KERNEL, List.of()).kernel();
        k.run();
        counter.events += k.stats.events;
        return k.stats.events;
    }

    /** Booting alone: what a run allocates before its first event. */
    @Benchmark
    public Kernel boot() {
        return Simulation.boot(spec, m, PreemptTable.KERNEL, List.of()).kernel();
    }
}
