package dev.nudge.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `nudge keys create --origin` and `nudge keys origins`, run in-process over a real data folder. */
class KeysOriginsCommandTest {
    @TempDir Path data;

    record Run(int code, String out, String err) {}

    /** KeysCommand prints with System.out (as the other commands do), so that is what is captured. */
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

    @Test
    void createWithOrigins_thenAddRemoveAndAny_listShowsThem() {
        String key = nudge("keys", "--data", data.toString(), "create", "--origin", "https://shop.example.com/").out().trim();
        assertThat(key).startsWith("nwk_");
        assertThat(nudge("keys", "--data", data.toString(), "list").out()).contains(key).contains("origins: https://shop.example.com");

        Run add = nudge("keys", "--data", data.toString(), "origins", key, "--add", "https://*.shop.example.com", "--add", "http://localhost:3000");
        assertThat(add.out()).contains("origins: https://shop.example.com, https://*.shop.example.com, http://localhost:3000");
        assertThat(nudge("keys", "--data", data.toString(), "origins", key, "--remove", "http://localhost:3000").out())
                .contains("origins: https://shop.example.com, https://*.shop.example.com");
        assertThat(nudge("keys", "--data", data.toString(), "origins", key).out()).contains("origins: https://shop.example.com, https://*.shop.example.com");
        assertThat(nudge("keys", "--data", data.toString(), "origins", key, "--any").out()).contains("origins: any origin");
        assertThat(nudge("keys", "--data", data.toString(), "list").out()).contains("origins: any origin");
    }

    @Test
    void origins_badOriginOrUnknownKey_sayWhatToDo() {
        String key = nudge("keys", "--data", data.toString(), "create").out().trim();
        Run bad = nudge("keys", "--data", data.toString(), "origins", key, "--add", "shop.example.com");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("is not an origin").contains("https://shop.example.com");
        Run unknown = nudge("keys", "--data", data.toString(), "origins", "nwk_nope");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).contains("nudge keys list");
    }
}
