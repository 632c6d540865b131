package dev.nudge.mail.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLoaderTest {
    @Test
    void directory_loadsLiquidThenHtmlWithLayoutsAndPartials(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("layouts"));
        Files.createDirectories(dir.resolve("partials"));
        Files.writeString(dir.resolve("welcome.liquid"), "---\nsubject: Hi\nlayout: base\n---\n<p>Hello</p>{% include 'sig' %}");
        Files.writeString(dir.resolve("layouts/base.html"), "<html><body>{{ content }}</body></html>");
        Files.writeString(dir.resolve("partials/sig.liquid"), "<p>-- the team</p>");
        TemplateEngine e = new TemplateEngine(TemplateLoader.directory(dir));
        RenderedEmail r = e.render(e.compile("welcome"), RenderContext.of(TemplateRenderer.sampleProfile()));
        assertThat(r.html()).isEqualTo("<html><body><p>Hello</p><p>-- the team</p></body></html>");
        assertThat(r.text()).isEqualTo("Hello\n\n-- the team\n");
    }

    @Test
    void directory_refusesNamesEscapingTheFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolveSibling("secret.liquid"), "x");
        TemplateLoader l = TemplateLoader.directory(dir);
        assertThatThrownBy(() -> l.load("../secret")).hasMessageContaining("outside");
        assertThat(l.load("missing")).isEmpty();
    }

    @Test
    void compile_layoutCycleAndMissingPartialAreReported() {
        TemplateEngine e = new TemplateEngine(TemplateLoader.of(java.util.Map.of(
                "a", "---\nlayout: x\n---\nA", "layouts/x", "---\nlayout: x\n---\n{{ content }}",
                "b", "<p>{% include 'nope' %}</p>")));
        assertThatThrownBy(() -> e.compile("a")).hasMessageContaining("layout cycle");
        assertThatThrownBy(() -> e.render(e.compile("b"), RenderContext.of(TemplateRenderer.sampleProfile())))
                .isInstanceOf(TemplateException.class).hasMessageContaining("b");
    }
}
