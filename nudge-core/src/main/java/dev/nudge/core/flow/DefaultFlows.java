package dev.nudge.core.flow;

import dev.nudge.core.flow.lang.FlowContext;
import dev.nudge.core.flow.lang.FlowDefinition;
import dev.nudge.core.flow.lang.FlowParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flows Nudge ships (docs/flows.md): YAML files under {@code flows/} on the classpath, meant to
 * be copied and edited. They do not run yet: runs, timers and sends come in the next slices.
 */
public final class DefaultFlows {
    /** File stems under {@code flows/}; resources in a jar cannot be listed portably, so they are named here. */
    public static final List<String> IDS = List.of("abandoned-checkout", "welcome-series");

    /** The templates the shipped flows send. */
    public static final Set<String> TEMPLATES = Set.of("abandoned-checkout", "abandoned-checkout-2", "welcome", "welcome-2", "welcome-3");

    private DefaultFlows() {}

    /** File name → YAML text, in {@link #IDS} order. */
    public static Map<String, String> texts() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : IDS) {
            String file = id + ".yaml";
            try (InputStream in = DefaultFlows.class.getResourceAsStream("/flows/" + file)) {
                if (in == null) throw new IllegalStateException("shipped flow flows/" + file + " is missing from the classpath; rebuild nudge-core");
                out.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Parsed against {@code context} (e.g. {@link FlowContext#NONE}); throws listing every issue if one does not validate. */
    public static List<FlowDefinition> definitions(FlowContext context) {
        List<FlowDefinition> defs = new ArrayList<>();
        texts().forEach((file, text) -> defs.add(FlowParser.parse("flows/" + file, text, context).orThrow()));
        return defs;
    }
}
