package dev.nudge.server.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A broken template is a 400 naming the file and the line at fault — never a 500, never "line 0" —
 * whether the fault is found while parsing, while checking (unknown filter, missing partial or
 * layout) or only while rendering (a filter given bad input), in the template, its front matter or
 * a partial; through the preview API and through broadcast creation.
 */
class MailTemplateErrorsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FM = "---\nsubject: Hello\nfrom: Shop <shop@example.com>\n---\n"; // 4 lines: bodies start at line 5

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path t = Files.createDirectories(dir.resolve("templates"));
        Files.createDirectories(t.resolve("partials"));
        Map<String, String> files = Map.ofEntries(
                Map.entry("parse-error", FM + "<p>ok</p>\n<p>{% if %}</p>\n"),
                Map.entry("unclosed-block", FM + "<p>ok</p>\n{% for r in recommendations %}\n<p>{{ r.name }}</p>\n"),
                Map.entry("unknown-filter", FM + "<p>ok</p>\n<p>\n  {{ profile.first_name | upcse }}</p>\n"),
                Map.entry("bad-filter-input", FM + "<p>ok</p>\n<p>{{ 'abc' | times: 'x' }}</p>\n"),
                Map.entry("division-by-zero", FM + "\n\n<p>{{ 10 | divided_by: 0 }}</p>\n"),
                Map.entry("missing-partial", FM + "<p>ok</p>\n{% include 'nope' %}\n"),
                Map.entry("computed-missing-partial", FM + "{% assign which = 'gone' %}\n<p>ok</p>\n{% include which %}\n"),
                Map.entry("partial-parse-error", FM + "{% include 'broken' %}\n"),
                Map.entry("partial-render-error", FM + "<p>ok</p>\n{% include 'fails' %}\n"),
                Map.entry("missing-layout", "---\nsubject: Hello\nlayout: nowhere\n---\n<p>x</p>\n"),
                Map.entry("subject-error", "---\nfrom: Shop <shop@example.com>\nsubject: \"Hi {{ profile.first_name | nofilter }}\"\n---\n<p>x</p>\n"),
                Map.entry("partials/broken", "<p>a</p>\n<p>{% for %}</p>\n"),
                Map.entry("partials/fails", "<p>a</p>\n<p>{{ 1 | modulo: 0 }}</p>\n"));
        for (var e : files.entrySet()) Files.writeString(t.resolve(e.getKey() + ".liquid"), e.getValue());
        server = new TestServer(dir.resolve("data"), InstantSource.system(), null, false,
                Map.of(MailConfig.TEMPLATES, t.toString(), MailConfig.BASE_URL, "https://nudge.test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("parse-error", "parse-error", 6, "mismatched input"),
                arguments("unclosed-block", "unclosed-block", 8, "a block is not closed"),
                arguments("unknown-filter", "unknown-filter", 7, "unknown filter 'upcse' (did you mean 'upcase'?)"),
                arguments("bad-filter-input", "bad-filter-input", 6, "filter 'times' failed: needs a number"),
                arguments("division-by-zero", "division-by-zero", 7, "filter 'divided_by' failed"),
                arguments("missing-partial", "missing-partial", 6, "partial 'nope' not found: add partials/nope.liquid"),
                arguments("computed-missing-partial", "computed-missing-partial", 7, "partial 'gone' not found"),
                arguments("partial-parse-error", "partials/broken", 2, "parser error"),
                arguments("partial-render-error", "partials/fails", 2, "filter 'modulo' failed"),
                arguments("missing-layout", "missing-layout", 3, "layout 'nowhere' not found: add layouts/nowhere.liquid"),
                arguments("subject-error", "subject-error", 3, "unknown filter 'nofilter'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void preview_ofABrokenTemplate_is400WithTheFileAndLine(String template, String file, int line, String message) throws Exception {
        Response r = server.adminPost("/api/v1/templates/preview", JSON.writeValueAsString(Map.of("template", template)));
        assertError(r, file, line, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void preview_ofBrokenSource_is400WithTheLine(String template, String file, int line, String message) throws Exception {
        String source = Files.readString(dir.resolve("templates").resolve(template + ".liquid"));
        Response r = server.adminPost("/api/v1/templates/preview", JSON.writeValueAsString(Map.of("template", template, "source", source)));
        assertError(r, file, line, message);
    }

    @Test
    void broadcastCreate_withATemplateThatFailsItsChecks_is400WithTheFileAndLine_andCreatesNothing() throws Exception {
        assertThat(server.adminPost("/api/v1/segments", "id: everyone\nname: Everyone\nwhere:\n  subscribed: email\n").status()).isEqualTo(201);
        for (String[] c : new String[][] {{"unknown-filter", "unknown-filter", "7"}, {"partial-parse-error", "partials/broken", "2"},
                {"missing-layout", "missing-layout", "3"}, {"missing-partial", "missing-partial", "6"}}) {
            Response r = server.adminPost("/api/v1/broadcasts", JSON.writeValueAsString(Map.of("id", "b-" + c[0], "template", c[0], "segment", "everyone")));
            assertError(r, c[1], Integer.parseInt(c[2]), "");
            assertThat(server.admin("/api/v1/broadcasts/b-" + c[0]).status()).as("nothing created").isEqualTo(404);
        }
    }

    @Test
    void preview_ofANameOutsideTheTemplatesFolder_is400NotAServerError() throws Exception {
        Response r = server.adminPost("/api/v1/templates/preview", JSON.writeValueAsString(Map.of("template", "../../etc/passwd")));
        assertThat(r.status()).as("%s", r.json()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("outside");
        Response missing = server.adminPost("/api/v1/templates/preview", JSON.writeValueAsString(Map.of("template", "no-such-template")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).contains("add no-such-template.liquid");
    }

    private static void assertError(Response r, String file, int line, String message) {
        JsonNode j = r.json();
        assertThat(r.status()).as("%s", j).isEqualTo(400);
        assertThat(j.get("template").asText()).as("%s", j).isEqualTo(file);
        assertThat(j.get("line").asInt()).as("%s", j).isEqualTo(line);
        assertThat(j.get("error").asText()).as("%s", j).startsWith(file + ":" + line + ":").contains(message);
    }
}
