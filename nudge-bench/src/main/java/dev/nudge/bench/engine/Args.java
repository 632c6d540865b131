package dev.nudge.bench.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the engine benchmarks, with defaults and clear errors. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, String usage) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; usage: " + usage);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    int integer(String name, int dflt) {
        String v = values.get(name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    int[] integers(String name, int... dflt) {
        String v = values.get(name);
        if (v == null) return dflt;
        try {
            return Arrays.stream(v.split(",")).map(String::strip).mapToInt(s -> Integer.parseInt(s.replace("_", ""))).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be comma-separated whole numbers like 10000,100000, got '" + v + "'");
        }
    }
}
