package dev.nudge.mail.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Liquid 5 tags rewritten before Liqp parses: same output as Liquid, same line numbers as the file. */
class LiquidSyntaxTest {
    private static long lines(String s) {
        return s.chars().filter(c -> c == '\n').count();
    }

    @Test
    void desugar_keepsEveryLineBreakWhereItWas() {
        String src = "a\n{% liquid\n  assign x = 1\n\n  # note\n  echo x\n%}\nb {% # one\ntwo %} c\n{% echo 'y' %}\n";
        String out = LiquidSyntax.desugar(src);
        assertThat(lines(out)).isEqualTo(lines(src));
        String[] in = src.split("\n", -1);
        String[] got = out.split("\n", -1);
        assertThat(got[0]).isEqualTo(in[0]);
        assertThat(got[7]).startsWith("b ");
    }

    @Test
    void desugar_leavesRawCommentAndStringsAlone() {
        String src = "{% raw %}{% echo 'x' %}{% endraw %}{% comment %}{% liquid echo 1 %}{% endcomment %}{{ '{% echo 2 %}' }}{% assign s = '%}' %}";
        assertThat(LiquidSyntax.desugar(src)).isEqualTo(src);
    }

    @Test
    void compile_errorAfterALiquidTag_namesTheFileLine() {
        TemplateEngine e = new TemplateEngine(TemplateLoader.of(Map.of("t",
                "---\nsubject: s\n---\n{% liquid\n  assign a = 1\n\n  echo a\n%}\n<p>{{ a | nosuch }}</p>\n")));
        assertThatThrownBy(() -> e.compile("t")).isInstanceOfSatisfying(TemplateException.class, x -> {
            assertThat(x.template()).isEqualTo("t");
            assertThat(x.line()).isEqualTo(9);
        });
    }

    @Test
    void render_liquidAndEchoTags_outputWhatLiquidDoes() {
        TemplateEngine e = new TemplateEngine(TemplateLoader.of(Map.of("t",
                "[{% liquid\n  assign n = 'ann' | capitalize\n  if n == 'Ann'\n    echo n\n  endif\n%}] [{%- echo 'x' -%} ] [{% liquid %}]")));
        String html = e.render(e.compile("t"), new RenderContext(TemplateRenderer.sampleProfile(), null, Map.of(), null, Map.of()), false).html();
        assertThat(html).isEqualTo("[Ann] [x] []");
    }
}
