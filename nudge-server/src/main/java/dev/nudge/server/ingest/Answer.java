package dev.nudge.server.ingest;

import dev.nudge.core.ingest.IngestError;
import dev.nudge.store.ingest.IngestOutcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a 200 from {@code /v1}: {@code {"success": true, "accepted", "duplicates", "rejected": [...]}},
 * one {@code rejected} entry per refused message, in index order, shaped
 * {@code {"index", "messageId", "code", "error", "field"}} for its first problem, plus {@code "errors"}
 * with all of them when it has more than one. {@code field} is relative to the message ({@code "event"}),
 * null when the problem is the whole message.
 */
final class Answer {
    private Answer() {}

    static Map<String, Object> accepted(IngestOutcome outcome, List<Rejection> rejected) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("accepted", outcome.accepted());
        m.put("duplicates", outcome.duplicates());
        m.put("rejected", rejected.stream().map(Answer::rejection).toList());
        return m;
    }

    private static Map<String, Object> rejection(Rejection r) {
        Map<String, Object> m = new LinkedHashMap<>();
        IngestError first = r.first();
        m.put("index", r.index());
        m.put("messageId", r.messageId() == null ? null : Text.clean(r.messageId()));
        m.put("code", first.code());
        m.put("error", first.message());
        m.put("field", first.field());
        if (r.errors().size() > 1) m.put("errors", r.errors().stream().map(RejectedEntry::error).toList());
        return m;
    }
}
