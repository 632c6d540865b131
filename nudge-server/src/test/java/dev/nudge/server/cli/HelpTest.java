package dev.nudge.server.cli;

import dev.nudge.server.support.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command and subcommand answers {@code --help} with its usage and exit code 0, without touching a data folder. */
class HelpTest {

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(path);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name)) return; // an alias
            List<String> p = new ArrayList<>(path);
            p.add(name);
            collect(sub, p, out);
        });
    }

    @Test
    void help_everyCommandAndSubcommand_printsItsUsage() {
        List<List<String>> commands = new ArrayList<>();
        collect(Main.commandLine(), List.of(), commands);
        assertThat(commands).contains(List.of("keys", "create"), List.of("keys", "revoke"), List.of("keys", "list"), List.of("segments", "init"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as("nudge %s --help: %s", String.join(" ", command), r.err()).isZero();
            assertThat(r.out()).as("nudge %s --help", String.join(" ", command)).contains("Usage: nudge" + (command.isEmpty() ? "" : " " + String.join(" ", command)));
        }
    }
}
