package org.preemptsim.metrics.blame;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.Model;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.ScenarioCompiler;

import java.nio.file.Path;

class Scratch2 {
    @Test
    void show() {
        for (String ex : System.getProperty("ex", "default.yaml").split(",")) {
            CompiledScenario cs = ScenarioCompiler.load(Path.of("examples", ex)).with(null, Long.getLong("dur", 200_000_000L));
            for (Model m : cs.models()) {
                long t0 = System.nanoTime();
                RunResult r = Simulation.run(cs.machine(), m, cs.measure().withAnalysis(2));
                long t1 = System.nanoTime();
                RunResult r0 = Simulation.run(cs.machine(), m, cs.measure());
                long t2 = System.nanoTime();
                System.out.printf("=== %s %s  %.0f ms with, %.0f ms without%n", ex, m.name(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
                if (!r.ok()) { System.out.println(r.status()); continue; }
                System.out.println("  lat " + r.latency());
                System.out.println("  causes " + r.blame().causes());
                for (var w : r.blame().worst()) {
                    System.out.println("  worst " + w.task() + " cpu" + w.cpu() + " lat " + w.latencyNs() + " irq " + w.irqLatencyNs());
                    for (var p : w.parts()) System.out.println("     " + p.cause() + " " + p.ns() + " " + p.detail());
                }
                System.out.println("  tracers " + r.tracers());
                System.out.println("  bound " + r.bound());
                System.out.println("  acct " + r.accounting().overheadNs());
            }
        }
    }
}
