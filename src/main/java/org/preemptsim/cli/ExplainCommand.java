package org.preemptsim.cli;

import org.preemptsim.kernel.Build;
import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.MachineSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.NmiSourceSpec;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.report.ProgramText;
import org.preemptsim.workload.Durations;
import org.preemptsim.workload.Program;
import org.preemptsim.workload.scenario.CompiledScenario;
import org.preemptsim.workload.scenario.CostsReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
        sb.append(String.format(Locale.ROOT, "kernel %s, %s build, %d CPUs (LLC of %d), HZ=%d (tick %s), idle %s, debug checks %s, "
            + "lockdep %s%n", m.profile().version(), m.staticBuild() ? "static" : "dynamic (PREEMPT_DYNAMIC)", m.cpus(), m.llcSize(),
            m.hz(), Durations.format(m.tickNs()), m.idlePoll() ? "polls TIF_NEED_RESCHED" : "needs an IPI to wake",
            m.debugChecks() ? "on" : "off", m.lockdep() ? "on" : "off"));
        sb.append("duration ").append(Durations.format(m.durationNs())).append(", seed ").append(m.seed()).append('\n');
        sb.append("models: ").append(RunCommand.names(cs.models()));
        if (!cs.refusedDefaults().isEmpty()) {
            sb.append("  (left out, kernel ").append(m.profile().version()).append(" refuses: ")
                .append(String.join(", ", cs.refusedDefaults())).append(')');
        }
        sb.append('\n');
        costs(m, sb);
        locks(cs, sb);
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
        tasks(m, sb);
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

    private static void tasks(MachineSpec m, StringBuilder sb) {
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
                sb.append(ProgramText.render(t.program(), m.locks(), m.waitQueues(), "    "));
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
                for (LockSpec l : m.locks()) {
                    (l.kind().sleepsOnRt() ? sleeping : spinning).add(l.name());
                }
                if (!sleeping.isEmpty()) {
                    sb.append("            sleep on PREEMPT_RT: ").append(String.join(", ", sleeping)).append('\n');
                }
                if (!spinning.isEmpty()) {
                    sb.append("            still spin on PREEMPT_RT: ").append(String.join(", ", spinning)).append('\n');
                }
            }
        }
    }

    /** Each lock with its type and what it is on each model's build; the raw share's conversions. */
    private static void locks(CompiledScenario cs, StringBuilder sb) {
        MachineSpec m = cs.machine();
        sb.append("\nlocks:").append(m.locks().isEmpty() ? " none\n" : "\n");
        if (cs.scenario() != null && cs.scenario().rawSpinlockSharePpm() > 0) {
            long stay = m.locks().stream().filter(l -> l.kind() == LockKind.SPINLOCK).count();
            sb.append("  raw_spinlock_share ").append(BigDecimal.valueOf(cs.scenario().rawSpinlockSharePpm(), 4).stripTrailingZeros()
                .toPlainString()).append("%: ").append(cs.madeRaw().size()).append(" spinlock_t made raw")
                .append(cs.madeRaw().isEmpty() ? "" : " (" + String.join(", ", cs.madeRaw().subList(0, Math.min(8, cs.madeRaw().size())))
                    + (cs.madeRaw().size() > 8 ? ", and " + (cs.madeRaw().size() - 8) + " more" : "") + ")").append(", ").append(stay)
                .append(" stay spinlock_t\n");
        }
        for (LockSpec l : m.locks()) {
            sb.append("  ").append(l.name()).append("  ").append(l.kind().cType());
            if (l.kind() == LockKind.SEMAPHORE) {
                sb.append(" (count ").append(l.count()).append(')');
            }
            if (cs.madeRaw().contains(l.name())) {
                sb.append(" (declared spinlock_t, made raw by raw_spinlock_share)");
            }
            sb.append('\n');
            Map<String, List<String>> byWord = new LinkedHashMap<>();
            for (Model model : cs.models()) {
                byWord.computeIfAbsent(word(l.kind(), model.build().rt()), w -> new ArrayList<>()).add(model.name());
            }
            for (Map.Entry<String, List<String>> e : byWord.entrySet()) {
                sb.append("      ").append(String.join(", ", e.getValue())).append(": ").append(e.getKey()).append('\n');
            }
        }
    }

    /** What a lock of this kind is on a build (Documentation/locking/locktypes.rst, as kernel.locking.Locks implements it). */
    static String word(LockKind k, boolean rt) {
        switch (k) {
            case RAW_SPINLOCK:
                return "spins, preemption off";
            case SPINLOCK:
                return rt ? "sleeping rtlock (rt_mutex) with PI; the holder stays preemptible, migration off" : "spins, preemption off";
            case SEQLOCK:
                return rt ? "writers take a sleeping rtlock with PI; a reader meeting a write blocks on it (boosting the writer)"
                    : "writers spin, preemption off; readers retry while a write is in progress";
            case RWLOCK:
                return rt ? "rwbase_rt: readers share; a writer holds an rt_mutex (PI) and sleeps until the readers leave"
                    : "readers share; writers spin, preemption off";
            case LOCAL_LOCK:
                return rt ? "per-CPU sleeping rtlock with PI, migration off" : "preempt_disable (local_lock_irqsave: local_irq_save), no lock";
            case MUTEX:
                return rt ? "rt_mutex with PI" : "sleeping mutex, FIFO waiters, spins while the owner runs, no PI";
            case RT_MUTEX:
                return "rt_mutex with PI";
            case SEMAPHORE:
                return "sleeping semaphore, FIFO waiters, no owner, no PI";
            default:
                throw new IllegalArgumentException(k.toString());
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
