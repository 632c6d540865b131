package dev.nudge.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every {@code --option} of every command can also be set by an environment variable, the option's
 * long name in upper case with dashes as underscores after {@code NUDGE_}: {@code --smtp-host} is
 * {@code NUDGE_SMTP_HOST}, {@code --data} is {@code NUDGE_DATA} — for containers, where the
 * environment is the configuration. An option on the command line wins over its variable, the
 * variable over the built-in default. One name means one variable across commands, so
 * {@code NUDGE_DATA} points {@code serve}, {@code keys} and {@code import} at the same folder.
 *
 * <p>Each command's {@code --help} lists its options' variables in an "Environment" section.
 */
final class EnvDefaults implements IDefaultValueProvider {
    static final String SECTION = "nudgeEnvironment";
    static final String PREFIX = "NUDGE_";

    private final Map<String, String> env;

    private EnvDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Installs the provider and the help section on {@code root} and every subcommand below it (call after adding them). */
    static void install(CommandLine root, Map<String, String> env) {
        root.setDefaultValueProvider(new EnvDefaults(env));
        addSection(root);
    }

    /** The variable of an option, or null for options that have none (help, version, short-only). */
    static String variable(OptionSpec o) {
        if (o.usageHelp() || o.versionHelp()) return null;
        String name = o.longestName();
        if (!name.startsWith("--")) return null;
        return PREFIX + name.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) return null;
        String var = variable(o);
        String v = var == null ? null : env.get(var);
        return v == null || v.isEmpty() ? null : v;
    }

    private static void addSection(CommandLine cl) {
        cl.getHelpSectionMap().put(SECTION, EnvDefaults::render);
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        if (!keys.contains(SECTION)) {
            int at = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
            keys.add(at < 0 ? keys.size() : at, SECTION);
            cl.setHelpSectionKeys(keys);
        }
        for (CommandLine sub : cl.getSubcommands().values()) addSection(sub);
    }

    private static String render(Help help) {
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec o : help.commandSpec().options()) if (variable(o) != null && !o.hidden()) options.add(o);
        if (options.isEmpty()) return "";
        options.sort(java.util.Comparator.comparing(OptionSpec::longestName)); // as the option list above
        int width = 0;
        for (OptionSpec o : options) width = Math.max(width, o.longestName().length());
        StringBuilder out = new StringBuilder("%nEnvironment (an option on the command line wins over its variable):%n".formatted());
        for (OptionSpec o : options) {
            out.append("  ").append(o.longestName()).append(" ".repeat(width - o.longestName().length() + 2)).append(variable(o)).append(System.lineSeparator());
        }
        return out.toString();
    }
}
