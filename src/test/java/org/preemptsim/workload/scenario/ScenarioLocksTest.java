package org.preemptsim.workload.scenario;

import org.junit.jupiter.api.Test;
import org.preemptsim.kernel.LockSpec;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.locking.LockKind;
import org.preemptsim.metrics.RunResult;
import org.preemptsim.metrics.Simulation;
import org.preemptsim.workload.LockCall;
import org.preemptsim.workload.Op;
import org.preemptsim.workload.Program;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenario locks of every kind, the kernel's call names per lock type, and what is (not) refused statically. */
class ScenarioLocksTest {

    private static CompiledScenario compile(String yaml) {
        return ScenarioCompiler.compile(ScenarioReader.read("t.yaml", yaml));
    }

    private static String kthread(String locks, String... steps) {
        StringBuilder sb = new StringBuilder("models: [full, rt]\nduration: 5ms\nlocks: " + locks
            + "\ntasks:\n  - name: t\n    kthread: true\n    program:\n");
        for (String s : steps) {
            sb.append("      - ").append(s).append('\n');
        }
        return sb.toString();
    }

    @Test
    void shouldDeclareEveryKindWithSemaphoreCounts() {
        StringBuilder yaml = new StringBuilder("locks:\n");
        for (LockKind k : LockKind.values()) {
            yaml.append("  - {name: l_").append(k.key()).append(", kind: ").append(k.key()).append("}\n");
        }
        yaml.append("  - {name: slots, kind: semaphore, count: 3}\n  - {name: done, kind: semaphore, count: 0}\n  - bare\n");
        yaml.append("tasks: [{name: t, program: [{user: 1ms}]}]\n");

        List<LockSpec> locks = compile(yaml.toString()).machine().locks();

        for (int i = 0; i < LockKind.values().length; i++) {
            assertThat(locks.get(i).kind()).isEqualTo(LockKind.values()[i]);
            assertThat(locks.get(i).count()).isEqualTo(1);
        }
        int n = LockKind.values().length;
        assertThat(locks.get(n).count()).isEqualTo(3);
        assertThat(locks.get(n + 1).count()).isZero();
        assertThat(locks.get(n + 2).kind()).isEqualTo(LockKind.SPINLOCK);
    }

    @Test
    void shouldCompileEveryCallOfEveryLockTypeInEveryFlavourItHas() {
        for (LockCall call : LockCall.values()) {
            for (int f = Op.LOCK_PLAIN; f <= Op.LOCK_BH; f++) {
                if (!call.allows(f)) {
                    continue;
                }
                String lock = "{name: x, kind: " + call.kind().key() + "}";
                Program p = compile(kthread("[" + lock + "]", call.name(false, f) + ": x", "kernel: 1us", call.name(true, f) + ": x"))
                    .machine().tasks().get(0).program();

                assertThat(p.op(0)).as(call.name(false, f)).isEqualTo(call.op(false));
                assertThat(p.op(2)).as(call.name(true, f)).isEqualTo(call.op(true));
                assertThat(p.d(0)).isEqualTo(f);
                assertThat(p.d(2)).isEqualTo(f);
                assertThat(LockCall.nameOf(p.op(0), p.d(0), call.kind())).isEqualTo(call == LockCall.READ
                    ? call.name(false, f) : LockCall.exclusive(call.kind()).name(false, f));
            }
        }
    }

    @Test
    void shouldCompileSeqlockReadersMigrateDisableAndCondReschedLock() {
        Program p = compile(kthread("[{name: s, kind: seqlock}, list_lock]", "read_seqbegin: {lock: s, section: 20us}",
            "migrate_disable", "spin_lock: list_lock", "kernel: 5us", "cond_resched_lock: list_lock", "spin_unlock: list_lock",
            "migrate_enable")).machine().tasks().get(0).program();

        assertThat(p.op(0)).isEqualTo(Op.SEQ_READ);
        assertThat(p.a(0)).isEqualTo(20_000);
        assertThat(p.op(1)).isEqualTo(Op.MIGRATE_DISABLE);
        assertThat(p.op(4)).isEqualTo(Op.COND_RESCHED_LOCK);
        assertThat(p.op(6)).isEqualTo(Op.MIGRATE_ENABLE);
    }

