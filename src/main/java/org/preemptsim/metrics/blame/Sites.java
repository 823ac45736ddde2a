package org.preemptsim.metrics.blame;

import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.Task;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;

import java.util.List;

/**
 * Turns the task indexes and program steps the analysis keeps into words, after the run:
 * {@code worker/0: lock dev_lock (spinlock_t) (examples/locks.yaml:31)}.
 */
final class Sites {

    private final Task[] tasks;
    private final List<LockSpec> locks;
    private final List<String> waitQueues;

    Sites(Task[] tasks, List<LockSpec> locks, List<String> waitQueues) {
        this.tasks = tasks;
        this.locks = locks;
        this.waitQueues = waitQueues;
    }

    String comm(int index) {
        return index >= 0 && index < tasks.length && tasks[index] != null ? tasks[index].comm : "?";
    }

    /** The task and the program step it was executing, or the task alone for kernel threads' built-in loops. */
    String step(int index, int pc) {
        String comm = comm(index);
        if (index < 0 || index >= tasks.length || tasks[index] == null) {
            return comm;
        }
        Program p = tasks[index].prog;
        if (p == null || pc < 0 || pc >= p.length()) {
            return comm;
        }
        return comm + ": " + stepText(p, pc) + " (" + p.origin(pc) + ")";
    }

    private String stepText(Program p, int pc) {
        int op = p.op(pc);
        switch (op) {
            case Op.SPIN_LOCK:
            case Op.SPIN_UNLOCK:
            case Op.COND_RESCHED_LOCK:
            case Op.READ_LOCK:
            case Op.READ_UNLOCK:
            case Op.SEQ_READ: {
                int l = p.c(pc);
                if (l < 0 || l >= locks.size()) {
                    return Op.name(op);
                }
                LockSpec spec = locks.get(l);
                return Op.name(op) + " " + spec.name() + " (" + spec.kind().cType() + ")";
            }
            case Op.WAIT:
            case Op.WAKE:
                return Op.name(op) + " " + (p.c(pc) >= 0 && p.c(pc) < waitQueues.size() ? waitQueues.get(p.c(pc)) : "?");
            default:
                return Op.name(op);
        }
    }
}
