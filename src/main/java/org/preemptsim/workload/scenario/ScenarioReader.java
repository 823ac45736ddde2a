package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.Costs;
import org.preemptsim.kernel.KernelProfile;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.Policy;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.kernel.irq.Softirq;
import org.preemptsim.workload.Arrivals;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario file (YAML or JSON) into a {@link Scenario}, checking every field's type and
 * range as it goes; the first problem is thrown as a {@link ScenarioError} naming its place.
 */
public final class ScenarioReader {

    static final String[] TOP_KEYS = {"name", "description", "kernel", "build", "cpus", "hz", "llc_size", "idle_poll",
        "debug_checks", "lockdep", "costs", "models", "duration", "seed", "irqs", "nmis", "locks", "raw_spinlock_share", "wait_queues",
        "tasks", "workloads"};
    static final String[] TASK_KEYS = {"name", "count", "per_cpu", "policy", "priority", "nice", "affinity", "release",
        "kthread", "measured", "program"};

    private ScenarioReader() {
    }

    /** Reads the file; the label used in messages is the path as given. */
    public static Scenario read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioError(new Where(file.toString(), 0, 0, ""), "no such scenario file");
        } catch (IOException e) {
            throw new ScenarioError(new Where(file.toString(), 0, 0, ""), "cannot read the scenario: " + e.getMessage());
        }
        return read(file.toString(), text);
    }

    public static Scenario read(String file, String text) {
        return bind(file, ScenarioParser.parse(file, text));
    }

    static Scenario bind(String file, Node.Mapping root) {
        Fields f = new Fields(root, "the scenario", TOP_KEYS);
        String base = Path.of(file).getFileName().toString();
        int dot = base.lastIndexOf('.');
        String name = f.string("name", dot > 0 ? base.substring(0, dot) : base);
        String description = f.string("description", null);
        KernelProfile profile = KernelProfile.DEFAULT;
        if (f.has("kernel")) {
            Node k = f.node("kernel");
            try {
                profile = KernelProfile.parse(Scalars.string(k));
            } catch (IllegalArgumentException e) {
                boolean unquoted = k instanceof Node.Scalar sk && sk.kind() != Node.Kind.STRING;
                throw new ScenarioError(f.at("kernel"), e.getMessage(),
                    unquoted ? "quote it so YAML keeps it as written: kernel: \"6.18\"" : null);
            }
        }
        boolean staticBuild = build(f);
        int cpus = f.integer("cpus", 1, 1, 256);
        int hz = f.integer("hz", 250, 1, 100_000);
        if (hz != 100 && hz != 250 && hz != 300 && hz != 1000) {
            throw new ScenarioError(f.at("hz"), "HZ must be 100, 250, 300 or 1000 (CONFIG_HZ), got " + hz);
        }
        int llc = f.integer("llc_size", cpus, 1, cpus);
        boolean idlePoll = f.bool("idle_poll", true);
        boolean debugChecks = f.bool("debug_checks", true);
        boolean lockdep = f.bool("lockdep", false);
        Costs costs = CostsReader.parse(f.node("costs"));
        List<String> refused = new ArrayList<>();
        List<Model> models = models(f, profile, staticBuild, refused);
        long duration = f.positiveDuration("duration", 1_000_000_000L);
        long seed = f.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);

        List<Scenario.LockDef> locks = locks(f);
        long rawShare = f.has("raw_spinlock_share") ? share(f.node("raw_spinlock_share")) : 0;
        List<Scenario.Named> wqs = names(f, "wait_queues", "wait queue");
        List<Scenario.IrqDef> irqs = new ArrayList<>();
        List<Node> irqNodes = f.list("irqs");
        for (int i = 0; i < irqNodes.size(); i++) {
            irqs.add(irq(irqNodes.get(i), i, cpus));
        }
        List<Scenario.NmiDef> nmis = new ArrayList<>();
        for (Node n : f.list("nmis")) {
            Fields nf = Fields.of(n, "an NMI source", "name", "cpu", "arrivals", "handler");
            nmis.add(new Scenario.NmiDef(n.at(), nf.requiredString("name"), nf.integer("cpu", 0, 0, cpus - 1),
                ArrivalsReader.parse(nf.required("arrivals")), Quantity.parse(nf.required("handler"))));
        }
        List<Scenario.TaskDef> tasks = new ArrayList<>();
        for (Node n : f.list("tasks")) {
            tasks.add(task(n, cpus));
        }
        List<Scenario.WorkloadDef> workloads = new ArrayList<>();
        for (Node n : f.list("workloads")) {
            workloads.add(workload(n));
        }
        if (tasks.isEmpty() && workloads.isEmpty()) {
            throw new ScenarioError(root.at(), "the scenario has no tasks and no workloads: nothing would run",
                "add tasks: or workloads: (bin/preemptsim workloads lists the built-ins)");
        }
        return new Scenario(file, name, description, profile, staticBuild, cpus, hz, llc, idlePoll, debugChecks, lockdep, costs,
            models, refused, duration, seed, irqs, nmis, locks, rawShare, wqs, tasks, workloads);
    }

    private static boolean build(Fields f) {
        String b = f.string("build", "dynamic");
        switch (b) {
            case "dynamic":
                return false;
            case "static":
                return true;
            case "rt":
                throw new ScenarioError(f.at("build"), "build is dynamic or static; rt is a model",
                    "list rt under models: (it always uses the PREEMPT_RT build)");
            default:
                throw new ScenarioError(f.at("build"), "unknown build '" + b + "'",
                    "dynamic (CONFIG_PREEMPT_DYNAMIC) or static (one CONFIG_PREEMPT_* per model)");
        }
    }

    private static List<Model> models(Fields f, KernelProfile profile, boolean staticBuild, List<String> refusedDefaults) {
        List<Model> out = new ArrayList<>();
        if (!f.has("models")) {
            for (String n : Model.DEFAULT_NAMES) {
                Model m = Model.of(n, staticBuild);
                if (profile.refusal(m) == null) {
                    out.add(m);
                } else {
                    refusedDefaults.add(n);
                }
            }
            return out;
        }
        List<Node> items = Scalars.sequence(f.node("models"), "models").items();
        if (items.isEmpty()) {
            throw new ScenarioError(f.at("models"), "models is empty", "list at least one of " + String.join(", ", Model.ALL_NAMES)
                + ", or leave models out for all five");
        }
        List<String> seen = new ArrayList<>();
        for (Node n : items) {
            String name = Scalars.string(n);
            if (!Model.ALL_NAMES.contains(name)) {
                String near = Fields.nearest(name, Model.ALL_NAMES);
                throw new ScenarioError(n.at(), "unknown model '" + name + "'",
                    (near != null ? "did you mean '" + near + "'? " : "") + "models: " + String.join(", ", Model.ALL_NAMES));
            }
            if (seen.contains(name)) {
                throw new ScenarioError(n.at(), "model '" + name + "' is listed twice");
            }
            seen.add(name);
            Model m = Model.of(name, staticBuild);
            String refusal = profile.refusal(m);
            if (refusal != null) {
                throw new ScenarioError(n.at(), "kernel " + profile.version() + " cannot run model " + name + ": " + refusal,
                    "remove " + name + " from models, or choose a kernel: that has it");
            }
            out.add(m);
        }
        return out;
    }

    private static List<Scenario.LockDef> locks(Fields f) {
        List<Scenario.LockDef> out = new ArrayList<>();
        Map<String, Where> seen = new HashMap<>();
        for (Node n : f.list("locks")) {
            String name;
            LockKind kind = LockKind.SPINLOCK;
            int count = 1;
            if (n instanceof Node.Scalar) {
                name = Scalars.string(n);
            } else {
                Fields lf = Fields.of(n, "a lock", "name", "kind", "count");
                name = lf.requiredString("name");
                kind = kind(lf);
                if (lf.has("count")) {
                    if (kind != LockKind.SEMAPHORE) {
                        throw new ScenarioError(lf.at("count"), "count applies to semaphores; '" + name + "' is a " + kind.cType(),
                            "remove count, or declare it with kind: semaphore");
                    }
                    count = lf.integer("count", 1, 0, 1_000_000);
                }
            }
            if (seen.containsKey(name)) {
                throw new ScenarioError(n.at(), "lock '" + name + "' is declared twice (first at line " + seen.get(name).line() + ")");
            }
            seen.put(name, n.at());
            out.add(new Scenario.LockDef(n.at(), name, kind, count));
        }
        return out;
    }

    /** Lock kinds as scenario keys: every kind the kernel simulates. */
    private static String kinds() {
        List<String> keys = new ArrayList<>();
        for (LockKind k : LockKind.values()) {
            keys.add(k.key());
        }
        return String.join(", ", keys);
    }

    private static LockKind kind(Fields lf) {
        String k = lf.string("kind", "spinlock");
        LockKind kind = LockKind.ofKey(k);
        if (kind != null) {
            return kind;
        }
        if (k.equals("rw_semaphore")) {
            throw new ScenarioError(lf.at("kind"), "lock kind 'rw_semaphore' (struct rw_semaphore) is not simulated yet",
                "simulated kinds: " + kinds());
        }
        String near = Fields.nearest(k, List.of(kinds().split(", ")));
        throw new ScenarioError(lf.at("kind"), "unknown lock kind '" + k + "'",
            (near != null ? "did you mean '" + near + "'? " : "") + "kinds: " + kinds());
    }

    /** A share written as a percentage (6%, 0.5%) or a fraction (0.06), in parts per million. */
    static long share(Node n) {
        Node.Scalar s = Scalars.scalar(n, "a share such as 6% or 0.06");
        String text = s.text().strip();
        boolean percent = s.kind() == Node.Kind.STRING && text.endsWith("%");
        String number = percent ? text.substring(0, text.length() - 1).strip() : text;
        if (!(percent || s.kind() == Node.Kind.INT || s.kind() == Node.Kind.FLOAT) || !number.matches("\\d+(\\.\\d+)?")) {
            throw new ScenarioError(n.at(), "expected a share such as 6% or 0.06, got " + s.describe(),
                "write a percentage (6%) or a fraction between 0 and 1 (0.06)");
        }
        BigDecimal v = new BigDecimal(number);
        BigDecimal max = percent ? BigDecimal.valueOf(100) : BigDecimal.ONE;
        if (v.compareTo(max) > 0) {
            throw new ScenarioError(n.at(), "a share is between 0% and 100% (0 and 1), got " + text,
                percent ? "100% makes every spinlock_t raw" : "write " + text + "% for a percentage");
        }
        return v.multiply(BigDecimal.valueOf(percent ? 10_000 : 1_000_000)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static List<Scenario.Named> names(Fields f, String key, String what) {
        List<Scenario.Named> out = new ArrayList<>();
        Map<String, Where> seen = new HashMap<>();
        for (Node n : f.list(key)) {
            String name = Scalars.string(n);
            if (seen.containsKey(name)) {
                throw new ScenarioError(n.at(), what + " '" + name + "' is declared twice (first at line " + seen.get(name).line() + ")");
            }
            seen.put(name, n.at());
            out.add(new Scenario.Named(n.at(), name));
        }
        return out;
    }

    private static Scenario.IrqDef irq(Node n, int index, int cpus) {
        Fields f = Fields.of(n, "an IRQ source", "name", "irq", "cpu", "arrivals", "handler", "softirq", "softirq_work", "wakes");
        String name = f.requiredString("name");
        int irq = f.integer("irq", 24 + index, 0, 1023);
        int cpu = f.integer("cpu", 0, 0, cpus - 1);
        Arrivals.Process arrivals = ArrivalsReader.parse(f.required("arrivals"));
        Quantity handler = Quantity.parse(f.required("handler"));
        int softirq = -1;
        Quantity work = null;
        if (f.has("softirq")) {
            String s = f.requiredString("softirq");
            try {
                softirq = Softirq.of(s);
            } catch (IllegalArgumentException e) {
                throw new ScenarioError(f.at("softirq"), e.getMessage());
            }
            work = Quantity.parse(f.required("softirq_work"));
        } else if (f.has("softirq_work")) {
            throw new ScenarioError(f.at("softirq_work"), "softirq_work without a softirq", "add softirq: net_rx (or another vector)");
        }
        String wakes = f.has("wakes") ? f.requiredString("wakes") : null;
        return new Scenario.IrqDef(n.at(), name, irq, cpu, arrivals, handler, softirq, work, wakes, f.at("wakes"));
    }

    private static Scenario.TaskDef task(Node n, int cpus) {
        Fields f = Fields.of(n, "a task", TASK_KEYS);
        String name = f.requiredString("name");
        int count = f.integer("count", 1, 1, 4096);
        boolean perCpu = f.bool("per_cpu", false);
        if (perCpu && f.has("count")) {
            throw new ScenarioError(f.at("per_cpu"), "count and per_cpu exclude each other",
                "per_cpu: true makes one task per allowed CPU; count: N makes N tasks");
        }
        Policy policy = policy(f);
        int priority = 0;
        if (policy.rt()) {
            if (!f.has("priority")) {
                throw new ScenarioError(f.at(), "a " + policy.shortName() + " task needs a priority between 1 and 99",
                    "add priority: 50 (chrt -" + policy.shortName().charAt(0) + " 50)");
            }
            priority = f.integer("priority", 0, 1, 99);
            if (f.has("nice")) {
                throw new ScenarioError(f.at("nice"), "nice applies to other and batch tasks; " + policy.shortName()
                    + " tasks use priority");
            }
        } else if (f.has("priority")) {
            throw new ScenarioError(f.at("priority"), "priority applies to fifo and rr tasks; this task's policy is "
                + policy.shortName() + ", which uses nice (-20..19)", "set policy: fifo, or write nice: instead");
        }
        int nice = f.integer("nice", 0, -20, 19);
        int[] affinity = f.has("affinity") ? Scalars.cpuList(f.node("affinity"), cpus) : null;
        long release = f.duration("release", 0);
        boolean kthread = f.bool("kthread", false);
        boolean measured = f.bool("measured", false);
        List<Step> program = StepReader.program(f.required("program"));
        return new Scenario.TaskDef(n.at(), name, count, perCpu, policy, priority, nice, affinity, release, kthread, measured, program);
    }

    static Policy policy(Fields f) {
        String p = f.string("policy", "other");
        try {
            return Policy.ofShortName(p);
        } catch (IllegalArgumentException e) {
            String hint = "normal".equals(p) ? "SCHED_NORMAL is written 'other', as chrt does" : "other, fifo, rr, batch or idle";
            throw new ScenarioError(f.at("policy"), "unknown policy '" + p + "'", hint);
        }
    }

    private static Scenario.WorkloadDef workload(Node n) {
        if (n instanceof Node.Scalar) {
            return new Scenario.WorkloadDef(n.at(), Scalars.string(n), new Node.Mapping(n.at(), Map.of()));
        }
        if (n instanceof Node.Mapping m && m.entries().size() == 1) {
            Node.Entry e = m.entries().values().iterator().next();
            Node v = e.value();
            Node.Mapping args;
            if (v instanceof Node.Scalar s && s.kind() == Node.Kind.NULL) {
                args = new Node.Mapping(v.at(), Map.of());
            } else {
                args = Scalars.mapping(v, "the parameters of " + e.key());
            }
            return new Scenario.WorkloadDef(e.keyAt(), e.key(), args);
        }
        throw new ScenarioError(n.at(), "a workload is its name with its parameters, e.g. '- cyclictest: {threads: 4}', got "
            + n.describe(), "bin/preemptsim workloads lists the built-ins");
    }
}
