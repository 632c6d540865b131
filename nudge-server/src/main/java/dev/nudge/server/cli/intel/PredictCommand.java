package dev.nudge.server.cli.intel;

import picocli.CommandLine.Command;

/** {@code nudge predict}: BG/NBD + Gamma-Gamma on a transaction log; see its subcommands. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Fit BG/NBD and Gamma-Gamma to a transaction log and predict per customer.",
        subcommands = {PredictFitCommand.class, PredictCustomersCommand.class})
public final class PredictCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