    @Test
    void shouldAcceptUpWithoutDownSinceASemaphoreHasNoOwner() {
        CompiledScenario cs = compile("duration: 5ms\nlocks: [{name: done, kind: semaphore, count: 0}]\ntasks:\n"
            + "  - {name: waiter, kthread: true, program: [{down: done}, {kernel: 10us}]}\n"
            + "  - {name: signaller, kthread: true, release: 1ms, program: [{kernel: 10us}, {up: done}]}\n");

        RunResult r = Simulation.run(cs.machine(), Model.of("full"));

        assertThat(r.ok()).as(r.bug()).isTrue();
        assertThat(r.locking().locks().get(0).contentions()).isEqualTo(1);
    }

    @Test
    void shouldLeaveAMutexInAtomicContextToTheKernelWhichReportsItWithTheScenarioLine() {
        // Not refused statically: the simulated kernel's DEBUG_ATOMIC_SLEEP catches it, as a real one does.
        CompiledScenario cs = compile(kthread("[dev_lock, {name: m, kind: mutex}]", "spin_lock: dev_lock", "mutex_lock: m",
            "kernel: 1us", "mutex_unlock: m", "spin_unlock: dev_lock"));

        RunResult full = Simulation.run(cs.machine(), Model.of("full"));

        assertThat(full.ok()).isFalse();
        assertThat(full.status()).startsWith("BUG: sleeping function called from invalid context");
        assertThat(full.bug()).contains("t.yaml:9");
    }

    @Test
    void shouldKeepLockdepOffInRunsUnlessTheScenarioAsks() {
        assertThat(compile("tasks: [{name: t, program: [{user: 1ms}]}]\n").machine().lockdep()).isFalse();
        assertThat(compile("lockdep: true\ntasks: [{name: t, program: [{user: 1ms}]}]\n").machine().lockdep()).isTrue();
        assertThat(compile("tasks: [{name: t, program: [{user: 1ms}]}]\n").withLockdep(true).machine().lockdep()).isTrue();
    }

    @Test
    void shouldReadSharesAsPercentagesOrFractions() {
        assertThat(share("6%")).isEqualTo(60_000);
        assertThat(share("0.06")).isEqualTo(60_000);
        assertThat(share("0.5%")).isEqualTo(5_000);
        assertThat(share("100%")).isEqualTo(1_000_000);
        assertThat(share("1")).isEqualTo(1_000_000);
        assertThat(share("0")).isZero();
        assertThatThrownBy(() -> share("-6%")).isInstanceOf(ScenarioError.class).hasMessageContaining("expected a share");
        assertThatThrownBy(() -> share("1.5")).isInstanceOf(ScenarioError.class).hasMessageContaining("got 1.5");
    }

    private static long share(String text) {
        return ScenarioReader.share(ScenarioParser.parse("s.yaml", "s: " + text + "\n").get("s"));
    }

    @Test
    void shouldMakeTheFirstSpinlocksRawInDeclarationOrderRoundingHalfUp() {
        // 4 spinlock_t (the raw, the mutex and cond_resched_lock's list_lock are not candidates): 40 % of 4 is 1.6, so 2.
        CompiledScenario cs = compile(kthread("[{name: r, kind: raw_spinlock}, a, {name: m, kind: mutex}, b, list_lock, c, d]",
            "spin_lock: list_lock", "cond_resched_lock: list_lock", "spin_unlock: list_lock").replace("locks:",
            "raw_spinlock_share: 40%\nlocks:"));

        List<String> raw = new ArrayList<>();
        for (LockSpec l : cs.machine().locks()) {
            if (l.raw()) {
                raw.add(l.name());
            }
        }
        assertThat(raw).containsExactly("r", "a", "b");
        assertThat(cs.madeRaw()).containsExactly("a", "b");
        assertThat(cs.machine().locks().get(4).kind()).isEqualTo(LockKind.SPINLOCK);
        assertThat(Simulation.run(cs.machine(), Model.of("rt")).ok()).isTrue();
    }
}
