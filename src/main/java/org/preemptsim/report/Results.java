package org.preemptsim.report;

import org.preemptsim.metrics.RunResult;

import java.util.List;

/** The document --json writes (shape: docs/results.schema.json): one entry per model in {@code runs}. */
public record Results(String tool, String scenario, String kernel, long seed, long durationNs, List<RunResult> runs) {
}
