package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.Mode;
import org.preemptsim.workload.LockCall;

import java.util.List;

/**
 * One step of a task's program as written in a scenario ({@code - kernel: {duration: 1.2ms}}),
 * before lock and wait-queue names are resolved. {@link #at()} is where the step was written.
 */
public sealed interface Step {

    /** The place of the step (its value for keyed steps): errors and kernel-bug reports name it. */
    Where at();

    /** The scenario keyword: kernel, spin_lock, loop, ... */
    String op();

    /** A step without operands: sysret, preempt_disable, local_irq_save, cond_resched, exit, end_loop, ... */
    record Bare(String op, Where at) implements Step {
    }

    /** User-space work. */
    record User(Where at, Quantity duration) implements Step {
        public String op() {
            return "user";
        }
    }

    /** Kernel work with cond_resched()/might_sleep() cadences (0: none) and preempt/RCU sections inside. */
    record Kernel(Where at, Quantity duration, long condReschedEveryNs, long mightSleepEveryNs, int preemptPairs,
                  int rcuSections) implements Step {
        public String op() {
            return "kernel";
        }
    }

    record Syscall(Where at, int nr) implements Step {
        public String op() {
            return "syscall";
        }
    }

    /** A lock or unlock call of any lock type (spin_lock_irqsave, mutex_unlock, down, read_lock, ...). */
    record Lock(Where at, String lock, LockCall.Parsed call) implements Step {
        public String op() {
            return call.name();
        }
    }

    /** cond_resched_lock on a held spinlock_t. */
    record CondReschedLock(Where at, String lock) implements Step {
        public String op() {
            return "cond_resched_lock";
        }
    }

    /** A seqlock reader: read_seqbegin, the read section, read_seqretry (retried while a writer came by). */
    record SeqRead(Where at, String lock, long sectionNs) implements Step {
        public String op() {
            return "read_seqbegin";
        }
    }

    /** nanosleep for a (possibly random) duration. */
    record Sleep(Where at, Quantity duration) implements Step {
        public String op() {
            return "sleep";
        }
    }

    /** clock_nanosleep(TIMER_ABSTIME) to an instant. */
    record SleepUntil(Where at, long instantNs) implements Step {
        public String op() {
            return "sleep_until";
        }
    }

    /** cyclictest's loop body: sleep to the next period boundary and record the wakeup latency. */
    record Periodic(Where at, long periodNs) implements Step {
        public String op() {
            return "periodic";
        }
    }

    record Wait(Where at, String queue) implements Step {
        public String op() {
            return "wait";
        }
    }

    record Wake(Where at, String queue, int count) implements Step {
        public String op() {
            return "wake";
        }
    }

    /** A loop with its body; times 0 is forever. */
    record Loop(Where at, long times, List<Step> body) implements Step {
        public Loop {
            body = List.copyOf(body);
        }

        public String op() {
            return "loop";
        }
    }

    /** The flat form: {@code - loop: 10} ... {@code - end_loop}; times 0 is forever. */
    record LoopStart(Where at, long times) implements Step {
        public String op() {
            return "loop";
        }
    }

    /** A job completed: its response time is recorded against the relative deadline (0: none). */
    record JobDone(Where at, long deadlineNs) implements Step {
        public String op() {
            return "job_done";
        }
    }

    /** Writes the mode to /sys/kernel/debug/sched/preempt. */
    record SetPreemptMode(Where at, Mode mode) implements Step {
        public String op() {
            return "set_preempt_mode";
        }
    }
}
