package dev.nudge.server.cli;

import dev.nudge.server.NudgeServer;
import dev.nudge.server.auth.Credentials;
import dev.nudge.server.auth.KeyAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Nudge server on the embedded store (RocksDB in --data).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "nudge-data", description = "data folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--segments", description = "folder of segment YAML files, loaded at start and reloaded when they change")
    Path segments;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--intelligence-every", description = "recompute RFM, predictions, replenishment and recommendations this often: 24h, 6h, 7d or off (default: $NUDGE_INTELLIGENCE_EVERY, else 24h)")
    String intelligenceEvery;

    @picocli.CommandLine.Mixin
    MailOptions mail = new MailOptions();

    @picocli.CommandLine.Mixin
    OpsOptions ops = new OpsOptions();

    @Override
    public Integer call() throws Exception {
        NudgeServer server;
        try {
            ops.logFormat().apply();
            java.util.Map<String, String> env = new java.util.HashMap<>(ops.env(mail.env(System.getenv())));
            if (intelligenceEvery != null) dev.nudge.server.intelligence.IntelligenceSchedule.parseEvery(intelligenceEvery); // fail before opening anything
            if (intelligenceEvery != null) env.put(dev.nudge.server.intelligence.Intelligence.EVERY_ENV, intelligenceEvery);
            server = new NudgeServer(new NudgeServer.Config(data, host, port, env, InstantSource.system(), 200_000, segments, true)).start();
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("Failed to bind") || e.getCause() instanceof java.net.BindException) {
                throw new IllegalStateException("port " + port + " is already in use. Make sure no other process is using it, or pass --port", e);
            }
            throw e;
        }
        if (KeyAdmin.firstStart(server.store()) && !envSuppliesKeys()) {
            KeyAdmin admin = new KeyAdmin(server.writer(), server.credentials());
            String wk = admin.create(Credentials.Kind.WRITE);
            String at = admin.create(Credentials.Kind.ADMIN);
            System.out.println("First start: created credentials (stored in " + data + "; shown only now).");
            System.out.println("  write key   (for /v1, HTTP Basic user name): " + wk);
            System.out.println("  admin token (for /api, Bearer):             " + at);
            System.out.println("  Manage them with `nudge keys`.");
        }
        System.out.println("Nudge is listening on http://" + host + ":" + server.port() + " (data: " + data.toAbsolutePath() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "nudge-shutdown"));
        stopped.await();
        return 0;
    }

    private static boolean envSuppliesKeys() {
        return System.getenv("NUDGE_WRITE_KEY") != null && System.getenv("NUDGE_ADMIN_TOKEN") != null;
    }
}
