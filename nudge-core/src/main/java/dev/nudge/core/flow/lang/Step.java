package dev.nudge.core.flow.lang;

import dev.nudge.core.segment.lang.Condition;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a flow (DESIGN.md §9). Every step has an {@link #id()}: its {@code id:} or its path
 * in the tree ({@code 2}, {@code 2.on_timeout.0}, {@code 3.then.1}, {@code 4.A.0} for arm A of a
 * split); ids are unique in a flow, and sends, reports and idempotency keys use them.
 */
public sealed interface Step {
    /** Explicit step ids: letters, digits, '-', '_' and '.'. */
    Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    String id();

    private static String checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("bad step id `" + id + "`");
        return id;
    }

    /** Wait {@code duration}, or until the next {@code until} local time in the profile's time zone (exactly one is set). */
    record Wait(String id, Duration duration, LocalTime until) implements Step {
        public Wait {
            checkId(id);
            if ((duration == null) == (until == null)) throw new IllegalArgumentException("wait needs exactly one of a duration or until");
            if (duration != null && (duration.isNegative() || duration.isZero())) throw new IllegalArgumentException("wait must be positive, got " + duration);
        }
    }

    /** Send template {@code template}; transactional sends skip holdouts, caps and quiet hours. */
    record Send(String id, String template, boolean transactional) implements Step {
        public Send { checkId(id); Objects.requireNonNull(template, "template"); }
    }

    /**
     * Wait until {@code awaited} happens (then {@code onEvent}) or {@code within} passes (then
     * {@code onTimeout}); either path may be empty, and the run continues after this step.
     */
    record WaitFor(String id, Awaited awaited, Duration within, List<Step> onEvent, List<Step> onTimeout) implements Step {
        public WaitFor {
            checkId(id);
            Objects.requireNonNull(awaited, "awaited");
            Objects.requireNonNull(within, "within");
            onEvent = List.copyOf(onEvent);
            onTimeout = List.copyOf(onTimeout);
        }
    }

    /** {@code then} when {@code condition} holds at this step, else {@code otherwise} (possibly empty). */
    record Branch(String id, Condition condition, List<Step> then, List<Step> otherwise) implements Step {
        public Branch {
            checkId(id);
            Objects.requireNonNull(condition, "condition");
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** One arm of each run is chosen by hash(flow, profile, step) against the weights, which sum to 100. */
    record Split(String id, List<Arm> arms) implements Step {
        public Split {
            checkId(id);
            arms = List.copyOf(arms);
            if (arms.size() < 2) throw new IllegalArgumentException("a split needs at least two arms");
            if (arms.stream().mapToInt(Arm::weight).sum() != 100) throw new IllegalArgumentException("split weights must sum to 100");
            if (arms.stream().map(Arm::name).distinct().count() != arms.size()) throw new IllegalArgumentException("split arm names must be unique");
        }
    }

    record Arm(String name, int weight, List<Step> steps) {
        public Arm {
            Objects.requireNonNull(name, "name");
            if (weight <= 0 || weight > 100) throw new IllegalArgumentException("weight must be 1..100, got " + weight);
            steps = List.copyOf(steps);
        }
    }

    /** Sets traits (dotted paths → JSON values; null removes). */
    record SetTrait(String id, Map<String, Object> traits) implements Step {
        public SetTrait {
            checkId(id);
            if (traits.isEmpty()) throw new IllegalArgumentException("set_trait needs at least one trait");
            traits = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(traits));
        }
    }

    /** POSTs {@code body} (a Liquid template; null = the run's default JSON) to {@code url}, signed. */
    record Webhook(String id, URI url, String body) implements Step {
        public Webhook {
            checkId(id);
            Objects.requireNonNull(url, "url");
            if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) throw new IllegalArgumentException("webhook url must be absolute http(s): " + url);
        }
    }

    /** Ends the run with {@code reason}. */
    record Exit(String id, String reason) implements Step {
        public Exit { checkId(id); Objects.requireNonNull(reason, "reason"); }
    }
}
