package dev.nudge.core.intelligence.clv;

import java.util.List;

/** The purchase history cannot support a model fit; {@link #problems()} says why and what to do. */
public final class InsufficientDataException extends RuntimeException {

    private final List<String> problems;

    public InsufficientDataException(List<String> problems) {
        super("not enough purchase history to fit the model: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
