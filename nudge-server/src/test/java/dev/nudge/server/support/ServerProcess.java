package dev.nudge.server.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code nudge serve} in its own JVM, started from the packaged jar, for tests that must
 * kill it with SIGKILL. Needs the failsafe properties {@code nudge.serverJar} and {@code nudge.serverLib}.
 */
public final class ServerProcess implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final Path log;
    private Process process;
    /** Extra {@code nudge serve} arguments and environment variables (mail settings, ...). */
    public final List<String> extraArgs = new ArrayList<>();
    public final java.util.Map<String, String> extraEnv = new java.util.HashMap<>();

    public ServerProcess(Path dataDir, Path log) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = freePort();
    }

    public static boolean available() {
        String jar = System.getProperty("nudge.serverJar");
        return jar != null && new File(jar).isFile();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("nudge.serverJar") + File.pathSeparator + System.getProperty("nudge.serverLib") + File.separator + "*";
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                "dev.nudge.server.cli.Main", "serve", "--data", dataDir.toString(), "--port", Integer.toString(port)));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("NUDGE_WRITE_KEY", TestServer.WRITE_KEY);
        pb.environment().put("NUDGE_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
        pb.environment().putAll(extraEnv);
        process = pb.start();
        awaitReady(Duration.ofSeconds(60));
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("nudge serve exited with " + process.exitValue() + "; see " + log);
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("nudge serve not ready after " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
