package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.Mode;
import org.preemptsim.workload.LockCall;
import org.preemptsim.workload.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a program: a list of steps, each a bare keyword ({@code - sysret}) or one keyword with its
 * value ({@code - kernel: {duration: 1.2ms, cond_resched_every: 500us}}).
 */
public final class StepReader {

    private StepReader() {
    }

    /** Steps without a value. */
    public static final List<String> BARE = List.of("sysret", "preempt_disable", "preempt_enable", "local_irq_disable",
        "local_irq_enable", "local_irq_save", "local_irq_restore", "local_bh_disable", "local_bh_enable", "rcu_read_lock",
        "rcu_read_unlock", "cond_resched_rcu", "cond_resched", "might_sleep", "migrate_disable", "migrate_enable", "schedule",
        "exit", "end_loop");

    /** Steps taking a value. */
    public static final List<String> VALUED = List.of("user", "kernel", "syscall", "sleep", "sleep_until", "periodic", "wait",
        "wake", "loop", "job_done", "set_preempt_mode", "read_seqbegin", "cond_resched_lock");

    static List<String> all() {
        List<String> a = new ArrayList<>(VALUED);
        a.addAll(BARE);
        for (LockCall c : LockCall.values()) {
            for (int f = Op.LOCK_PLAIN; f <= Op.LOCK_BH; f++) {
                if (c.allows(f)) {
                    a.add(c.name(false, f));
                    a.add(c.name(true, f));
                }
            }
        }
        return a;
    }

    public static List<Step> program(Node n) {
        List<Node> items = Scalars.sequence(n, "a program").items();
        if (items.isEmpty()) {
            throw new ScenarioError(n.at(), "the program is empty", "give it at least one step, e.g. '- user: 1ms'");
        }
        List<Step> out = new ArrayList<>();
        for (Node item : items) {
            out.add(step(item));
        }
        return out;
    }

