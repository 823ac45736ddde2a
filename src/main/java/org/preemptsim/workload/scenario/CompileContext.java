package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.IrqSourceSpec;
import org.preemptsim.kernel.NmiSourceSpec;
import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.workload.MachineBuilder;
import org.preemptsim.workload.Program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine being compiled from a scenario: what tasks, the built-in workloads and the program
 * compiler add to it, with the name tables that resolve locks and wait queues and refuse
 * duplicates. Task indexes handed out here are the kernel's task indexes.
 */
public final class CompileContext {

    private final String file;
    private final int cpus;
    private final MachineBuilder machine;
    private final Map<String, Integer> lockIds = new LinkedHashMap<>();
    private final List<LockKind> lockKinds = new ArrayList<>();
    private final Map<String, Integer> wqIds = new LinkedHashMap<>();
    private final Map<String, Where> taskNames = new HashMap<>();
    private final List<TaskSpec> tasks = new ArrayList<>();
    private final Map<Integer, String> irqNumbers = new HashMap<>();
    private final Map<Integer, Integer> histograms = new HashMap<>();
    private final List<WorkloadReport> reports = new ArrayList<>();

    CompileContext(String file, int cpus, MachineBuilder machine) {
        this.file = file;
        this.cpus = cpus;
        this.machine = machine;
    }

    public String file() {
        return file;
    }

    public int cpus() {
        return cpus;
    }

    /** Adds a task; its name must be new. Returns its task index. */
    public int addTask(TaskSpec t, Where at) {
        Where first = taskNames.get(t.name());
        if (first != null) {
            throw new ScenarioError(at, "there is already a task named '" + t.name() + "' (from line " + first.line() + ")",
                "give each task its own name");
        }
        taskNames.put(t.name(), at);
        machine.task(t);
        tasks.add(t);
        return tasks.size() - 1;
    }

    /** Declares a lock; returns its id. */
    public int declareLock(String name, LockKind kind, Where at) {
        if (lockIds.containsKey(name)) {
            throw new ScenarioError(at, "lock '" + name + "' is declared twice");
        }
        int id = kind.raw() ? machine.rawSpinlock(name) : machine.spinlock(name);
        lockIds.put(name, id);
        lockKinds.add(kind);
        return id;
    }

    /** The lock's id, or -1 when no lock has that name. */
    public int lockId(String name) {
        Integer id = lockIds.get(name);
        return id == null ? -1 : id;
    }

    public LockKind lockKind(int id) {
        return lockKinds.get(id);
    }

    public List<String> lockNames() {
        return new ArrayList<>(lockIds.keySet());
    }

    public List<LockKind> lockKinds() {
        return List.copyOf(lockKinds);
    }

    public int declareWaitQueue(String name, Where at) {
        if (wqIds.containsKey(name)) {
            throw new ScenarioError(at, "wait queue '" + name + "' is declared twice");
        }
        int id = machine.waitQueue(name);
        wqIds.put(name, id);
        return id;
    }

    /** The wait queue's id, or -1. */
    public int waitQueueId(String name) {
        Integer id = wqIds.get(name);
        return id == null ? -1 : id;
    }

    public List<String> waitQueueNames() {
        return new ArrayList<>(wqIds.keySet());
    }

    public void irq(IrqSourceSpec s, Where at) {
        String other = irqNumbers.get(s.irq());
        if (other != null) {
            throw new ScenarioError(at, "IRQ " + s.irq() + " is already used by " + other, "give each source its own irq: number");
        }
        irqNumbers.put(s.irq(), s.name());
        machine.irq(s);
    }

    /** A free IRQ number at or above {@code from}. */
    public int freeIrq(int from) {
        int n = from;
        while (irqNumbers.containsKey(n)) {
            n++;
        }
        return n;
    }

    public void nmi(NmiSourceSpec s) {
        machine.nmi(s);
    }

    /** Ask for a cyclictest -h histogram of {@code buckets} 1 µs buckets for a task. */
    public void histogram(int taskIndex, int buckets) {
        histograms.put(taskIndex, buckets);
    }

    int[] histogramBuckets() {
        int[] h = new int[tasks.size()];
        for (Map.Entry<Integer, Integer> e : histograms.entrySet()) {
            h[e.getKey()] = e.getValue();
        }
        return h;
    }

    public void report(WorkloadReport r) {
        reports.add(r);
    }

    List<WorkloadReport> reports() {
        return List.copyOf(reports);
    }

    /** Compiles a written program for a task of this machine. */
    public Program program(List<Step> steps, boolean kthread) {
        return new ProgramCompiler(this, kthread).compile(steps);
    }
}
