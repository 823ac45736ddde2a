package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.workload.LockCall;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;
import org.preemptsim.workload.ProgramBuilder;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles written steps to a {@link Program}, each step's origin being its file and line, and
 * refuses programs that cannot mean anything: a name nobody declared, a call the lock's type does
 * not have (read_lock on a mutex, up on a spinlock), an unlock of a lock the program never locked
 * (likewise rcu_read_unlock, migrate_enable, local_irq_restore, sysret; not up, as a semaphore has
 * no owner), a loop without its end, user-space work inside a syscall or kernel work outside one.
 * What a real kernel only catches at run time (a mutex taken in atomic context, a preempt_count
 * underflow, a lock held on return to user space) is left to the simulated kernel's debug checks,
 * which report it as a bug with the step's file and line.
 */
final class ProgramCompiler {

    private final CompileContext ctx;
    private final boolean kthread;
    private final ProgramBuilder pb = new ProgramBuilder();
    private final Set<String> lockedSoFar = new HashSet<>();
    private boolean rcuLockedSoFar;
    private boolean irqSavedSoFar;
    private boolean migrateDisabledSoFar;
    private boolean inSyscall;

    /** A flat loop still open, with the syscall state it started in. */
    private record Open(Step.LoopStart loop, boolean inSyscall) {
    }

    ProgramCompiler(CompileContext ctx, boolean kthread) {
        this.ctx = ctx;
        this.kthread = kthread;
        this.inSyscall = kthread;
    }

    Program compile(List<Step> steps) {
        emit(steps);
        return pb.build();
    }

    private void emit(List<Step> steps) {
        Deque<Open> open = new ArrayDeque<>();
        for (Step s : steps) {
            pb.at(s.at().origin());
            if (s instanceof Step.LoopStart ls) {
                open.push(new Open(ls, inSyscall));
                pb.loop(ls.times());
            } else if (s instanceof Step.Bare b && b.op().equals("end_loop")) {
                if (open.isEmpty()) {
                    throw new ScenarioError(s.at(), "end_loop without a loop before it", "add '- loop: N' where the repeated steps start");
                }
                Open o = open.pop();
                checkLoopBalance(o.loop().at(), o.inSyscall());
                pb.endLoop();
            } else if (s instanceof Step.Loop l) {
                boolean before = inSyscall;
                pb.loop(l.times());
                emit(l.body());
                checkLoopBalance(l.at(), before);
                pb.at(l.at().origin()).endLoop();
            } else {
                one(s);
            }
        }
        if (!open.isEmpty()) {
            Open o = open.peek();
            throw new ScenarioError(o.loop().at(), "loop without end_loop", "add '- end_loop' after the last repeated step");
        }
    }

    private void checkLoopBalance(Where at, boolean before) {
        if (before != inSyscall) {
            throw new ScenarioError(at, inSyscall ? "the loop body enters a syscall it never leaves"
                : "the loop body leaves a syscall it did not enter", "keep each syscall ... sysret pair inside the body");
        }
    }

    private void one(Step s) {
        userSpaceCheck(s);
        if (s instanceof Step.User u) {
            if (u.duration().isFixed()) {
                pb.user(u.duration().fixedNs());
            } else {
                pb.user(u.duration().dist());
            }
        } else if (s instanceof Step.Kernel k) {
            if (k.duration().isFixed()) {
                pb.kernel(k.duration().fixedNs(), k.condReschedEveryNs(), k.mightSleepEveryNs(), k.preemptPairs(), k.rcuSections());
            } else {
                pb.kernel(k.duration().dist(), k.condReschedEveryNs(), k.mightSleepEveryNs(), k.preemptPairs(), k.rcuSections());
            }
        } else if (s instanceof Step.Syscall sc) {
            if (inSyscall) {
                throw new ScenarioError(s.at(), "syscall inside a syscall: the task is already in the kernel here",
                    "leave the first one with '- sysret' before entering another");
            }
            inSyscall = true;
            pb.syscall(sc.nr());
        } else if (s instanceof Step.Lock l) {
            lock(l);
        } else if (s instanceof Step.CondReschedLock l) {
            condReschedLock(l);
        } else if (s instanceof Step.SeqRead r) {
            seqRead(r);
        } else if (s instanceof Step.Sleep sl) {
            if (sl.duration().isFixed()) {
                pb.sleep(sl.duration().fixedNs());
            } else {
                pb.sleep(sl.duration().dist());
            }
        } else if (s instanceof Step.SleepUntil su) {
            pb.sleepUntil(su.instantNs());
        } else if (s instanceof Step.Periodic p) {
            pb.periodic(p.periodNs());
        } else if (s instanceof Step.Wait w) {
            pb.waitOn(queue(w.queue(), w.at()));
        } else if (s instanceof Step.Wake w) {
            pb.wake(queue(w.queue(), w.at()), w.count());
        } else if (s instanceof Step.JobDone j) {
            pb.jobDone(j.deadlineNs());
        } else if (s instanceof Step.SetPreemptMode m) {
            pb.setPreemptMode(m.mode().ordinal());
        } else if (s instanceof Step.Bare b) {
            bare(b);
        } else {
            throw new IllegalStateException("step " + s);
        }
    }

