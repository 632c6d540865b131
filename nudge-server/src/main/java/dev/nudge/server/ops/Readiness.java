package dev.nudge.server.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /ready}: the node may take traffic only when every part it needs can do its work. Each
 * {@link Check} names one part and says what is wrong with it (null when nothing is); the answer
 * lists every part, so a 503 says which one to look at.
 */
public final class Readiness {
    /** One part of the node. {@link #problem} must be quick (cache anything that talks to the network) and must not throw. */
    public interface Check {
        String name();

        /** Null when ready; otherwise what is wrong and, where known, what to do. */
        String problem();

        static Check of(String name, java.util.function.Supplier<String> problem) {
            return new Check() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public String problem() {
                    return problem.get();
                }
            };
        }
    }

    /** The answer: {@code ready} and, per part, "ok" or its problem. */
    public record Report(boolean ready, Map<String, String> checks) {
        public Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("status", ready ? "ready" : "not ready");
            b.put("checks", checks);
            if (!ready) {
                StringBuilder why = new StringBuilder("not ready:");
                checks.forEach((k, v) -> {
                    if (!"ok".equals(v)) why.append(' ').append(k).append(": ").append(v).append(';');
                });
                b.put("error", why.substring(0, why.length() - 1));
            }
            return b;
        }
    }

    private final List<Check> checks;

    public Readiness(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public Report report() {
        Map<String, String> out = new LinkedHashMap<>();
        boolean ready = true;
        for (Check c : checks) {
            String p;
            try {
                p = c.problem();
            } catch (RuntimeException e) {
                p = "check failed: " + e;
            }
            out.put(c.name(), p == null ? "ok" : p);
            ready &= p == null;
        }
        return new Report(ready, out);
    }
}
