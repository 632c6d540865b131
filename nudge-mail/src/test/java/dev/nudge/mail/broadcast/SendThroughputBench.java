package dev.nudge.mail.broadcast;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.MailTransport;
import dev.nudge.mail.outbox.ErrorRateBreaker;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.smtp.SmtpConfig;
import dev.nudge.mail.smtp.SmtpTransport;
import dev.nudge.mail.smtp.TokenBucket;
import dev.nudge.mail.testing.MailFixture;
import dev.nudge.mail.testing.ScriptedSmtpServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of rendered, tracked messages into a local SMTP server — a measurement, not a test:
 * it prints figures and asserts nothing about time. Run:
 * <pre>./mvnw -q -pl nudge-mail -am test -Dtest=SendThroughputBench -Dsurefire.failIfNoSpecifiedTests=false -Dnudge.bench=true -Dnudge.bench.n=20000</pre>
 * Stages measured separately so the cost split is visible: compose only (render + link rewrite +
 * text part + headers), full send into a counting SMTP sink on loopback, full send into GreenMail.
 */
@EnabledIfSystemProperty(named = "nudge.bench", matches = "true")
class SendThroughputBench {
    final int n = Integer.getInteger("nudge.bench.n", 20_000);
    final int workers = Integer.getInteger("nudge.bench.workers", 8);

    @Test
    void measure() throws Exception {
        MailFixture f = new MailFixture();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            f.person("p" + i, "p" + i + "@example.org");
            ids.add("p" + i);
        }
        var template = f.engine.compile("promo");
        String jfr = System.getProperty("nudge.bench.jfr");
        jdk.jfr.Recording rec = null;
        if (jfr != null) {
            rec = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            rec.start();
        }
        // warm-up + compose-only
        for (int i = 0; i < Math.min(n, 5000); i++) compose(f, template, "w" + i, ids.get(i));
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) compose(f, template, "c" + i, ids.get(i));
        report("compose only (render+track+text+headers), 1 thread", n, System.nanoTime() - t0);
        stages(f, template, ids);
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) compose(f, template, "d" + i, ids.get(i));
        report("compose only again (warm JIT), 1 thread", n, System.nanoTime() - t0);

        try (var sink = new ScriptedSmtpServer(x -> "250 OK", x -> "250 OK", false)) {
            long t = send(f, ids, new SmtpTransport(SmtpConfig.plain("127.0.0.1", sink.port(), workers), f.time), "sink");
            report("full send -> loopback SMTP sink, " + workers + " workers, pool " + workers + " (accepted " + sink.acceptedCount.get() + ")", n, t);
        }
        if (rec != null) { // profile covers compose + the sink send; GreenMail is skipped
            rec.stop();
            rec.dump(java.nio.file.Path.of(jfr));
            return;
        }
        GreenMail gm = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        gm.start();
        try {
            MailFixture g = new MailFixture();
            for (String id : ids) g.person(id, id + "@example.org");
            long t = send(g, ids, new SmtpTransport(SmtpConfig.plain("127.0.0.1", gm.getSmtp().getPort(), workers), g.time), "gm");
            report("full send -> GreenMail, " + workers + " workers (received " + gm.getReceivedMessages().length + ")", n, t);
        } finally {
            gm.stop();
        }
    }

    /** Where compose time goes: each stage alone, 1 thread. */
    private void stages(MailFixture f, dev.nudge.mail.template.CompiledTemplate t, List<String> ids) {
        var ctx = new dev.nudge.mail.template.RenderContext(f.people.get(ids.get(0)), null, null, null,
                java.util.Map.of("unsubscribe_url", "https://nudge.example.com/u/x"));
        long t0 = System.nanoTime();
        String html = null;
        for (int i = 0; i < n; i++) html = f.engine.render(t, ctx).html();
        report("  stage: Liquid render (subject + body) + text part", n, System.nanoTime() - t0);
        var rw = new dev.nudge.mail.tracking.LinkRewriter(f.signer, MailFixture.BASE);
        t0 = System.nanoTime();
        String tracked = null;
        for (int i = 0; i < n; i++) tracked = rw.rewrite("m" + i + "@x", html, true).html();
        report("  stage: link rewrite + pixel (3 HMACs)", n, System.nanoTime() - t0);
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) dev.nudge.mail.template.HtmlToText.convert(tracked);
        report("  stage: HTML to text", n, System.nanoTime() - t0);
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) f.unsubscribe.headers("m" + i + "@x");
        report("  stage: unsubscribe headers (token + mailto MAC)", n, System.nanoTime() - t0);
    }

    private static void compose(MailFixture f, dev.nudge.mail.template.CompiledTemplate t, String key, String id) {
        Profile p = f.people.get(id);
        f.composer.compose(SendIntent.of(key, "promo", id, Instant.EPOCH), t, p, p.email());
    }

    private long send(MailFixture f, List<String> ids, MailTransport transport, String name) throws InterruptedException {
        var runner = new BroadcastRunner(f.sender(transport, RecoveryPolicy.AT_MOST_ONCE, new TokenBucket(1e9, 1_000_000, f.time, f.time)),
                f.outbox, new InMemoryBroadcastStore(), f.time, new BroadcastRunner.Settings(1000, workers, workers * 64, 32),
                ErrorRateBreaker::defaults, e -> { });
        long t0 = System.nanoTime();
        BroadcastState s = runner.run(new Broadcast("bench-" + name, "promo", null, f.time.instant()), RecipientSnapshot.of(ids));
        long t = System.nanoTime() - t0;
        transport.close();
        if (s.sent() != ids.size()) throw new AssertionError("bench sent " + s.sent() + " of " + ids.size() + ": " + s);
        return t;
    }

    private static void report(String what, int n, long nanos) {
        System.out.printf("BENCH %-90s %8d msgs in %7.2f s = %9.0f msgs/s%n", what, n, nanos / 1e9, n / (nanos / 1e9));
    }
}