    /** User-space steps only outside syscalls, kernel steps only inside (kthreads are always inside). */
    private void userSpaceCheck(Step s) {
        String op = s.op();
        boolean userSide = op.equals("user") || op.equals("syscall") || op.equals("sysret");
        boolean anywhere = op.equals("exit") || op.equals("job_done");
        if (kthread && userSide) {
            throw new ScenarioError(s.at(), "'" + op + "' in a kernel thread: kernel threads never run in user space",
                "remove it, or make the task a user task (kthread: false)");
        }
        if (kthread || anywhere) {
            return;
        }
        if (op.equals("user") && inSyscall) {
            throw new ScenarioError(s.at(), "user-space work inside a syscall", "leave the kernel first with '- sysret'");
        }
        if (op.equals("sysret") && !inSyscall) {
            throw new ScenarioError(s.at(), "sysret without a syscall: the task is in user space here",
                "enter the kernel first with '- syscall: N'");
        }
        if (!userSide && !inSyscall) {
            throw new ScenarioError(s.at(), "'" + op + "' runs in the kernel, but this task is in user space here",
                "enter the kernel with '- syscall: N' first (and leave with '- sysret'), or make it a kernel thread (kthread: true)");
        }
    }

    private void bare(Step.Bare b) {
        switch (b.op()) {
            case "sysret":
                inSyscall = false;
                pb.sysret();
                break;
            case "preempt_disable":
                pb.preemptDisable();
                break;
            case "preempt_enable":
                pb.preemptEnable();
                break;
            case "local_irq_disable":
                pb.localIrqDisable();
                break;
            case "local_irq_enable":
                pb.localIrqEnable();
                break;
            case "local_irq_save":
                irqSavedSoFar = true;
                pb.localIrqSave();
                break;
            case "local_irq_restore":
                if (!irqSavedSoFar) {
                    throw new ScenarioError(b.at(), "local_irq_restore without a local_irq_save before it: there are no flags to restore",
                        "add '- local_irq_save' earlier in the program");
                }
                pb.localIrqRestore();
                break;
            case "local_bh_disable":
                pb.localBhDisable();
                break;
            case "local_bh_enable":
                pb.localBhEnable();
                break;
            case "rcu_read_lock":
                rcuLockedSoFar = true;
                pb.rcuReadLock();
                break;
            case "rcu_read_unlock":
                if (!rcuLockedSoFar) {
                    throw new ScenarioError(b.at(), "rcu_read_unlock without an rcu_read_lock before it",
                        "add '- rcu_read_lock' earlier in the program");
                }
                pb.rcuReadUnlock();
                break;
            case "cond_resched_rcu":
                if (!rcuLockedSoFar) {
                    throw new ScenarioError(b.at(), "cond_resched_rcu outside an RCU read section: nothing to drop",
                        "add '- rcu_read_lock' earlier in the program, or use cond_resched");
                }
                pb.condReschedRcu();
                break;
            case "cond_resched":
                pb.condResched();
                break;
            case "might_sleep":
                pb.mightSleep();
                break;
            case "migrate_disable":
                migrateDisabledSoFar = true;
                pb.migrateDisable();
                break;
            case "migrate_enable":
                if (!migrateDisabledSoFar) {
                    throw new ScenarioError(b.at(), "migrate_enable without a migrate_disable before it",
                        "add '- migrate_disable' earlier in the program");
                }
                pb.migrateEnable();
                break;
            case "schedule":
                pb.schedule();
                break;
            case "exit":
                pb.exit();
                break;
            default:
                throw new IllegalStateException(b.op());
        }
    }

