package dev.nudge.server.http;

import dev.nudge.core.ingest.IngestError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused request: the HTTP status and a JSON body that says what to fix (DESIGN.md §3, §12):
 * {@code {"error": "...", "field": "...", "errors": [{"code","field","message"}...]}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String field;
    private final List<IngestError> details;

    public ApiError(int status, String message) {
        this(status, message, null, List.of());
    }

    public ApiError(int status, String message, String field, List<IngestError> details) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.details = List.copyOf(details);
    }

    public static ApiError of(int status, List<IngestError> errors) {
        IngestError first = errors.get(0);
        String msg = errors.size() == 1 ? first.message() : first.message() + " (and " + (errors.size() - 1) + " more problems, listed in \"errors\")";
        return new ApiError(status, msg, first.field(), errors);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", getMessage());
        m.put("field", field);
        if (!details.isEmpty()) {
            m.put("errors", details.stream().map(d -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("code", d.code());
                e.put("field", d.field());
                e.put("message", d.message());
                return e;
            }).toList());
        }
        return m;
    }
}
