package org.preemptsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The preemptsim command line. */
@Command(name = "preemptsim", mixinStandardHelpOptions = true, version = "preemptsim 0.1.0",
    description = "Simulates the Linux kernel's preemption models (none, voluntary, full, lazy, rt) on a "
        + "workload and reports scheduling latency and throughput, side by side.",
    subcommands = {RunCommand.class, CompareCommand.class, TraceCommand.class, VerifyCommand.class, WorkloadsCommand.class,
        ExplainCommand.class, BenchCommand.class},
    footer = {"", "Exit status: 0 ok, 1 the simulated kernel reported a bug (verify: or an RV monitor a violation), 2 bad input.", "", "Examples:",
        "  bin/preemptsim compare --json results.json",
        "  bin/preemptsim run examples/cyclictest.yaml --model rt",
        "  bin/preemptsim explain examples/default.yaml",
        "  bin/preemptsim trace examples/cyclictest.yaml --model rt --format dat -o trace.dat",
        "  bin/preemptsim verify examples/rv.yaml",
        "  bin/preemptsim bench"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("preemptsim: " + ex.getMessage());
            return 2;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("preemptsim: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