    private int lockId(String name, Where at) {
        int id = ctx.lockId(name);
        if (id < 0) {
            String near = Fields.nearest(name, ctx.lockNames());
            List<String> known = ctx.lockNames();
            throw new ScenarioError(at, "unknown lock '" + name + "'", near != null ? "did you mean '" + near + "'?"
                : known.isEmpty() ? "declare it under locks: (- {name: " + name + ", kind: spinlock})"
                : "declared locks: " + String.join(", ", known));
        }
        return id;
    }

    /** A lock or unlock call: the call must be one of the lock's kind, and an owned lock is unlocked only after a lock. */
    private void lock(Step.Lock l) {
        int id = lockId(l.lock(), l.at());
        LockKind kind = ctx.lockKind(id);
        LockCall.Parsed p = l.call();
        LockCall call = p.call();
        if (call.kind() != kind) {
            LockCall fit = LockCall.exclusive(kind);
            String use = fit.allows(p.flavour()) ? fit.name(p.unlock(), p.flavour())
                : fit.name(p.unlock(), Op.LOCK_PLAIN) + " (a " + kind.cType() + " has no " + LockCall.suffix(p.unlock(), p.flavour())
                    + " flavour)";
            throw new ScenarioError(l.at(), p.name() + " on '" + l.lock() + "', which is a " + kind.cType(),
                "use " + use + ", or declare it with kind: " + call.kind().key());
        }
        String held = call == LockCall.READ ? l.lock() + " (read)" : l.lock();
        if (!p.unlock()) {
            lockedSoFar.add(held);
        } else if (call.owned() && !lockedSoFar.contains(held)) {
            throw new ScenarioError(l.at(), p.name() + " of '" + l.lock() + "', which this program never "
                + (call == LockCall.READ ? "took for reading" : "locked"),
                "lock it earlier in the program with '- " + call.name(false, p.flavour()) + ": " + l.lock() + "'");
        }
        if (call == LockCall.READ) {
            if (p.unlock()) {
                pb.readUnlock(id, p.flavour());
            } else {
                pb.readLock(id, p.flavour());
            }
        } else if (p.unlock()) {
            pb.unlock(id, p.flavour());
        } else {
            pb.lock(id, p.flavour());
        }
    }

    /** cond_resched_lock(lock): a held spinlock_t (there is no raw or other variant). */
    private void condReschedLock(Step.CondReschedLock l) {
        int id = lockId(l.lock(), l.at());
        LockKind kind = ctx.lockKind(id);
        if (kind != LockKind.SPINLOCK) {
            throw new ScenarioError(l.at(), "cond_resched_lock on '" + l.lock() + "', which is a " + kind.cType(),
                "cond_resched_lock takes a spinlock_t (kind: spinlock)");
        }
        if (!lockedSoFar.contains(l.lock())) {
            throw new ScenarioError(l.at(), "cond_resched_lock of '" + l.lock() + "', which this program never locked",
                "it drops and retakes a held lock: lock it first with '- spin_lock: " + l.lock() + "'");
        }
        ctx.condReschedLocked(id);
        pb.condReschedLock(id);
    }

    private void seqRead(Step.SeqRead r) {
        int id = lockId(r.lock(), r.at());
        LockKind kind = ctx.lockKind(id);
        if (kind != LockKind.SEQLOCK) {
            throw new ScenarioError(r.at(), "read_seqbegin on '" + r.lock() + "', which is a " + kind.cType(),
                "a lockless reader needs a seqlock_t: declare it with kind: seqlock");
        }
        pb.seqRead(id, r.sectionNs());
    }

    private int queue(String name, Where at) {
        int id = ctx.waitQueueId(name);
        if (id < 0) {
            String near = Fields.nearest(name, ctx.waitQueueNames());
            throw new ScenarioError(at, "unknown wait queue '" + name + "'", near != null ? "did you mean '" + near + "'?"
                : "declare it under wait_queues: (- " + name + ")");
        }
        return id;
    }
}
