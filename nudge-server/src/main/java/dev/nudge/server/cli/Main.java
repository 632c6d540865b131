package dev.nudge.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nudge} command line. Each subcommand is its own class; register new ones in
 * {@link #subcommands()} (one line each) so this file stays a table of contents.
 */
@Command(name = "nudge", mixinStandardHelpOptions = true, version = "nudge 0.1.0",
        description = "Behavior-based email segmentation and automation.")
public final class Main implements Runnable {

    static Object[] subcommands() {
        return new Object[] {
                new ServeCommand(),
                new KeysCommand(),
                new ImportCommand(),
                new ValidateCommand(),
                new SegmentsCommand(),
                new dev.nudge.server.cli.intel.RfmCommand(),
                new dev.nudge.server.cli.intel.PredictCommand(),
                new dev.nudge.server.cli.intel.RulesCommand(),
        };
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The command line with option defaults read from {@code env} ({@link EnvDefaults}: {@code --foo-bar} ← {@code NUDGE_FOO_BAR}). */
    public static CommandLine commandLine(java.util.Map<String, String> env) {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : subcommands()) cl.addSubcommand(sub);
        EnvDefaults.install(cl, env);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("nudge: " + ex.getMessage());
            if (System.getenv("NUDGE_DEBUG") != null) ex.printStackTrace(line.getErr());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) System.exit(code);
    }
}
