package org.preemptsim.kernel;

import org.junit.jupiter.api.Test;
import org.preemptsim.metrics.Measure;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;

class Scratch3 {
    @Test
    void show() {
        for (long seed = Long.getLong("from", 0); seed < Long.getLong("to", 150); seed++) {
            MachineSpec spec = RtBoundSweepTest.insideAssumptions(seed);
            RunResult r = Simulation.run(spec, Model.of(System.getProperty("model", "rt")), Measure.ANALYSIS.withAnalysis(200));
            if (!r.ok()) { System.out.println("seed " + seed + " " + r.bug()); continue; }
            for (var c : r.bound().cpus()) {
                if (c.observedMaxNs() <= c.boundNs()) continue;
                System.out.println("seed " + seed + " " + spec.costs());
                System.out.println(c);
                for (var w : r.blame().worst()) {
                    if (w.cpu() != c.cpu() || w.latencyNs() <= c.boundNs()) continue;
                    System.out.println("worst " + w.task() + " cpu" + w.cpu() + " E=" + w.expiryNs() + " lat " + w.latencyNs() + " irq " + w.irqLatencyNs());
                    for (var p : w.parts()) System.out.println("   " + p.cause() + " " + p.ns() + " " + p.detail());
                }
            }
        }
    }
}
