package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.workload.Arrivals;
import org.preemptsim.workload.Dists;
import org.preemptsim.workload.scenario.ArrivalsReader;
import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.Quantity;
import org.preemptsim.workload.scenario.ScenarioError;
import org.preemptsim.workload.scenario.Where;

import java.util.List;

/**
 * Device interrupts with network-receive-like softirq work: one interrupt line per CPU named in
 * {@code cpus}, each raising NET_RX (or another vector) with its own work per interrupt.
 */
final class IrqLoad implements Workload {

    @Override
    public String name() {
        return "irq-load";
    }

    @Override
    public String summary() {
        return "device IRQs with NET_RX softirq work, one line per CPU";
    }

    @Override
    public List<Param> params() {
        return List.of(
            new Param("name", "eth0", "device name (irq_handler_entry name=); lines are NAME-rx-CPU when several"),
            new Param("irq", "first free from 24", "IRQ number of the first line; the others follow"),
            new Param("cpus", "0", "CPUs the lines' effective affinity points at"),
            new Param("arrivals", "{poisson: {mean: 200us, min_gap: 1us}}", "when each line fires"),
            new Param("handler", "{uniform: [2us, 8us]}", "hardirq handler time"),
            new Param("softirq", "net_rx", "softirq vector raised by the handler"),
            new Param("softirq_work", "{uniform: [5us, 40us]}", "softirq work per interrupt"));
    }

    @Override
    public void compile(Fields f, CompileContext ctx, Where at) {
        String name = f.string("name", "eth0");
        int[] cpus = f.has("cpus") ? Builtins.cpus(f, "cpus", ctx) : new int[] {0};
        int irq = f.has("irq") ? f.integer("irq", 0, 0, 1023) : ctx.freeIrq(24);
        Arrivals.Process arrivals = f.has("arrivals") ? ArrivalsReader.parse(f.node("arrivals"))
            : Arrivals.poisson(200_000, 1_000, 0);
        Quantity handler = f.quantity("handler", Quantity.of(Dists.uniform(2_000, 8_000)));
        int softirq;
        String s = f.string("softirq", "net_rx");
        try {
            softirq = Softirq.of(s);
        } catch (IllegalArgumentException e) {
            throw new ScenarioError(f.at("softirq"), e.getMessage());
        }
        Quantity work = f.quantity("softirq_work", Quantity.of(Dists.uniform(5_000, 40_000)));
        for (int i = 0; i < cpus.length; i++) {
            String line = cpus.length == 1 ? name : name + "-rx-" + cpus[i];
            ctx.irq(new IrqSourceSpec(line, irq + i, cpus[i], arrivals, handler.asDist(), softirq, work.asDist(), -1), at);
        }
    }
}
