package org.preemptsim.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.report.JsonReport;
import org.preemptsim.report.Results;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded invariant tests over random programs and every model: a failing seed is in the test's
 * name and reproduces exactly with {@code RandomMachines.generate(seed, ...)}.
 */
class InvariantTest {

    static final List<Model> MODELS = List.of(Model.of("none"), Model.of("voluntary"), Model.of("full"), Model.of("lazy"),
        Model.of("rt"), Model.of("rt-lazy"), Model.of("none", true), Model.of("voluntary", true), Model.of("full", true),
        Model.of("lazy", true));

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 100).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldKeepTheKernelsInvariantsOnRandomPrograms(long seed) {
        MachineSpec spec = RandomMachines.generate(seed, RandomMachines.Bug.NONE);
        for (Model model : MODELS) {
            Kernel probe = new Kernel(spec, model, PreemptTable.KERNEL, new org.preemptsim.trace.TraceSink() { });
            InvariantChecker checker = new InvariantChecker(probe.preemptCountOn);
            RunResult r = Simulation.run(spec, model, PreemptTable.KERNEL, List.of(checker));
            checker.finish();
            assertThat(r.status()).as("seed %d %s: %s", seed, model.name(), r.bug()).isEqualTo("ok");
            assertThat(checker.violations).as("seed %d %s", seed, model.name()).isEmpty();
            assertThat(checker.events).isPositive();
            long cpuTime = r.throughput().cpuTimeNs().values().stream().mapToLong(Long::longValue).sum();
            assertThat(cpuTime).as("every CPU-nanosecond accounted once").isEqualTo(spec.durationNs() * spec.cpus());
        }
    }

    static Stream<Long> allLockSeeds() {
        return LongStream.rangeClosed(1, 60).boxed();
    }

    /** The same invariants with every lock type (mutex, rt_mutex, semaphore, rwlock, seqlock, local_lock). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("allLockSeeds")
    void shouldKeepTheInvariantsWithEveryLockType(long seed) {
        MachineSpec spec = RandomMachines.generateAllLocks(seed);
        for (Model model : MODELS) {
            Kernel probe = new Kernel(spec, model, PreemptTable.KERNEL, new org.preemptsim.trace.TraceSink() { });
            InvariantChecker checker = new InvariantChecker(probe.preemptCountOn);
            RunResult r = Simulation.run(spec, model, PreemptTable.KERNEL, List.of(checker));
            checker.finish();
            assertThat(r.status()).as("seed %d %s: %s", seed, model.name(), r.bug()).isEqualTo("ok");
            assertThat(checker.violations).as("seed %d %s", seed, model.name()).isEmpty();
        }
    }

    /** The generator really exercises every lock type, contention and priority inheritance. */
    @org.junit.jupiter.api.Test
    void shouldExerciseEveryLockTypeWithContentionAndPriorityInheritance() {
        java.util.Map<String, long[]> perKind = new java.util.TreeMap<>();
        long boosts = 0;
        for (long seed = 1; seed <= 30; seed++) {
            MachineSpec spec = RandomMachines.generateAllLocks(seed);
            RunResult r = Simulation.run(spec, Model.of("rt"));
            boosts += r.locking().piBoosts();
            for (RunResult.LockResult l : r.locking().locks()) {
                long[] a = perKind.computeIfAbsent(l.kind(), x -> new long[2]);
                a[0] += l.acquisitions();
                a[1] += l.contentions();
            }
        }
        assertThat(perKind.keySet()).containsExactlyInAnyOrder("mutex", "rt_mutex", "semaphore", "spinlock", "rwlock",
            "seqlock", "local_lock", "raw_spinlock");
        perKind.forEach((kind, a) -> assertThat(a[0]).as(kind + " acquisitions").isPositive());
        assertThat(perKind.values().stream().mapToLong(a -> a[1]).sum()).as("contentions").isPositive();
        assertThat(boosts).as("PI boosts on rt").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldGiveIdenticalResultsForTheSameSeed(long seed) {
        MachineSpec spec = RandomMachines.generate(seed, RandomMachines.Bug.NONE);
        for (Model model : List.of(Model.of("none"), Model.of("full"), Model.of("lazy"))) {
            String a = json(spec, Simulation.run(spec, model));
            String b = json(RandomMachines.generate(seed, RandomMachines.Bug.NONE), Simulation.run(spec, model));
            assertThat(b).isEqualTo(a);
        }
    }

    static Stream<Long> buggySeeds() {
        return LongStream.rangeClosed(1, 12).boxed();
    }

    /** Every build here has PREEMPT_COUNT (the debug checks select it), so every run must fail the same way. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("buggySeeds")
    void shouldReportAPlantedSleepUnderASpinlockOnEveryModel(long seed) {
        MachineSpec spec = RandomMachines.generate(seed, RandomMachines.Bug.SLEEP_UNDER_SPINLOCK);
        for (Model model : MODELS) {
            RunResult r = Simulation.run(spec, model);
            assertThat(r.status()).as("seed %d %s", seed, model.name())
                .isEqualTo("BUG: sleeping function called from invalid context at planted bug");
            assertThat(r.bug()).contains("preempt_count: 1, expected: 0").contains("step: ");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("buggySeeds")
    void shouldReportAPlantedUnbalancedPreemptEnableOnEveryModel(long seed) {
        MachineSpec spec = RandomMachines.generate(seed, RandomMachines.Bug.UNBALANCED_PREEMPT_ENABLE);
        for (Model model : MODELS) {
            RunResult r = Simulation.run(spec, model);
            assertThat(r.status()).as("seed %d %s", seed, model.name())
                .isEqualTo("WARNING: preempt_count underflow: DEBUG_LOCKS_WARN_ON(val > preempt_count())");
            assertThat(r.bug()).contains("(planted bug)");
        }
    }

    static String json(MachineSpec spec, RunResult r) {
        return JsonReport.toJson(new Results("preemptsim", spec.name(), "6.18", spec.seed(), spec.durationNs(), List.of(r)));
    }
}
