package dev.nudge.mail.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {
    @Test
    void convert_keepsLinksAsTextAndUrl() {
        String html = "<html><head><style>p{color:red}</style></head><body><h1>Hello &amp; welcome</h1>"
                + "<p>See <a href=\"https://x.example/a?b=1&amp;c=2\">our <b>sale</b></a> now.</p>"
                + "<ul><li>One</li><li>Two</li></ul><p><a href='https://x.example/'>https://x.example/</a><br>bye</p></body></html>";
        assertThat(HtmlToText.convert(html)).isEqualTo("""
                Hello & welcome

                See our sale (https://x.example/a?b=1&c=2) now.

                - One
                - Two

                https://x.example/
                bye
                """);
    }

    @Test
    void convert_imageLinkUsesAlt() {
        assertThat(HtmlToText.convert("<a href=\"https://x.example/\"><img src=\"l.png\" alt=\"Logo\"></a>"))
                .isEqualTo("Logo (https://x.example/)\n");
    }
}