    static Step step(Node n) {
        String op;
        Node v;
        Where at;
        Where keyAt;
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
            op = s.text();
            v = null;
            at = n.at();
            keyAt = n.at();
        } else if (n instanceof Node.Mapping m && m.entries().size() == 1) {
            Node.Entry e = m.entries().values().iterator().next();
            op = e.key();
            v = e.value() instanceof Node.Scalar s && s.kind() == Node.Kind.NULL ? null : e.value();
            at = e.value().at();
            keyAt = e.keyAt();
        } else if (n instanceof Node.Mapping m && m.entries().size() > 1) {
            throw new ScenarioError(n.at(), "a step has one keyword, this one has " + m.entries().size() + " ("
                + String.join(", ", m.entries().keySet()) + ")", "write each step on its own '- ' line");
        } else {
            throw new ScenarioError(n.at(), "expected a step such as '- user: 1ms' or '- sysret', got " + n.describe());
        }
        if (BARE.contains(op)) {
            if (v != null) {
                throw new ScenarioError(v.at(), op + " takes no value", "write it as '- " + op + "'");
            }
            return new Step.Bare(op, at);
        }
        LockCall.Parsed call = LockCall.parse(op);
        if (call != null || op.equals("cond_resched_lock")) {
            if (call != null && !call.call().allows(call.flavour())) {
                throw flavourRefused(call, keyAt, v instanceof Node.Scalar s ? s.text() : "L");
            }
            if (v == null) {
                throw new ScenarioError(at, op + " needs the name of a lock", "write '- " + op + ": dev_lock'");
            }
            String lock = Scalars.string(v);
            return call == null ? new Step.CondReschedLock(at, lock) : new Step.Lock(at, lock, call);
        }
        switch (op) {
            case "syscall":
                return new Step.Syscall(at, v == null ? 0 : (int) Scalars.integer(v, 0, 1023));
            case "job_done": {
                if (v == null) {
                    return new Step.JobDone(at, 0);
                }
                Fields f = Fields.of(v, "job_done", "deadline");
                return new Step.JobDone(at, f.positiveDuration("deadline", 0));
            }
            default:
                break;
        }
        if (!VALUED.contains(op)) {
            String near = Fields.nearest(op, all());
            throw new ScenarioError(keyAt, "unknown step '" + op + "'", op.startsWith("read_seq")
                ? "a seqlock reader is '- read_seqbegin: {lock: S, section: 20us}' (read_seqlock_excl is not simulated)"
                : near != null ? "did you mean '" + near + "'?" : "steps are listed in docs/scenario.md");
        }
        if (v == null) {
            throw new ScenarioError(at, op + " needs a value", "see docs/scenario.md for the form of '" + op + "'");
        }
        switch (op) {
            case "user":
                return new Step.User(at, Quantity.parse(v));
            case "kernel":
                return kernel(v, at);
            case "sleep":
                return new Step.Sleep(at, Quantity.parse(v));
            case "sleep_until":
                return new Step.SleepUntil(at, Scalars.duration(v, true));
            case "periodic":
                return new Step.Periodic(at, Scalars.duration(v, false));
            case "wait":
                return new Step.Wait(at, Scalars.string(v));
            case "wake": {
                if (v instanceof Node.Scalar) {
                    return new Step.Wake(at, Scalars.string(v), 1);
                }
                Fields f = Fields.of(v, "wake", "queue", "count");
                return new Step.Wake(f.at("queue"), f.requiredString("queue"), f.integer("count", 1, 1, 1_000_000));
            }
            case "loop":
                return loop(v, at);
            case "read_seqbegin": {
                if (!(v instanceof Node.Mapping)) {
                    throw new ScenarioError(at, "read_seqbegin needs the seqlock and the length of the read section",
                        "write '- read_seqbegin: {lock: " + (v instanceof Node.Scalar s ? s.text() : "S") + ", section: 20us}'");
                }
                Fields f = Fields.of(v, "a seqlock read section", "lock", "section");
                return new Step.SeqRead(f.at("lock"), f.requiredString("lock"), Scalars.duration(f.required("section"), false));
            }
            case "set_preempt_mode": {
                String m = Scalars.string(v);
                try {
                    return new Step.SetPreemptMode(at, Mode.ofSysfs(m));
                } catch (IllegalArgumentException e) {
                    throw new ScenarioError(at, e.getMessage());
                }
            }
            default:
                throw new IllegalStateException(op);
        }
    }

    /** A flavour the lock type does not have: mutex_lock_irq, down_bh, local_lock_bh, ... */
    private static ScenarioError flavourRefused(LockCall.Parsed p, Where at, String lock) {
        LockCall c = p.call();
        String plain = "'- " + c.name(p.unlock(), Op.LOCK_PLAIN) + ": " + lock + "'";
        if (c == LockCall.LOCAL) {
            return new ScenarioError(at, p.name() + " is not simulated: local_lock_t is taken with local_lock or local_lock_irqsave",
                "write " + plain + " or '- " + c.name(p.unlock(), Op.LOCK_IRQSAVE) + ": " + lock + "'");
        }
        return new ScenarioError(at, p.name() + " is not a kernel call: " + c.kind().cType() + " has no "
            + LockCall.suffix(p.unlock(), p.flavour()) + " flavour (it may sleep)",
            "write " + plain + "; only spinning locks are taken with interrupts or bottom halves off");
    }

    private static Step kernel(Node v, Where at) {
        if (!(v instanceof Node.Mapping)) {
            return new Step.Kernel(at, Quantity.parse(v), 0, 0, 0, 0);
        }
        Node.Mapping m = (Node.Mapping) v;
        if (m.entries().size() == 1 && Quantity.KINDS.contains(m.entries().keySet().iterator().next())) {
            return new Step.Kernel(at, Quantity.parse(v), 0, 0, 0, 0);
        }
        Fields f = Fields.of(v, "kernel work", "duration", "cond_resched_every", "might_sleep_every", "preempt_pairs",
            "rcu_sections");
        return new Step.Kernel(at, Quantity.parse(f.required("duration")), f.positiveDuration("cond_resched_every", 0),
            f.positiveDuration("might_sleep_every", 0), f.integer("preempt_pairs", 0, 0, 1_000_000),
            f.integer("rcu_sections", 0, 0, 1_000_000));
    }

    private static Step loop(Node v, Where at) {
        if (v instanceof Node.Scalar) {
            return new Step.LoopStart(at, times(v));
        }
        Fields f = Fields.of(v, "a loop", "times", "body");
        long times = f.has("times") ? times(f.node("times")) : 0;
        return new Step.Loop(at, times, program(f.required("body")));
    }

    /** A repeat count of at least 1, or {@code forever} (0). */
    private static long times(Node n) {
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.STRING && "forever".equals(s.text())) {
            return 0;
        }
        if (n instanceof Node.Scalar s && s.kind() == Node.Kind.INT && "0".equals(s.text())) {
            throw new ScenarioError(n.at(), "a loop runs at least once, got 0", "write times: forever for an endless loop");
        }
        return Scalars.integer(n, 1, Long.MAX_VALUE);
    }
}
