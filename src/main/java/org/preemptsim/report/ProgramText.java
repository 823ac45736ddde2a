package org.preemptsim.report;

import org.preemptsim.kernel.LockSpec;
import org.preemptsim.workload.Durations;
import org.preemptsim.workload.LockCall;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;

import java.util.List;

/** A compiled program listed in the scenario's vocabulary, one step a line with where it was written. */
public final class ProgramText {

    private ProgramText() {
    }

    public static String render(Program p, List<LockSpec> locks, List<String> waitQueues, String indent) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (int pc = 0; pc < p.length(); pc++) {
            int op = p.op(pc);
            if (op == Op.END_LOOP) {
                depth--;
            }
            String text = "  ".repeat(Math.max(0, depth)) + step(p, pc, locks, waitQueues);
            sb.append(String.format(java.util.Locale.ROOT, "%s%3d  %-60s %s%n", indent, pc, text, p.origin(pc)));
            if (op == Op.LOOP) {
                depth++;
            }
        }
        return sb.toString();
    }

    private static String duration(Program p, int pc) {
        return p.dist(pc) >= 0 ? String.valueOf(p.distribution(p.dist(pc))) : Durations.format(p.a(pc));
    }

    static String step(Program p, int pc, List<LockSpec> locks, List<String> waitQueues) {
        int op = p.op(pc);
        String name = Op.name(op);
        switch (op) {
            case Op.USER:
            case Op.SLEEP:
                return name + " " + duration(p, pc);
            case Op.KWORK: {
                StringBuilder sb = new StringBuilder("kernel " + duration(p, pc));
                if (p.b(pc) > 0) {
                    sb.append(", cond_resched every ").append(Durations.format(p.b(pc)));
                }
                if (p.e(pc) > 0) {
                    sb.append(", might_sleep every ").append(Durations.format(p.e(pc)));
                }
                if (p.c(pc) > 0) {
                    sb.append(", ").append(p.c(pc)).append(" preempt pairs");
                }
                if (p.d(pc) > 0) {
                    sb.append(", ").append(p.d(pc)).append(" rcu sections");
                }
                return sb.toString();
            }
            case Op.SYSCALL_ENTER:
                return "syscall " + p.c(pc);
            case Op.SYSCALL_EXIT:
                return "sysret";
            case Op.SPIN_LOCK:
            case Op.SPIN_UNLOCK:
            case Op.READ_LOCK:
            case Op.READ_UNLOCK: {
                LockSpec l = locks.get(p.c(pc));
                return LockCall.nameOf(op, p.d(pc), l.kind()) + " " + l.name();
            }
            case Op.COND_RESCHED_LOCK:
                return name + " " + locks.get(p.c(pc)).name();
            case Op.SEQ_READ:
                return "read_seqbegin " + locks.get(p.c(pc)).name() + ", section " + Durations.format(p.a(pc)) + ", read_seqretry";
            case Op.SLEEP_UNTIL:
                return "sleep_until " + Durations.format(p.a(pc));
            case Op.PERIODIC_WAIT:
                return "periodic " + Durations.format(p.a(pc));
            case Op.WAIT:
                return "wait " + waitQueues.get(p.c(pc));
            case Op.WAKE:
                return "wake " + waitQueues.get(p.c(pc)) + (p.a(pc) != 1 ? " x" + p.a(pc) : "");
            case Op.LOOP:
                return p.a(pc) == 0 ? "loop forever" : "loop " + p.a(pc) + " times";
            case Op.JOB_DONE:
                return p.a(pc) > 0 ? "job_done (deadline " + Durations.format(p.a(pc)) + ")" : "job_done";
            case Op.SET_PREEMPT_MODE:
                return "set_preempt_mode " + org.preemptsim.kernel.Mode.values()[p.c(pc)].sysfsName();
            default:
                return name;
        }
    }
}
