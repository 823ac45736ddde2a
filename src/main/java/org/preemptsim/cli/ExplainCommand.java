package org.preemptsim.cli;

import org.preemptsim.kernel.Build;
import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.NmiSourceSpec;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.report.ProgramText;
import org.preemptsim.workload.Durations;
import org.preemptsim.workload.Program;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.CostsReader;
import org.preemptsim.workload.scenario.LockKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Prints the machine a scenario compiles to (CPUs, costs, locks, IRQ sources, tasks and their programs "
        + "with the file line of each step) and, per model, what differs: which preemption points are live "
        + "(PREEMPT_DYNAMIC's table) and which locks would sleep on PREEMPT_RT. Runs nothing.",
        "Exit status: 0 ok, 2 bad input."},
    footer = {"", "Example:", "  bin/preemptsim explain examples/default.yaml"})
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file.")
    Path scenario;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledScenario cs;
        try {
            cs = ScenarioRun.load(scenario);
        } catch (ScenarioRun.BadInput e) {
            err.println(e.getMessage());
            err.flush();
            return ScenarioRun.BAD_INPUT;
        }
        out.print(render(cs));
        out.flush();
        return 0;
    }

    static String render(CompiledScenario cs) {
        MachineSpec m = cs.machine();
        StringBuilder sb = new StringBuilder();
        sb.append("scenario ").append(m.name()).append(" (").append(cs.scenario().file()).append(")\n");
        if (cs.scenario().description() != null) {
            sb.append("  ").append(cs.scenario().description().strip().replace("\n", "\n  ")).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "kernel %s, %s build, %d CPUs (LLC of %d), HZ=%d (tick %s), idle %s, debug checks %s%n",
            m.profile().version(), m.staticBuild() ? "static" : "dynamic (PREEMPT_DYNAMIC)", m.cpus(), m.llcSize(), m.hz(),
            Durations.format(m.tickNs()), m.idlePoll() ? "polls TIF_NEED_RESCHED" : "needs an IPI to wake",
            m.debugChecks() ? "on" : "off"));
        sb.append("duration ").append(Durations.format(m.durationNs())).append(", seed ").append(m.seed()).append('\n');
        sb.append("models: ").append(RunCommand.names(cs.models()));
        if (!cs.refusedDefaults().isEmpty()) {
            sb.append("  (left out, kernel ").append(m.profile().version()).append(" refuses: ")
                .append(String.join(", ", cs.refusedDefaults())).append(')');
        }
        sb.append('\n');
        costs(m, sb);
        List<String> lockNames = new ArrayList<>();
        for (LockSpec l : m.locks()) {
            lockNames.add(l.name());
        }
        sb.append("\nlocks:").append(m.locks().isEmpty() ? " none\n" : "\n");
        for (int i = 0; i < m.locks().size(); i++) {
            sb.append("  ").append(m.locks().get(i).name()).append("  ").append(cs.lockKinds().get(i).cType()).append('\n');
        }
        sb.append("wait queues:").append(m.waitQueues().isEmpty() ? " none" : " " + String.join(", ", m.waitQueues())).append('\n');
        sb.append("\nIRQ sources:").append(m.irqs().isEmpty() ? " none\n" : "\n");
        for (IrqSourceSpec s : m.irqs()) {
            sb.append(String.format(Locale.ROOT, "  %s: irq %d on CPU %d, arrivals %s, handler %s", s.name(), s.irq(), s.cpu(),
                s.arrivals(), s.handler()));
            if (s.softirq() >= 0) {
                sb.append(", raises ").append(Softirq.name(s.softirq())).append(" softirq ").append(s.softirqWork());
            }
            if (s.wakeQueue() >= 0) {
                sb.append(", wakes ").append(m.waitQueues().get(s.wakeQueue()));
            }
            sb.append('\n');
        }
        sb.append("NMI sources:").append(m.nmis().isEmpty() ? " none\n" : "\n");
        for (NmiSourceSpec s : m.nmis()) {
            sb.append(String.format(Locale.ROOT, "  %s: on CPU %d, arrivals %s, handler %s%n", s.name(), s.cpu(), s.arrivals(),
                s.handler()));
        }
        tasks(m, lockNames, sb);
        perModel(cs, sb);
        return sb.toString();
    }

    private static void costs(MachineSpec m, StringBuilder sb) {
        List<String> keys = CostsReader.keys();
        long[] v = CostsReader.values(m.costs());
        sb.append("costs:");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i % 6 == 0 ? "\n  " : ", ").append(keys.get(i)).append(' ').append(Durations.format(v[i]));
        }
        sb.append('\n');
    }

    private static void tasks(MachineSpec m, List<String> lockNames, StringBuilder sb) {
        sb.append("\ntasks (").append(m.tasks().size()).append("):\n");
        Map<Program, String> listed = new IdentityHashMap<>();
        for (TaskSpec t : m.tasks()) {
            String sched = t.policy().rt() ? t.policy().shortName() + " " + t.priority()
                : t.policy().shortName() + " nice " + t.nice();
            String aff = t.affinity() == null ? "all CPUs" : (t.affinity().length == 1 ? "CPU " : "CPUs ") + cpuList(t.affinity());
            sb.append(String.format(Locale.ROOT, "  %-18s %-12s %-14s release %-8s%s%s%n", t.name(), sched, aff,
                Durations.format(t.releaseNs()), t.kthread() ? " kthread" : "", t.measured() ? " measured" : ""));
            String first = listed.get(t.program());
            if (first != null) {
                sb.append("      program: as ").append(first).append('\n');
            } else {
                listed.put(t.program(), t.name());
                sb.append(ProgramText.render(t.program(), lockNames, m.waitQueues(), "    "));
            }
        }
    }

    private static String cpuList(int[] cpus) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < cpus.length) {
            int j = i;
            while (j + 1 < cpus.length && cpus[j + 1] == cpus[j] + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(cpus[i]);
            if (j > i) {
                sb.append('-').append(cpus[j]);
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** Per model: the live preemption points (PreemptTable.KERNEL), PREEMPT_COUNT/RCU, and the locks on RT. */
    private static void perModel(CompiledScenario cs, StringBuilder sb) {
        MachineSpec m = cs.machine();
        sb.append("\nper model:\n");
        for (Model model : cs.models()) {
            Build b = model.build();
            PreemptTable.Row row = PreemptTable.KERNEL.row(model.mode());
            List<String> live = new ArrayList<>();
            List<String> off = new ArrayList<>();
            live.add("return_to_user");
            (b.preemption() && row.irqentryExitCondResched() ? live : off).add("irq_exit");
            (b.preemption() && row.preemptSchedule() ? live : off).add("preempt_enable");
            (row.condResched() ? live : off).add("cond_resched");
            (row.mightResched() ? live : off).add("might_resched");
            sb.append(String.format(Locale.ROOT, "  %-9s %s, preempt=%s%n", model.name(), buildName(b), model.mode().sysfsName()));
            sb.append("            preemption points live: ").append(String.join(", ", live));
            sb.append(off.isEmpty() ? "" : "; not live: " + String.join(", ", off)).append('\n');
            sb.append("            ").append(row.preemptLazy()
                ? "fair wakeups and ticks set TIF_NEED_RESCHED_LAZY (preempts at the next tick or return to user)"
                : "fair wakeups set TIF_NEED_RESCHED").append('\n');
            sb.append("            preempt_count ").append(b.preemptCount(m.debugChecks()) ? "kept" : "not kept")
                .append(", RCU ").append(m.profile().preemptRcu(b) ? "preemptible (PREEMPT_RCU)" : "not preemptible").append('\n');
            if (b.rt() && !m.locks().isEmpty()) {
                List<String> sleeping = new ArrayList<>();
                List<String> spinning = new ArrayList<>();
                for (int i = 0; i < m.locks().size(); i++) {
                    LockKind k = cs.lockKinds().get(i);
                    (k.sleepsOnRt() ? sleeping : spinning).add(m.locks().get(i).name());
                }
                if (!sleeping.isEmpty()) {
                    sb.append("            sleep on PREEMPT_RT (spinlock_t is an rtlock there): ").append(String.join(", ", sleeping))
                        .append("\n            (this simulator's kernel still spins them: rtlocks are not modelled yet)\n");
                }
                if (!spinning.isEmpty()) {
                    sb.append("            still spin on PREEMPT_RT: ").append(String.join(", ", spinning)).append('\n');
                }
            }
        }
    }

    private static String buildName(Build b) {
        switch (b) {
            case DYNAMIC:
                return "PREEMPT_DYNAMIC";
            case STATIC_NONE:
                return "CONFIG_PREEMPT_NONE";
            case STATIC_VOLUNTARY:
                return "CONFIG_PREEMPT_VOLUNTARY";
            case STATIC_PREEMPT:
                return "CONFIG_PREEMPT";
            case STATIC_LAZY:
                return "CONFIG_PREEMPT_LAZY";
            default:
                return "PREEMPT_RT";
        }
    }
}
