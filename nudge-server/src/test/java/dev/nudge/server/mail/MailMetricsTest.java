package dev.nudge.server.mail;

import dev.nudge.mail.DeliveryResult;
import dev.nudge.mail.MailTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailMetricsTest {
    @Test
    void meteredTransport_countsHandoffsByResult_andPassesEveryResultThrough() {
        ArrayDeque<DeliveryResult> answers = new ArrayDeque<>(List.of(
                new DeliveryResult.Accepted("250 ok"), new DeliveryResult.Accepted("250 ok"),
                new DeliveryResult.Rejected(451, "4.7.1", "451 try later", false),
                new DeliveryResult.Rejected(550, "5.1.1", "550 no such user", true),
                new DeliveryResult.Rejected(554, "5.7.1", "554 policy", false),
                new DeliveryResult.Uncertain("connection lost after DATA"),
                new DeliveryResult.Unavailable("connect refused")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MailTransport raw = m -> answers.pop();
        MailTransport metered = new MailMetrics(registry).metered(raw);
        List<DeliveryResult> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) seen.add(metered.send(null));

        assertThat(seen).hasSize(7).first().isInstanceOf(DeliveryResult.Accepted.class);
        assertThat(count(registry, "sent")).isEqualTo(2);
        assertThat(count(registry, "deferred")).isEqualTo(1);
        assertThat(count(registry, "bounced")).isEqualTo(1);
        assertThat(count(registry, "failed")).isEqualTo(1);
        assertThat(count(registry, "uncertain")).isEqualTo(1);
        assertThat(count(registry, "unavailable")).isEqualTo(1);
        assertThat(registry.get("nudge.mail.handoff.latency").timer().count()).isEqualTo(7);
    }

    private static double count(SimpleMeterRegistry r, String result) {
        return r.get("nudge.mail.handoffs").tag("result", result).counter().count();
    }
}
