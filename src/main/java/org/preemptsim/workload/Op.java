package org.preemptsim.workload;

/**
 * Opcodes of a compiled task program. Each step of a {@link Program} is one opcode plus operands;
 * the kernel's interpreter ({@code org.preemptsim.kernel.Exec}) gives each the kernel's semantics.
 */
public final class Op {

    private Op() {
    }

    /** User-space work for a duration (operand: duration). */
    public static final int USER = 1;
    /** Enter the kernel through a syscall (operand c: syscall number, for the kernel's warnings). */
    public static final int SYSCALL_ENTER = 2;
    /** Leave the kernel: the exit-to-user checks and the return-to-user preemption point. */
    public static final int SYSCALL_EXIT = 3;
    /**
     * Kernel work for a duration (a); b: cond_resched() every N ns of kernel work (0: never), e:
     * might_sleep() every M ns (0: never), c: preempt_disable/enable pairs and d: RCU read sections
     * executed inside (their cost depends on the build).
     */
    public static final int KWORK = 4;
    public static final int PREEMPT_DISABLE = 5;
    public static final int PREEMPT_ENABLE = 6;
    public static final int IRQ_DISABLE = 7;
    public static final int IRQ_ENABLE = 8;
    /** local_irq_save; the saved flag lives in the task's flags stack. */
    public static final int IRQ_SAVE = 9;
    public static final int IRQ_RESTORE = 10;
    public static final int BH_DISABLE = 11;
    public static final int BH_ENABLE = 12;
    /** Lock a spinning lock (operand c: lock id, d: flavour, see {@link #LOCK_PLAIN} etc.). */
    public static final int SPIN_LOCK = 13;
    public static final int SPIN_UNLOCK = 14;
    /** cond_resched_lock(lock c). */
    public static final int COND_RESCHED_LOCK = 15;
    public static final int RCU_READ_LOCK = 16;
    public static final int RCU_READ_UNLOCK = 17;
    /** cond_resched_rcu(): unlock, cond_resched, relock (empty under PREEMPT_RCU without debug). */
    public static final int COND_RESCHED_RCU = 18;
    /** A bare cond_resched() call. */
    public static final int COND_RESCHED = 19;
    /** A bare might_sleep() call. */
    public static final int MIGHT_SLEEP = 20;
    /** Relative hrtimer sleep (nanosleep) for a duration. */
    public static final int SLEEP = 21;
    /** clock_nanosleep(TIMER_ABSTIME) until an absolute instant (operand: the instant). */
    public static final int SLEEP_UNTIL = 22;
    /** Periodic release: sleep until the next multiple of the period after the release instant; measured. */
    public static final int PERIODIC_WAIT = 23;
    /** Block on wait queue c until a token is available (wait_event / wait_for_completion). */
    public static final int WAIT = 24;
    /** Post a token count a to wait queue c and wake that many waiters (complete / wake_up). */
    public static final int WAKE = 25;
    /** Begin a loop of a iterations (0: forever). */
    public static final int LOOP = 26;
    public static final int END_LOOP = 27;
    /** Explicit schedule() with the task running: a yield of the CPU if something else should run. */
    public static final int SCHEDULE = 28;
    /** do_exit(). */
    public static final int EXIT = 29;
    /** Switch the PREEMPT_DYNAMIC mode, as writing /sys/kernel/debug/sched/preempt (operand c: mode). */
    public static final int SET_PREEMPT_MODE = 30;
    /** The per-CPU ksoftirqd loop (kthread program). */
    public static final int KSOFTIRQD = 31;
    /**
     * A job of the task completed: reports release-to-now as a response time (operand a: the
     * relative deadline, 0 for none). The release is the expiry of the task's last periodic wait,
     * or its release instant before any.
     */
    public static final int JOB_DONE = 32;

    /** read_lock (operand c: rwlock id, d: flavour). */
    public static final int READ_LOCK = 33;
    public static final int READ_UNLOCK = 34;
    /** A seqlock read section: read_seqbegin, a of work, read_seqretry (retried while a writer came by). */
    public static final int SEQ_READ = 35;
    public static final int MIGRATE_DISABLE = 36;
    public static final int MIGRATE_ENABLE = 37;
    /** PREEMPT_RT irq_thread: wait for IRQTF_RUNTHREAD of IRQ source c. */
    public static final int IRQ_THREAD = 38;
    /** The threaded handler's work and effects for IRQ source c. */
    public static final int IRQ_THREAD_WORK = 40;
    /** irq_finalize_oneshot: unmask IRQ source c's line. */
    public static final int IRQ_THREAD_DONE = 41;
    /** PREEMPT_RT's ktimers/N loop (TIMER and HRTIMER softirqs). */
    public static final int KTIMERS = 39;

    /** Lock flavours (operand d of lock steps). */
    public static final int LOCK_PLAIN = 0;
    public static final int LOCK_IRQ = 1;
    public static final int LOCK_IRQSAVE = 2;
    public static final int LOCK_BH = 3;

    public static String name(int op) {
        switch (op) {
            case USER: return "user";
            case SYSCALL_ENTER: return "syscall_enter";
            case SYSCALL_EXIT: return "syscall_exit";
            case KWORK: return "kernel";
            case PREEMPT_DISABLE: return "preempt_disable";
            case PREEMPT_ENABLE: return "preempt_enable";
            case IRQ_DISABLE: return "local_irq_disable";
            case IRQ_ENABLE: return "local_irq_enable";
            case IRQ_SAVE: return "local_irq_save";
            case IRQ_RESTORE: return "local_irq_restore";
            case BH_DISABLE: return "local_bh_disable";
            case BH_ENABLE: return "local_bh_enable";
            case SPIN_LOCK: return "lock";
            case SPIN_UNLOCK: return "unlock";
            case COND_RESCHED_LOCK: return "cond_resched_lock";
            case RCU_READ_LOCK: return "rcu_read_lock";
            case RCU_READ_UNLOCK: return "rcu_read_unlock";
            case COND_RESCHED_RCU: return "cond_resched_rcu";
            case COND_RESCHED: return "cond_resched";
            case MIGHT_SLEEP: return "might_sleep";
            case SLEEP: return "sleep";
            case SLEEP_UNTIL: return "sleep_until";
            case PERIODIC_WAIT: return "periodic";
            case WAIT: return "wait";
            case WAKE: return "wake";
            case LOOP: return "loop";
            case END_LOOP: return "end_loop";
            case SCHEDULE: return "schedule";
            case EXIT: return "exit";
            case SET_PREEMPT_MODE: return "set_preempt_mode";
            case KSOFTIRQD: return "ksoftirqd";
            case READ_LOCK: return "read_lock";
            case READ_UNLOCK: return "read_unlock";
            case SEQ_READ: return "read_seqbegin";
            case MIGRATE_DISABLE: return "migrate_disable";
            case MIGRATE_ENABLE: return "migrate_enable";
            case IRQ_THREAD: return "irq_thread";
            case IRQ_THREAD_WORK: return "irq_thread_fn";
            case IRQ_THREAD_DONE: return "irq_finalize_oneshot";
            case KTIMERS: return "ktimers";
            case JOB_DONE: return "job_done";
            default: return "op" + op;
        }
    }
}
