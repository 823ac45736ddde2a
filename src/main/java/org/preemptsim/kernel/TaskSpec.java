package org.preemptsim.kernel;

import org.preemptsim.workload.Program;

/**
 * One task to create at boot.
 *
 * @param name      comm (at most 15 characters are shown, as TASK_COMM_LEN)
 * @param policy    scheduling policy
 * @param priority  rt_priority 1..99 for FIFO/RR, ignored otherwise
 * @param nice      -20..19 for the fair policies
 * @param affinity  allowed CPUs, or null for all
 * @param cpu       the CPU it starts on, or -1 for the first allowed one
 * @param releaseNs when it is first woken (fork + wake_up_new_task)
 * @param program   what it runs
 * @param measured  a latency-measuring task (cyclictest-like): excluded from throughput
 * @param kthread   a kernel thread: never returns to user space
 */
public record TaskSpec(String name, Policy policy, int priority, int nice, int[] affinity, int cpu,
                       long releaseNs, Program program, boolean measured, boolean kthread) {

    public static TaskSpec fair(String name, int nice, Program program) {
        return new TaskSpec(name, Policy.SCHED_NORMAL, 0, nice, null, -1, 0, program, false, false);
    }

    public static TaskSpec fifo(String name, int priority, Program program) {
        return new TaskSpec(name, Policy.SCHED_FIFO, priority, 0, null, -1, 0, program, false, false);
    }

    public TaskSpec onCpu(int c) {
        return new TaskSpec(name, policy, priority, nice, new int[] {c}, c, releaseNs, program, measured, kthread);
    }

    public TaskSpec withAffinity(int[] cpus) {
        return new TaskSpec(name, policy, priority, nice, cpus, cpu, releaseNs, program, measured, kthread);
    }

    public TaskSpec releasedAt(long ns) {
        return new TaskSpec(name, policy, priority, nice, affinity, cpu, ns, program, measured, kthread);
    }

    public TaskSpec asMeasured() {
        return new TaskSpec(name, policy, priority, nice, affinity, cpu, releaseNs, program, true, kthread);
    }

    public TaskSpec asKthread() {
        return new TaskSpec(name, policy, priority, nice, affinity, cpu, releaseNs, program, measured, true);
    }
}
