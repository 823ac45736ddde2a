package org.preemptsim.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.preemptsim.rv.MonitorReport;
import org.preemptsim.rv.RvMonitors;
import org.preemptsim.rv.Verifier;
import org.preemptsim.rv.Wwnr;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's RV monitors as an oracle over seeded random machines (RandomMachines: nested
 * spinlock/irqsave/bh/preempt/rcu sections, blocking, wakeups, IRQs, NMIs) under the five models:
 * no monitor but wwnr may report anything, and every monitor runs whenever the run gives it
 * something to check ({@link RvOpportunities}). A failing seed is in the test's name.
 */
class RvRandomMachinesTest {

    static final int SEEDS = 200;
    static final List<String> MODELS = Model.DEFAULT_NAMES;

    private static final AtomicInteger RUNS = new AtomicInteger();
    /** Runs in which each monitor ran, over all seeds and models. */
    private static final Map<String, AtomicInteger> RAN = new ConcurrentHashMap<>();

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, SEEDS).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldSatisfyTheKernelsMonitorsOnRandomMachines(long seed) {
        MachineSpec spec = RandomMachines.generate(seed, RandomMachines.Bug.NONE);
        for (String name : MODELS) {
            Verifier.ModelReport r = check(spec, seed, Model.of(name));
            assertThat(r.notBuilt()).as("every model here is a PREEMPTION build").isEmpty();
            for (MonitorReport m : r.monitors()) {
                if (m.ran()) {
                    RAN.computeIfAbsent(m.name(), k -> new AtomicInteger()).incrementAndGet();
                }
            }
            RUNS.incrementAndGet();
        }
    }

    static Stream<Long> fewerSeeds() {
        return LongStream.rangeClosed(1, 40).boxed();
    }

    /** rt-lazy and the static builds: none and voluntary have no preempt_disable/enable events, so no wip, scpd, snep. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewerSeeds")
    void shouldSatisfyTheMonitorsEachOtherBuildHas(long seed) {
        MachineSpec spec = RandomMachines.generate(seed, RandomMachines.Bug.NONE);
        for (Model model : List.of(Model.of("rt-lazy"), Model.of("none", true), Model.of("voluntary", true),
            Model.of("full", true), Model.of("lazy", true))) {
            Verifier.ModelReport r = check(spec, seed, model);
            assertThat(r.notBuilt()).as("%s", model).isEqualTo(model.build().preemption() ? List.of() : List.of("wip", "scpd", "snep"));
        }
    }

    private static Verifier.ModelReport check(MachineSpec spec, long seed, Model model) {
        String name = model.name() + (model.build().dynamic() || model.build().rt() ? "" : " (static)");
        RvOpportunities witness = new RvOpportunities();
        Verifier.ModelReport r = Verifier.run(spec, model, RvMonitors.NAMES, List.of(witness));

        assertThat(r.result().status()).as("seed %d %s: %s", seed, name, r.result().bug()).isEqualTo("ok");
        for (MonitorReport m : r.monitors()) {
            if (!m.name().equals(Wwnr.NAME)) {
                assertThat(m.violations()).as("seed %d %s %s:%n%s", seed, name, m.name(),
                    m.first().isEmpty() ? "" : m.first().get(0).describe()).isZero();
            }
            if (witness.has(m.name())) {
                assertThat(m.ran()).as("seed %d %s: %s had events to check but never ran (%d starts, %d events)",
                    seed, name, m.name(), m.starts(), m.events()).isTrue();
            }
        }
        return r;
    }

    /** Over the whole set, every monitor ran in nearly every run (the exceptions are starved machines). */
    @AfterAll
    static void everyMonitorShouldHaveRunAlmostEverywhere() {
        int runs = RUNS.get();
        if (runs < SEEDS * MODELS.size()) {
            return; // a subset was selected
        }
        Map<String, Integer> ran = new TreeMap<>();
        for (String n : RvMonitors.NAMES) {
            ran.put(n, RAN.getOrDefault(n, new AtomicInteger()).get());
        }
        for (Map.Entry<String, Integer> e : ran.entrySet()) {
            assertThat(e.getValue()).as("runs in which %s ran, of %d: %s", e.getKey(), runs, ran)
                .isGreaterThanOrEqualTo(runs * 95 / 100);
        }
    }
}
