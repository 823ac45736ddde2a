package org.preemptsim.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.preemptsim.kernel.Model;
import org.preemptsim.kernel.preempt.PreemptTable;
import org.preemptsim.metrics.Simulation;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PerfettoJsonWriterTest {

    @TempDir
    Path dir;

    /** What a pass over the JSON found. */
    static final class Seen {
        final Set<String> nestings = new HashSet<>();
        final Map<String, Long> lastCounter = new HashMap<>();
        final Set<String> instants = new HashSet<>();
        int slices;
        int flows;
        BigDecimal minTs;
        BigDecimal maxTs;
        final Set<Integer> tids = new HashSet<>();
    }

    /**
     * Parses the file and checks every track's B/E events nest: an E closes the innermost open slice
     * (same name), time never goes back on a track, nothing stays open; every flow end has its start.
     */
    static Seen check(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Map<String, Deque<JsonNode>> open = new HashMap<>();
        Map<String, BigDecimal> lastTs = new HashMap<>();
        Set<Long> flowStarts = new HashSet<>();
        Seen seen = new Seen();
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.get("ph").asText();
            if (ph.equals("M")) {
                continue;
            }
            BigDecimal ts = e.get("ts").decimalValue();
            seen.minTs = seen.minTs == null || ts.compareTo(seen.minTs) < 0 ? ts : seen.minTs;
            seen.maxTs = seen.maxTs == null || ts.compareTo(seen.maxTs) > 0 ? ts : seen.maxTs;
            if (ph.equals("C")) {
                long v = e.get("args").get("value").asLong();
                assertThat(v).as("%s", e).isGreaterThanOrEqualTo(0);
                seen.lastCounter.put(e.get("name").asText(), v);
                continue;
            }
            int tid = e.get("tid").asInt();
            seen.tids.add(tid);
            String track = e.get("pid").asInt() + "/" + tid;
            BigDecimal last = lastTs.get(track);
            assertThat(last == null || ts.compareTo(last) >= 0).as("time goes back on %s at %s", track, e).isTrue();
            lastTs.put(track, ts);
            Deque<JsonNode> stack = open.computeIfAbsent(track, t -> new ArrayDeque<>());
            switch (ph) {
                case "B":
                    seen.nestings.add(e.get("cat").asText() + " in " + (stack.isEmpty() ? "nothing" : stack.peek().get("cat").asText()));
                    stack.push(e);
                    seen.slices++;
                    break;
                case "E":
                    assertThat(stack).as("E without B: %s", e).isNotEmpty();
                    assertThat(stack.pop().get("name").asText()).as("%s", e).isEqualTo(e.get("name").asText());
                    break;
                case "i":
                    seen.instants.add(e.get("name").asText().split(" ")[0]);
                    break;
                case "s":
                    flowStarts.add(e.get("id").asLong());
                    break;
                case "f":
                    assertThat(flowStarts).contains(e.get("id").asLong());
                    seen.flows++;
                    break;
                default:
                    throw new AssertionError("unexpected phase " + ph);
            }
        }
        for (Map.Entry<String, Deque<JsonNode>> t : open.entrySet()) {
            assertThat(t.getValue()).as("slices left open on %s", t.getKey()).isEmpty();
        }
        return seen;
    }

    @Test
    void shouldWriteNestedSlicesInstantsCountersAndFlowsPerCpu() throws IOException {
        Path file = dir.resolve("trace.json");
        Simulation.Booted booted;
        try (PerfettoJsonWriter w = TraceWriters.perfetto(file, TraceOptions.forCpus(2))) {
            booted = Simulation.boot(TraceFixtures.everyEvent(20_000_000L), Model.of("full"), PreemptTable.KERNEL, List.of(w));
            booted.run();
        }
        Seen seen = check(file);
        assertThat(seen.tids).containsExactlyInAnyOrder(1, 2);
        // Hardirqs nest in softirqs and tasks, softirqs in tasks; nothing nests in a hardirq.
        assertThat(seen.nestings).contains("task in nothing", "softirq in task", "hardirq in task",
            "hardirq in nothing", "hardirq in softirq");
        assertThat(seen.nestings).allMatch(n -> !n.endsWith("in hardirq") && !n.startsWith("task in "
            + "task") && !n.startsWith("softirq in softirq"));
        assertThat(seen.instants).contains("wakeup", "waking", "need_resched");
        assertThat(seen.flows).isPositive();
        assertThat(seen.lastCounter).containsKeys("preempt_count cpu0", "preempt_count cpu1", "nr_running cpu0",
            "nr_running cpu1");
        // nr_running counted from the events alone ends where the kernel's rq->nr_running is.
        for (int c = 0; c < 2; c++) {
            assertThat(seen.lastCounter.get("nr_running cpu" + c)).as("cpu %d", c)
                .isEqualTo((long) booted.kernel().sched.rqs[c].nrRunning);
        }
    }

    @Test
    void shouldKeepOnlyTheWindowAndCpuAskedForWithSlicesStillBalanced() throws IOException {
        Path file = dir.resolve("window.json");
        try (PerfettoJsonWriter w = TraceWriters.perfetto(file, TraceOptions.forCpus(2).window(5_000_000, 9_000_000).onlyCpus(1))) {
            TraceFixtures.run(TraceFixtures.everyEvent(20_000_000L), "full", w);
        }
        Seen seen = check(file);
        assertThat(seen.tids).containsExactly(2);
        assertThat(seen.slices).isPositive();
        assertThat(seen.minTs).isGreaterThanOrEqualTo(new BigDecimal("5000"));
        assertThat(seen.maxTs).isLessThanOrEqualTo(new BigDecimal("9000"));
    }
}
