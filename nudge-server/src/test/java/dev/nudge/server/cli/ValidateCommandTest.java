package dev.nudge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.flow.DefaultFlows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `nudge validate` over segment and flow files: a file with `trigger:`/`steps:` is a flow. */
class ValidateCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    /** ValidateCommand prints with System.out (as the other commands do), so that is what is captured. */
    static Run nudge(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    void write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void validate_segmentsAndFlows_okAndSaysTemplatesWereNotChecked() throws Exception {
        write("gold.yaml", "id: gold\nname: Gold\nwhere: {trait: plan, equals: gold}\n");
        DefaultFlows.texts().forEach((file, text) -> {
            try { write(file, text); } catch (Exception e) { throw new AssertionError(e); }
        });
        write("gold-welcome.yaml", "id: gold-welcome\ntrigger: {segment_entered: gold}\nsteps:\n  - send: gold-hello\n");
        Run r = nudge("validate", dir.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("ok: 1 segment file(s) valid; 3 flow file(s) valid")
                .contains("note: template names in flows not checked (no --templates folder given)");
    }

    @Test
    void validate_flowWithProblems_printsCaretAndHint_exit1() throws Exception {
        write("flow.yaml", """
                id: broken
                trigger: {segment_entered: gld}
                steps:
                  - wait: 2 days
                  - send: welcom
                  - exit
                  - send: welcome
                """);
        Path templates = dir.resolve("templates");
        write("templates/welcome.liquid", "Hi");
        write("templates/layouts/base.liquid", "{{ content }}");
        Run r = nudge("validate", dir.resolve("flow.yaml").toString(), "--templates", templates.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .contains("flow.yaml:2:28: error: unknown segment `gld`")
                .contains("flow.yaml:4:11: error: bad duration `2 days`")
                .contains("flow.yaml:5:11: error: unknown template `welcom`", "did you mean `welcome`?")
                .contains("flow.yaml:7:5: error: step `3` is unreachable")
                .contains("  - send: welcom\n |           ^")
                .contains("4 problem(s)")
                .doesNotContain("note: template names");
    }

    @Test
    void validate_privateWebhook_refusedUnlessAllowed() throws Exception {
        write("hook.yaml", "id: hook\ntrigger: {api: true}\nsteps:\n  - webhook: {url: \"http://192.168.1.5/x\"}\n");
        assertThat(nudge("validate", dir.toString()).out()).contains("a private address");
        assertThat(nudge("validate", dir.toString(), "--allow-private-webhooks").code()).isZero();
    }
}
