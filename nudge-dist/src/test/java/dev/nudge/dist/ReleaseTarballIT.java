package dev.nudge.dist;

import dev.nudge.core.segment.DefaultSegments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release as a user gets it: {@code nudge-<version>.tar.gz}, built by {@code package}, is
 * unpacked with {@code tar} into a temporary folder and run through its own {@code bin/nudge} —
 * no Maven, no classpath from the build. Runs in {@code integration-test}, right after {@code package}.
 */
class ReleaseTarballIT {
    @TempDir static Path tmp;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("nudge.tarball", "target/nudge-" + System.getProperty("nudge.version") + ".tar.gz"));
        assertThat(tarball).as("./mvnw package builds it").isRegularFile();
        Result tar = run(List.of("tar", "-xzf", tarball.toString(), "-C", tmp.toString()), Map.of(), tmp);
        assertThat(tar.code()).as(tar.output()).isZero();
        home = tmp.resolve("nudge-" + System.getProperty("nudge.version"));
    }

    record Result(int code, String output) {}

    private static Result run(List<String> cmd, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        return new Result(p.exitValue(), out);
    }

    /** {@code bin/nudge ARGS} with JAVA_HOME set to the Java running this test (21+, as the build requires). */
    private static Result nudge(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/nudge").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of("JAVA_HOME", System.getProperty("java.home")), home);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void tarball_holdsTheLauncherTheJarsTheShippedSegmentsTemplatesAndAFlowsFolder() throws Exception {
        assertThat(names(home)).containsExactly("INSTALL.md", "README.md", "bin", "flows", "lib", "segments", "templates");
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/nudge"))).contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(names(home.resolve("lib"))).anyMatch(n -> n.startsWith("nudge-server-")).anyMatch(n -> n.startsWith("rocksdbjni-"))
                .anyMatch(n -> n.startsWith("logback-classic-")).allMatch(n -> n.endsWith(".jar"));
        assertThat(names(home.resolve("segments"))).containsExactlyInAnyOrderElementsOf(DefaultSegments.IDS.stream().map(id -> id + ".yaml").toList());
        assertThat(Files.readString(home.resolve("segments/vip.yaml"))).isEqualTo(DefaultSegments.texts().get("vip.yaml"));
        assertThat(names(home.resolve("templates"))).contains("layouts", "partials", "welcome.liquid", "abandoned-checkout.liquid");
        assertThat(names(home.resolve("flows"))).containsExactly("README.md");
        assertThat(Files.readString(home.resolve("README.md"))).startsWith("# Nudge " + System.getProperty("nudge.version"));
    }

    @Test
    void help_andValidateOfTheShippedSegments_runFromTheTarball() throws Exception {
        Result help = nudge("--help");
        assertThat(help.code()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: nudge", "serve", "import", "validate");
        Result validate = nudge("validate", "segments");
        assertThat(validate.code()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("ok: " + DefaultSegments.IDS.size() + " segment file(s) valid");
    }

    /** A JAVA_HOME that is too old is passed over for a Java 21+ found in NUDGE_JVM_DIRS; with none anywhere, the launcher says what to do. */
    @Test
    void launcher_passesOverATooOldJavaHome_andExplainsWhenNoJava21IsFound() throws Exception {
        Path old = tmp.resolve("old-java");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("bin/java"), "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        old.resolve("bin/java").toFile().setExecutable(true);
        Path jvms = Files.createDirectories(tmp.resolve("jvms"));
        Files.createSymbolicLink(jvms.resolve("the-real-one"), Path.of(System.getProperty("java.home")));

        Result found = run(List.of(home.resolve("bin/nudge").toString(), "--version"),
                Map.of("JAVA_HOME", old.toString(), "NUDGE_JVM_DIRS", jvms.toString()), home);
        assertThat(found.code()).as(found.output()).isZero();
        assertThat(found.output()).contains("nudge ");

        // a PATH with the shell tools the scripts use and no java at all
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        for (String t : List.of("env", "bash", "dirname", "readlink", "awk", "sed", "sort", "ls", "cut")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + t)).filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(tools.resolve(t), real);
        }
        Result none = run(List.of(home.resolve("bin/nudge").toString(), "--help"),
                Map.of("JAVA_HOME", old.toString(), "NUDGE_JVM_DIRS", tmp.resolve("no-such-folder").toString(), "PATH", tools.toString()), home);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.output()).contains("no Java 21 or newer found", "too old: " + old + " (Java 17)", "openjdk-21-jre-headless");
    }

    /**
     * The server starts from the tarball over a new data folder with the shipped segments and
     * templates (so RocksDB's native library, Jetty and logging are all in lib/), every shipped
     * template renders, and the first intelligence refresh runs as it starts.
     */
    @Test
    void serve_fromTheTarball_loadsTheShippedSegments_andRendersEveryShippedTemplate() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = tmp.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/nudge").toString(), "serve", "--data", tmp.resolve("data").toString(),
                "--port", Integer.toString(port), "--segments", "segments", "--templates", "templates")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"), "NUDGE_WRITE_KEY", "wk-test", "NUDGE_ADMIN_TOKEN", "at-test",
                "NUDGE_JAVA_OPTS", "-Xmx256m"));
        Process server = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        String url = "http://127.0.0.1:" + port;
        try {
            awaitReady(http, url, server, log);
            String segments = send(http, HttpRequest.newBuilder(URI.create(url + "/api/v1/segments")), 200);
            for (String id : DefaultSegments.IDS) assertThat(segments).contains("\"" + id + "\"");
            assertThat(segments).contains("\"folder\"");
            List<String> templates;
            try (Stream<Path> s = Files.list(home.resolve("templates"))) {
                templates = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".liquid")).map(n -> n.replace(".liquid", "")).toList();
            }
            assertThat(templates).hasSizeGreaterThanOrEqualTo(4);
            for (String t : templates) {
                String body = send(http, HttpRequest.newBuilder(URI.create(url + "/api/v1/templates/preview"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"template\":\"" + t + "\"}")), 200);
                assertThat(body).as(t).contains("\"subject\":\"", "<!doctype html>", "#preview-unsubscribe", "Example Shop");
            }
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook drains the writer
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).contains("intelligence refresh started (trigger start", "intelligence refresh finished in ");
    }

    private static void awaitReady(HttpClient http, String url, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("bin/nudge serve exited: %s", Files.readString(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notListeningYet) {
                // retry until the deadline
            }
            Thread.sleep(50);
        }
        throw new AssertionError("bin/nudge serve not ready within 60 s: " + Files.readString(log));
    }

    private static String send(HttpClient http, HttpRequest.Builder b, int status) throws Exception {
        HttpResponse<String> r = http.send(b.header("Authorization", "Bearer at-test").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body();
    }
}
