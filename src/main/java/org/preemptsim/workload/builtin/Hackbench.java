package org.preemptsim.workload.builtin;

import org.preemptsim.kernel.TaskSpec;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;
import org.preemptsim.workload.ProgramBuilder;
import org.preemptsim.workload.scenario.CompileContext;
import org.preemptsim.workload.scenario.Fields;
import org.preemptsim.workload.scenario.WorkloadReport;
import org.preemptsim.workload.scenario.Where;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * hackbench (rt-tests / LTP): {@code groups} groups of {@code fds} senders and {@code fds}
 * receivers; every sender writes {@code loops} messages of {@code datasize} bytes to each receiver
 * of its group. A send is a write syscall that copies from user space (kernel work with a
 * might_fault(), i.e. might_sleep(), point), takes the receiving socket's locks (unix_state_lock,
 * then the receive queue's lock with IRQs saved; a pipe takes its wait-queue lock), queues the
 * message and wakes the receiver. A receive is a read that waits for a message, takes the queue
 * lock, dequeues and copies to user space. The socket locks are contended across CPUs by the
 * group's senders. Time (as hackbench's "Time:") is from the start to the last receiver's exit.
 *
 * <p>Not modelled: the socket buffer limit (senders never block), pipe->mutex (a sleeping lock),
 * and the difference between threads and processes (no mm is simulated: both switch alike).
 */
final class Hackbench implements Workload {

    /** Copy speed of copy_{from,to}_user: 10 bytes/ns (10 GB/s). */
    static final long BYTES_PER_NS = 10;
    /** Queue manipulation inside the lock sections. */
    static final long QUEUE_NS = 200;

    @Override
    public String name() {
        return "hackbench";
    }

    @Override
    public String summary() {
        return "groups of senders and receivers over sockets or pipes, as hackbench -g -f -l -s";
    }

    @Override
    public List<Param> params() {
        return List.of(
            new Param("groups", "10", "number of groups (-g)"),
            new Param("fds", "20", "senders and receivers per group (-f)"),
            new Param("loops", "100", "messages each sender sends to each receiver (-l)"),
            new Param("datasize", "100", "bytes per message (-s)"),
            new Param("pipe", "false", "use pipes instead of unix sockets (-p)"),
            new Param("threads", "false", "threads instead of processes (-T); simulated alike"),
            new Param("work", "1us", "kernel path of one send or receive besides the copy and the locks"),
            new Param("start", "0", "when the tasks are created"));
    }

