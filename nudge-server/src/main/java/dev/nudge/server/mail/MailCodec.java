package dev.nudge.server.mail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.event.EventJson;
import dev.nudge.mail.broadcast.BroadcastState;
import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.suppression.Suppression;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.tracking.StoredMessage;
import dev.nudge.mail.unsubscribe.ConsentChange;
import dev.nudge.mail.unsubscribe.ConsentLogEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON encodings of the mail records as stored. Field names are the stored format: renaming one is a
 * data migration. Instants are ISO-8601 strings; absent values are omitted and read back as null.
 */
final class MailCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private MailCodec() {}

    static byte[] outbox(OutboxEntry e) {
        SendIntent i = e.intent();
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("key", i.idempotencyKey());
        in.put("template", i.template());
        in.put("profile_id", i.profileId());
        put(in, "campaign_id", i.campaignId());
        put(in, "flow_id", i.flowId());
        put(in, "flow_step", i.flowStep());
        if (i.trigger() != null) in.put("trigger", EventJson.toMap(i.trigger()));
        if (!i.flow().isEmpty()) in.put("flow", i.flow());
        if (!i.recommendations().isEmpty()) in.put("recommendations", i.recommendations());
        in.put("created_at", i.createdAt().toString());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intent", in);
        m.put("status", e.status().name());
        m.put("attempts", e.attempts());
        put(m, "message_id", e.messageId());
        put(m, "detail", e.detail());
        m.put("updated_at", e.updatedAt().toString());
        return bytes(m);
    }

    @SuppressWarnings("unchecked")
    static OutboxEntry outbox(byte[] b) {
        Map<String, Object> m = map(b);
        Map<String, Object> in = (Map<String, Object>) m.get("intent");
        Map<String, Object> trigger = (Map<String, Object>) in.get("trigger");
        SendIntent i = new SendIntent((String) in.get("key"), (String) in.get("template"), (String) in.get("profile_id"),
                (String) in.get("campaign_id"), (String) in.get("flow_id"), (String) in.get("flow_step"),
                trigger == null ? null : EventJson.fromMap(trigger), (Map<String, Object>) in.get("flow"),
                (List<Map<String, Object>>) in.get("recommendations"), Instant.parse((String) in.get("created_at")));
        return new OutboxEntry(i, OutboxStatus.valueOf((String) m.get("status")), ((Number) m.get("attempts")).intValue(),
                (String) m.get("message_id"), (String) m.get("detail"), Instant.parse((String) m.get("updated_at")));
    }

    static byte[] message(StoredMessage s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", s.messageId());
        put(m, "key", s.idempotencyKey());
        m.put("profile_id", s.profileId());
        put(m, "email", s.email());
        put(m, "campaign_id", s.campaignId());
        put(m, "flow_id", s.flowId());
        put(m, "flow_step", s.flowStep());
        m.put("links", s.links());
        if (s.sentAt() != null) m.put("sent_at", s.sentAt().toString());
        return bytes(m);
    }

    @SuppressWarnings("unchecked")
    static StoredMessage message(byte[] b) {
        Map<String, Object> m = map(b);
        return new StoredMessage((String) m.get("message_id"), (String) m.get("key"), (String) m.get("profile_id"),
                (String) m.get("email"), (String) m.get("campaign_id"), (String) m.get("flow_id"), (String) m.get("flow_step"),
                (List<String>) m.get("links"), instant(m.get("sent_at")));
    }

    static byte[] suppression(Suppression s) {
        return bytes(Map.of("email", s.email(), "reason", s.reason().name(), "source", s.source(), "note", s.note(), "at", s.at().toString()));
    }

    static Suppression suppression(byte[] b) {
        Map<String, Object> m = map(b);
        return new Suppression((String) m.get("email"), SuppressionReason.valueOf((String) m.get("reason")), (String) m.get("source"),
                (String) m.get("note"), Instant.parse((String) m.get("at")));
    }

    static byte[] consent(ConsentLogEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile_id", e.profileId());
        put(m, "email", e.email());
        m.put("action", e.change().action().name());
        put(m, "topic", e.change().topic());
        m.put("source", e.source());
        m.put("ip", e.ip());
        put(m, "message_id", e.messageId());
        m.put("at", e.at().toString());
        return bytes(m);
    }

    static ConsentLogEntry consent(byte[] b) {
        Map<String, Object> m = map(b);
        return new ConsentLogEntry((String) m.get("profile_id"), (String) m.get("email"),
                new ConsentChange(ConsentChange.Action.valueOf((String) m.get("action")), (String) m.get("topic")),
                (String) m.get("source"), (String) m.get("ip"), (String) m.get("message_id"), Instant.parse((String) m.get("at")));
    }

    static byte[] broadcast(BroadcastState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", s.status().name());
        m.put("offset", s.offset());
        m.put("sent", s.sent());
        m.put("suppressed", s.suppressed());
        m.put("bounced", s.bounced());
        m.put("failed", s.failed());
        put(m, "reason", s.reason());
        m.put("updated_at", s.updatedAt().toString());
        return bytes(m);
    }

    static BroadcastState broadcast(byte[] b) {
        Map<String, Object> m = map(b);
        return new BroadcastState((String) m.get("id"), BroadcastState.Status.valueOf((String) m.get("status")), num(m, "offset"),
                num(m, "sent"), num(m, "suppressed"), num(m, "bounced"), num(m, "failed"), (String) m.get("reason"),
                Instant.parse((String) m.get("updated_at")));
    }

    static Map<String, Object> map(byte[] b) {
        try {
            return MAPPER.readValue(b, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt mail record in the store", e);
        }
    }

    static byte[] bytes(Object o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static Instant instant(Object v) {
        return v == null ? null : Instant.parse((String) v);
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) m.put(k, v);
    }
}
