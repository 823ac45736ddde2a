package org.preemptsim.workload.scenario;

import org.preemptsim.kernel.Mode;

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

    /** spin_lock / raw_spin_lock and their _irq, _irqsave, _bh flavours, the unlocks, and cond_resched_lock. */
    record Lock(String op, Where at, String lock) implements Step {
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
