package org.preemptsim.cli;

import org.preemptsim.workload.builtin.Workload;
import org.preemptsim.workload.builtin.Workloads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "workloads", mixinStandardHelpOptions = true,
    description = "Lists the built-in workloads a scenario can name under workloads:, with their parameters and defaults.",
    footer = {"", "Example:", "  bin/preemptsim workloads",
        "  then, in a scenario:  workloads: [{cyclictest: {interval: 200us, histogram: 100}}, {hackbench: {groups: 4}}]"})
public final class WorkloadsCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(render());
        out.flush();
        return 0;
    }

    static String render() {
        StringBuilder sb = new StringBuilder();
        for (Workload w : Workloads.ALL) {
            sb.append(w.name()).append(" - ").append(w.summary()).append('\n');
            for (Workload.Param p : w.params()) {
                sb.append(String.format(Locale.ROOT, "    %-20s %-42s %s%n", p.name(), "(" + p.dflt() + ")", p.help()));
            }
            sb.append('\n');
        }
        sb.append("Use them in a scenario as:  workloads: [- NAME: {PARAM: VALUE, ...}]  (docs/scenario.md).\n");
        return sb.toString();
    }
}
