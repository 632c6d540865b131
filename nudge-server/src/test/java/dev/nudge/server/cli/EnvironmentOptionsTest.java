package dev.nudge.server.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every option of every command has a NUDGE_ variable, named in that command's --help, and setting it takes effect. */
class EnvironmentOptionsTest {

    @Test
    void everyOptionOfEveryCommand_namesItsVariableInHelp() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (CommandLine cl : all(Main.commandLine(Map.of()))) {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) continue;
                String var = EnvDefaults.variable(o);
                String name = cl.getCommandSpec().qualifiedName() + " " + o.longestName();
                if (var == null) {
                    problems.add(name + ": no long name, so no variable");
                } else if (!help.matches("(?s).*Environment.*\\n  " + java.util.regex.Pattern.quote(o.longestName()) + " +" + var + "\\R.*")) {
                    problems.add(name + ": --help does not list " + var);
                }
                checked++;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("options seen across all commands").isGreaterThan(60);
    }

    @Test
    void variables_setServeOptions_includingMixins() {
        ParseResult r = Main.commandLine(Map.of("NUDGE_PORT", "9123", "NUDGE_HOST", "0.0.0.0", "NUDGE_SMTP_HOST", "smtp.example.com",
                "NUDGE_TRUSTED_PROXIES", "10.0.0.0/8", "NUDGE_LOG_FORMAT", "json")).parseArgs("serve");
        ServeCommand serve = r.subcommand().commandSpec().commandLine().getCommand();
        assertThat(serve.port).isEqualTo(9123);
        assertThat(serve.host).isEqualTo("0.0.0.0");
        assertThat(serve.mail.smtpHost).isEqualTo("smtp.example.com");
        assertThat(serve.ops.trustedProxies).isEqualTo("10.0.0.0/8");
        assertThat(serve.ops.logFormat).isEqualTo("json");
        assertThat(serve.data).isEqualTo(Path.of("nudge-data")).as("unset variables keep the built-in default");
    }

    @Test
    void commandLineOption_winsOverItsVariable() {
        ParseResult r = Main.commandLine(Map.of("NUDGE_PORT", "9123")).parseArgs("serve", "--port", "7000");
        ServeCommand serve = r.subcommand().commandSpec().commandLine().getCommand();
        assertThat(serve.port).isEqualTo(7000);
    }

    @Test
    void variables_reachSubcommandsInheritedOptionsAndFlags() {
        CommandLine cl = Main.commandLine(Map.of("NUDGE_DATA", "/srv/nudge", "NUDGE_ADMIN", "true"));
        ParseResult keys = cl.parseArgs("keys", "create");
        assertThat(keys.subcommand().subcommand().commandSpec().findOption("--data").<Path>getValue()).isEqualTo(Path.of("/srv/nudge"));
        assertThat(keys.subcommand().subcommand().commandSpec().findOption("--admin").<Boolean>getValue()).isTrue();
        ParseResult rules = Main.commandLine(Map.of("NUDGE_JSON", "true", "NUDGE_MIN_SUPPORT", "0.05")).parseArgs("rules", "orders.csv");
        assertThat(rules.subcommand().commandSpec().findOption("--json").<Boolean>getValue()).isTrue();
        assertThat(rules.subcommand().commandSpec().findOption("--min-support").<Double>getValue()).isEqualTo(0.05);
    }

    @Test
    void emptyVariable_isTreatedAsUnset() {
        ParseResult r = Main.commandLine(Map.of("NUDGE_PORT", "")).parseArgs("serve");
        ServeCommand serve = r.subcommand().commandSpec().commandLine().getCommand();
        assertThat(serve.port).isEqualTo(8080);
    }

    @Test
    void serveOpsOptions_becomeTheServersSettings_andBadValuesFailFirst() {
        ServeCommand serve = Main.commandLine(Map.of("NUDGE_METRICS_PORT", "9464")).parseArgs("serve", "--trusted-proxies", "10.0.0.0/8",
                "--forwarded-header", "forwarded").subcommand().commandSpec().commandLine().getCommand();
        assertThat(serve.ops.env(Map.of())).containsEntry("NUDGE_METRICS_PORT", "9464").containsEntry("NUDGE_TRUSTED_PROXIES", "10.0.0.0/8")
                .containsEntry("NUDGE_FORWARDED_HEADER", "forwarded");
        ServeCommand bad = Main.commandLine(Map.of()).parseArgs("serve", "--trusted-proxies", "10.0.0.0/40")
                .subcommand().commandSpec().commandLine().getCommand();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bad.ops.env(Map.of())).hasMessageContaining("--trusted-proxies");
    }

    private static List<CommandLine> all(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        out.add(root);
        for (CommandLine sub : root.getSubcommands().values()) out.addAll(all(sub));
        return out;
    }
}
