package dev.nudge.server.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.nudge.server.net.IpLiteral;
import dev.nudge.server.support.TestServer;
import dev.nudge.store.segment.SegmentReads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DNS rebinding: a name that was public when the webhook was registered and resolves to an internal
 * address at delivery time. The resolver is injected, the only receiver listens on 127.0.0.1, and
 * the only address any delivery can connect to is one the injected resolver returned.
 */
class WebhookRebindingTest {
    @TempDir Path dir;
    private HttpServer receiver;
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            hostHeaders.add(ex.getRequestHeaders().getFirst("Host"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void nameThatRebindsToLoopback_afterRegistration_isRefusedAtConnectTime() {
        AtomicInteger lookups = new AtomicInteger();
        // first answer (registration): a public address; every later answer: loopback
        AddressGuard guard = new AddressGuard(false, host -> List.of(IpLiteral.parse(lookups.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")));
        try (TestServer server = new TestServer(dir, InstantSource.system(), null, false, Map.of())) {
            WebhookRegistry registry = new WebhookRegistry(server.server().store(), server.server().writer(), guard);
            Webhook w = registry.create(URI.create("http://rebind.nudge.test:" + receiver.getAddress().getPort() + "/hook"), "s", List.of(), -1);
            makeATransition(server);
            try (WebhookDispatcher d = new WebhookDispatcher(registry, new SegmentReads(server.server().store()), InstantSource.system())) {
                assertThat(d.runOnce()).isZero();
                assertThat(d.status(w.id()).lastError()).contains("127.0.0.1").contains("loopback");
            }
            assertThat(lookups.get()).as("resolved again for the connection, not reused from registration").isGreaterThanOrEqualTo(2);
            assertThat(hostHeaders).as("nothing reached the receiver").isEmpty();
        }
    }

    @Test
    void delivery_connectsToTheAddressTheGuardResolved_andKeepsTheHostName() {
        // the name exists only in the injected resolver: a delivery that reached the receiver used its answer
        AddressGuard guard = new AddressGuard(true, host -> {
            if (!host.equals("pinned.nudge.test")) throw new java.net.UnknownHostException(host);
            return List.of(InetAddress.getLoopbackAddress());
        });
        try (TestServer server = new TestServer(dir, InstantSource.system(), null, false, Map.of())) {
            WebhookRegistry registry = new WebhookRegistry(server.server().store(), server.server().writer(), guard);
            int port = receiver.getAddress().getPort();
            registry.create(URI.create("http://pinned.nudge.test:" + port + "/hook"), "s", List.of(), -1);
            makeATransition(server);
            try (WebhookDispatcher d = new WebhookDispatcher(registry, new SegmentReads(server.server().store()), InstantSource.system())) {
                assertThat(d.runOnce()).isPositive();
            }
            assertThat(hostHeaders).containsExactly("pinned.nudge.test:" + port);
        }
    }

    private static void makeATransition(TestServer server) {
        server.ingest("/v1/track", "{\"userId\":\"r1\",\"event\":\"Order Completed\"}");
        server.ingest("/v1/track", "{\"userId\":\"r1\",\"event\":\"Order Completed\"}");
    }
}
