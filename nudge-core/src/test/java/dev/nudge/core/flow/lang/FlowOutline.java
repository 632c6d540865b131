package dev.nudge.core.flow.lang;

import java.util.List;

/** A readable outline of a definition for golden files: the root keys, then every step with its id. */
final class FlowOutline {
    private FlowOutline() {}

    static String of(FlowDefinition d) {
        StringBuilder b = new StringBuilder();
        b.append("flow ").append(d.id()).append(" (").append(d.name()).append(")\n");
        b.append("trigger: ").append(d.trigger()).append('\n');
        if (d.key() != null) b.append("key: ").append(d.key()).append('\n');
        if (d.entry() != null) b.append("entry: ").append(d.entry()).append('\n');
        b.append("re_entry: ").append(d.reEntry().kind()).append(d.reEntry().after() == null ? "" : " " + d.reEntry().after()).append('\n');
        for (Awaited a : d.exitWhen()) b.append("exit_when: ").append(a).append('\n');
        if (d.goal() != null) b.append("goal: ").append(d.goal()).append('\n');
        b.append("holdout: ").append(d.holdoutPercent()).append("%\n");
        b.append("on_capped: ").append(d.onCapped()).append('\n');
        b.append("steps:\n");
        steps(b, d.steps(), "  ");
        return b.toString();
    }

    private static void steps(StringBuilder b, List<Step> steps, String indent) {
        for (Step s : steps) {
            b.append(indent).append(s.id()).append(": ");
            switch (s) {
                case Step.Wait w -> b.append("wait ").append(w.duration() != null ? w.duration() : "until " + w.until()).append('\n');
                case Step.Send x -> b.append("send ").append(x.template()).append(x.transactional() ? " (transactional)" : "").append('\n');
                case Step.WaitFor w -> {
                    b.append("wait_for ").append(w.awaited()).append(" within ").append(w.within()).append('\n');
                    if (!w.onEvent().isEmpty()) { b.append(indent).append("  on_event:\n"); steps(b, w.onEvent(), indent + "    "); }
                    if (!w.onTimeout().isEmpty()) { b.append(indent).append("  on_timeout:\n"); steps(b, w.onTimeout(), indent + "    "); }
                }
                case Step.Branch br -> {
                    b.append("branch if ").append(br.condition()).append('\n');
                    b.append(indent).append("  then:\n");
                    steps(b, br.then(), indent + "    ");
                    if (!br.otherwise().isEmpty()) { b.append(indent).append("  else:\n"); steps(b, br.otherwise(), indent + "    "); }
                }
                case Step.Split sp -> {
                    b.append("split\n");
                    for (Step.Arm a : sp.arms()) {
                        b.append(indent).append("  arm ").append(a.name()).append(" weight ").append(a.weight()).append(":\n");
                        steps(b, a.steps(), indent + "    ");
                    }
                }
                case Step.SetTrait t -> b.append("set_trait ").append(t.traits()).append('\n');
                case Step.Webhook h -> b.append("webhook ").append(h.url()).append(h.body() == null ? "" : " body " + h.body()).append('\n');
                case Step.Exit e -> b.append("exit ").append(e.reason()).append('\n');
            }
        }
    }
}