    @Override
    public void compile(Fields f, CompileContext ctx, Where at) {
        int groups = f.integer("groups", 10, 1, 1000);
        int fds = f.integer("fds", 20, 1, 1000);
        int loops = f.integer("loops", 100, 1, 10_000_000);
        int datasize = f.integer("datasize", 100, 1, 1 << 26);
        boolean pipe = f.bool("pipe", false);
        boolean threads = f.bool("threads", false);
        long work = f.positiveDuration("work", 1_000);
        long start = f.duration("start", 0);
        long copy = Math.max(1, (datasize + BYTES_PER_NS - 1) / BYTES_PER_NS);
        String origin = Builtins.origin(at, name());
        String prefix = "hackbench";
        List<Integer> receivers = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int[] queueLock = new int[fds];
            int[] stateLock = new int[fds];
            int[] wq = new int[fds];
            for (int r = 0; r < fds; r++) {
                String sock = prefix + "/" + g + "/" + (pipe ? "pipe" : "sock") + r;
                wq[r] = ctx.declareWaitQueue(sock + "/wait", at);
                queueLock[r] = ctx.declareLock(sock + (pipe ? "/wait.lock" : "/sk_receive_queue.lock"), LockKind.SPINLOCK, at);
                stateLock[r] = pipe ? -1 : ctx.declareLock(sock + "/unix_state_lock", LockKind.SPINLOCK, at);
            }
            for (int r = 0; r < fds; r++) {
                ProgramBuilder pb = new ProgramBuilder().at(origin).loop((long) fds * loops)
                    .syscall(0)
                    .waitOn(wq[r])
                    .lock(queueLock[r], Op.LOCK_IRQSAVE).kernel(QUEUE_NS).unlock(queueLock[r], Op.LOCK_IRQSAVE)
                    .kernel(work / 2 + copy, 0, work / 2 + copy, 0, 0)
                    .sysret()
                    .endLoop()
                    .jobDone(0);
                TaskSpec t = new TaskSpec(prefix + "/" + g + "/r" + r, org.preemptsim.kernel.Policy.SCHED_NORMAL, 0, 0, null, -1,
                    start, pb.build(), false, false);
                receivers.add(ctx.addTask(t, at));
            }
            // Every sender of a group runs the same code: one program, shared (as kernel text is).
            ProgramBuilder pb = new ProgramBuilder().at(origin).loop(loops);
            for (int r = 0; r < fds; r++) {
                pb.syscall(1).kernel(work / 2 + copy, 0, work / 2 + copy, 0, 0);
                if (!pipe) {
                    pb.spinLock(stateLock[r]);
                }
                pb.lock(queueLock[r], Op.LOCK_IRQSAVE).kernel(QUEUE_NS).unlock(queueLock[r], Op.LOCK_IRQSAVE);
                if (!pipe) {
                    pb.spinUnlock(stateLock[r]);
                }
                pb.wake(wq[r], 1).kernel(work / 2).sysret();
            }
            pb.endLoop();
            Program sender = pb.build();
            for (int s = 0; s < fds; s++) {
                TaskSpec t = new TaskSpec(prefix + "/" + g + "/s" + s, org.preemptsim.kernel.Policy.SCHED_NORMAL, 0, 0, null, -1,
                    start, sender, false, false);
                ctx.addTask(t, at);
            }
        }
        long messages = (long) groups * fds * fds * loops;
        ctx.report(new Report(receivers, groups, fds, loops, datasize, threads, messages));
    }

    private record Report(List<Integer> receivers, int groups, int fds, int loops, int datasize, boolean threads,
                          long messages) implements WorkloadReport {

        @Override
        public String workload() {
            return "hackbench";
        }

        /** The time until every receiver has read all its messages, or -1 when some have not by the end. */
        long timeNs(RunResult r) {
            long worst = 0;
            for (int idx : receivers) {
                RunResult.Response resp = Builtins.task(r, idx).response();
                if (resp == null) {
                    return -1;
                }
                worst = Math.max(worst, resp.maxNs());
            }
            return worst;
        }

        @Override
        public RunResult.WorkloadResult figures(RunResult r) {
            Map<String, Long> m = new LinkedHashMap<>();
            long time = timeNs(r);
            long done = 0;
            for (int idx : receivers) {
                if (Builtins.task(r, idx).response() != null) {
                    done++;
                }
            }
            m.put("messages", messages);
            m.put("receivers_done", done);
            m.put("receivers", (long) receivers.size());
            if (time > 0) {
                m.put("time_ns", time);
                m.put("messages_per_s", Math.round(messages * 1e9 / time));
            }
            return new RunResult.WorkloadResult("hackbench", null, m);
        }

        @Override
        public void render(RunResult r, StringBuilder out) {
            out.append(String.format(Locale.ROOT, "Running in %s mode with %d groups using %d file descriptors each (== %d tasks)%n",
                threads ? "threaded" : "process", groups, 2 * fds, 2 * fds * groups));
            out.append(String.format(Locale.ROOT, "Each sender will pass %d messages of %d bytes%n", loops, datasize));
            long time = timeNs(r);
            if (time < 0) {
                out.append("Time: not finished within the simulated duration (raise duration:)\n");
            } else {
                out.append(String.format(Locale.ROOT, "Time: %.3f%n", time / 1e9));
                out.append(String.format(Locale.ROOT, "Messages/s: %d%n", Math.round(messages * 1e9 / time)));
            }
        }
    }
}
