package dev.nudge.server.mail;

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
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every standard Liquid filter and tag through the real preview API ({@code POST
 * /api/v1/templates/preview} with {@code "source"}), each against the output Shopify Liquid gives
 * (the examples of its reference where it has one). The server's clock is fixed at
 * {@link #NOW}, so {@code 'now' | date} has a known answer. Sample data: profile Alex Doe, event
 * "Order Completed" of 2026-03-01T18:30:00Z with products Trail shoes (49.9) and Socks (10.0),
 * recommendations Running cap (19.0) and Water bottle (12.5).
 */
class MailLiquidPreviewTest {
    static final Instant NOW = Instant.parse("2026-03-05T14:07:09Z"); // a Thursday, day 64 of the year
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.createDirectories(templates.resolve("partials"));
        Files.writeString(templates.resolve("partials/footer.liquid"), "<p>Bye {{ profile.first_name }}</p>");
        Files.writeString(templates.resolve("partials/price.liquid"), "{{ price | money }}");
        server = new TestServer(dir.resolve("data"), InstantSource.fixed(NOW), null, false,
                Map.of(MailConfig.TEMPLATES, templates.toString(), MailConfig.BASE_URL, "https://nudge.test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Response preview(String source, String profileId) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        if (profileId != null) body.put("profile_id", profileId);
        return server.adminPost("/api/v1/templates/preview", JSON.writeValueAsString(body));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                arguments("abs", "{{ -17 | abs }} {{ '-3.5' | abs }}", "17 3.5"),
                arguments("append", "{{ '/my/fancy/url' | append: '.html' }}", "/my/fancy/url.html"),
                arguments("at_least", "{{ 4 | at_least: 5 }} {{ 4 | at_least: 3 }}", "5 4"),
                arguments("at_most", "{{ 4 | at_most: 5 }} {{ 4 | at_most: 3 }}", "4 3"),
                arguments("base64_encode/decode", "{{ 'Café ☕' | base64_encode }} {{ 'Q2Fmw6kg4piV' | base64_decode }}", "Q2Fmw6kg4piV Café ☕"),
                arguments("base64_url_safe", "{{ 'a?b>' | base64_url_safe_encode }} {{ 'YT9iPg==' | base64_url_safe_decode }}", "YT9iPg== a?b>"),
                arguments("capitalize", "{{ 'my GREAT title' | capitalize }}", "My great title"),
                arguments("ceil", "{{ 1.2 | ceil }} {{ '3.5' | ceil }}", "2 4"),
                arguments("concat", "{{ event.properties.products | concat: recommendations | map: 'name' | join: ', ' }}",
                        "Trail shoes, Socks, Running cap, Water bottle"),
                arguments("date ISO", "{{ '2024-03-05T14:07:09Z' | date: '%Y-%m-%d %H:%M:%S' }}", "2024-03-05 14:07:09"),
                arguments("date names", "{{ '2024-03-05T14:07:09Z' | date: '%b %B %a %A' }}", "Mar March Tue Tuesday"),
                arguments("date day forms", "{{ '2024-03-05T04:07:09Z' | date: '%j|%e|%-d|%d|%-m|%H|%I%p' }}", "065| 5|5|05|3|04|04AM"),
                arguments("date now", "{{ 'now' | date: '%Y-%m-%d %H:%M %A %j' }}", "2026-03-05 14:07 Thursday 064"),
                arguments("date today", "{{ 'today' | date: '%B %-d, %Y' }}", "March 5, 2026"),
                arguments("date of a variable", "{{ event.timestamp | date: '%b %-d, %Y' }}", "Mar 1, 2026"),
                arguments("date epoch seconds", "{{ 0 | date: '%Y-%m-%d' }} {{ '1709647629' | date: '%F %T' }}", "1970-01-01 2024-03-05 14:07:09"),
                arguments("date %c %Z %z %%", "{{ event.timestamp | date: '%c|%Z|%z|100%%' }}", "Sun Mar  1 18:30:00 2026|UTC|+0000|100%"),
                arguments("date of text that is no date", "{{ 'soon' | date: '%Y' }}", "soon"),
                arguments("default", "{{ profile.nickname | default: 'friend' }}|{{ '' | default: 'x' }}|{{ false | default: 'x' }}|"
                        + "{{ false | default: 'x', allow_false: true }}", "friend|x|x|false"),
                arguments("divided_by", "{{ 16 | divided_by: 4 }} {{ 5 | divided_by: 3 }} {{ 20 | divided_by: 7.0 | round: 3 }}", "4 1 2.857"),
                arguments("downcase", "{{ 'Parker Moore' | downcase }}", "parker moore"),
                arguments("escape", "{% capture s %}Tom's <b>\"x\" & y</b>{% endcapture %}{{ s | escape }}", "Tom&#39;s &lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;"),
                arguments("escape_once", "{{ '1 &lt; 2 & 3' | escape_once }}", "1 &lt; 2 &amp; 3"),
                arguments("first", "{% assign p = event.properties.products | first %}{{ p.name }} {{ 'a,b,c' | split: ',' | first }}", "Trail shoes a"),
                arguments("floor", "{{ 1.8 | floor }} {{ -1.2 | floor }}", "1 -2"),
                arguments("join", "{{ 'a,b,c' | split: ',' | join: ' and ' }}", "a and b and c"),
                arguments("last", "{% assign p = event.properties.products | last %}{{ p.name }} {{ 'a,b,c' | split: ',' | last }}", "Socks c"),
                arguments("lstrip", "[{{ '   so much room   ' | lstrip }}]", "[so much room   ]"),
                arguments("map", "{{ recommendations | map: 'name' | join: ', ' }}", "Running cap, Water bottle"),
                arguments("minus", "{{ 4 | minus: 2 }} {{ 183.357 | minus: 12 }}", "2 171.357"),
                arguments("modulo", "{{ 3 | modulo: 2 }} {{ 24 | modulo: 7 }} {{ 183.357 | modulo: 12 }}", "1 3 3.357"),
                arguments("newline_to_br", "{{ 'one\ntwo' | newline_to_br }}", "one<br />\ntwo"),
                arguments("plus", "{{ 4 | plus: 2 }} {{ 183.357 | plus: 12 }}", "6 195.357"),
                arguments("prepend", "{{ 'apples' | prepend: 'Some fruit: ' }}", "Some fruit: apples"),
                arguments("remove", "{{ 'I strained to see the train' | remove: 'rain' }}", "I sted to see the t"),
                arguments("remove_first", "{{ 'I strained to see the train' | remove_first: 'rain' }}", "I sted to see the train"),
                arguments("remove_last", "{{ 'I strained to see the train' | remove_last: 'rain' }}", "I strained to see the t"),
                arguments("replace", "{{ 'Take my protein pills' | replace: 'my', 'your' }}", "Take your protein pills"),
                arguments("replace_first", "{{ 'my my my' | replace_first: 'my', 'your' }}", "your my my"),
                arguments("replace_last", "{{ 'my my my' | replace_last: 'my', 'your' }}", "my my your"),
                arguments("reverse", "{{ 'a,b,c' | split: ',' | reverse | join: '' }}", "cba"),
                arguments("round", "{{ 1.2 | round }} {{ 2.7 | round }} {{ 2.5 | round }} {{ 183.357 | round: 2 }}", "1 3 3 183.36"),
                arguments("rstrip", "[{{ '   so much room   ' | rstrip }}]", "[   so much room]"),
                arguments("size", "{{ 'Ground control' | size }} {{ recommendations | size }} {{ recommendations.size }}", "14 2 2"),
                arguments("slice", "{{ 'Liquid' | slice: 0 }} {{ 'Liquid' | slice: 2, 5 }} {{ 'Liquid' | slice: -3, 2 }}", "L quid ui"),
                arguments("sort", "{{ 'zebra,octopus,giraffe,Sally Snake' | split: ',' | sort | join: ', ' }}|"
                        + "{{ recommendations | sort: 'price' | map: 'name' | join: ', ' }}", "Sally Snake, giraffe, octopus, zebra|Water bottle, Running cap"),
                arguments("sort_natural", "{{ 'zebra,octopus,giraffe,Sally Snake' | split: ',' | sort_natural | join: ', ' }}",
                        "giraffe, octopus, Sally Snake, zebra"),
                arguments("split", "{% assign b = 'John, Paul, George, Ringo' | split: ', ' %}{% for m in b %}[{{ m }}]{% endfor %}", "[John][Paul][George][Ringo]"),
                arguments("strip", "[{{ '   so much room   ' | strip }}]", "[so much room]"),
                arguments("strip_html", "{{ 'Have <em>you</em> read <strong>Ulysses</strong>?<script>x()</script>' | strip_html }}", "Have you read Ulysses?"),
                arguments("strip_newlines", "{{ 'Hello\nthere\r\n' | strip_newlines }}", "Hellothere"),
                arguments("sum", "{{ recommendations | sum: 'price' }} {{ '1,2,3' | split: ',' | sum }} {{ event.properties.products | map: 'price' | sum }}",
                        "31.5 6 59.9"),
                arguments("times", "{{ 3 | times: 2 }} {{ 183.357 | times: 12 }}", "6 2200.284"),
                arguments("truncate", "{{ 'Ground control to Major Tom.' | truncate: 20 }}|{{ 'Ground control to Major Tom.' | truncate: 25, ', and so on' }}|"
                        + "{{ 'Ground control to Major Tom.' | truncate: 20, '' }}", "Ground control to...|Ground control, and so on|Ground control to Ma"),
                arguments("truncatewords", "{{ 'Ground control to Major Tom.' | truncatewords: 3 }}|{{ 'Ground control to Major Tom.' | truncatewords: 3, '--' }}",
                        "Ground control to...|Ground control to--"),
                arguments("uniq", "{{ 'ants,bugs,bees,bugs,ants' | split: ',' | uniq | join: ', ' }}", "ants, bugs, bees"),
                arguments("upcase", "{{ 'Parker Moore' | upcase }}", "PARKER MOORE"),
                arguments("url_decode", "{{ '%27Stop%21%27+said+Fred' | url_decode }}", "'Stop!' said Fred"),
                arguments("url_encode", "{{ 'john@liquid.com' | url_encode }} {{ 'Tetsuro Takara' | url_encode }}", "john%40liquid.com Tetsuro+Takara"),
                arguments("where", "{{ recommendations | where: 'name', 'Running cap' | map: 'url' | join }}|{{ recommendations | where: 'url' | size }}",
                        "https://shop.example.com/p/cap|2"),
                arguments("reject", "{{ recommendations | reject: 'name', 'Running cap' | map: 'name' | join }}", "Water bottle"),
                arguments("find / find_index / has", "{% assign hit = recommendations | find: 'name', 'Water bottle' %}{{ hit.url }} "
                        + "{{ recommendations | find_index: 'name', 'Water bottle' }} {{ recommendations | has: 'name', 'Socks' }}",
                        "https://shop.example.com/p/bottle 1 false"),
                arguments("money (Nudge)", "{{ 12.5 | money }} {{ 12.5 | money: 'EUR' }}", "$12.50 €12.50"),
                arguments("local_date (Nudge)", "{{ event.timestamp | local_date: 'EEE d MMM, HH:mm' }}", "Sun 1 Mar, 13:30"));
    }

    static Stream<Arguments> tags() {
        return Stream.of(
                arguments("assign", "{% assign name = profile.first_name | upcase %}{{ name }}", "ALEX"),
                arguments("capture", "{% capture greeting %}Hi {{ profile.first_name }}{% endcapture %}{{ greeting | upcase }}", "HI ALEX"),
                arguments("case/when/else", "{% case 2 %}{% when 1 %}one{% when 2, 3 %}two or three{% else %}other{% endcase %}"
                        + "{% case 'x' %}{% when 'y' %}y{% else %}else{% endcase %}", "two or threeelse"),
                arguments("comment", "a{% comment %}hidden {{ profile.first_name }}{% endcomment %}b", "ab"),
                arguments("inline comment", "a{% # nothing to see %}b", "ab"),
                arguments("cycle", "{% for i in (1..4) %}{% cycle 'odd', 'even' %} {% endfor %}", "odd even odd even "),
                arguments("cycle groups", "{% for x in recommendations %}{% cycle 'g': 'a', 'b' %}{% cycle 'h': '1', '2' %}{% endfor %}", "a1b2"),
                arguments("for limit/offset", "{% for i in (1..10) limit:3 offset:2 %}{{ i }}{% endfor %}", "345"),
                arguments("for reversed", "{% for i in (1..3) reversed %}{{ i }}{% endfor %}|{% for r in recommendations reversed %}{{ r.name }};{% endfor %}",
                        "321|Water bottle;Running cap;"),
                arguments("for else", "{% assign none = '' | split: ',' %}{% for x in none %}x{% else %}nothing{% endfor %}", "nothing"),
                arguments("forloop over a range", "{% for i in (1..3) %}{{ forloop.index }}{{ forloop.index0 }}{{ forloop.rindex }}{{ forloop.rindex0 }}"
                        + "{{ forloop.first }}{{ forloop.last }}{{ forloop.length }};{% endfor %}",
                        "1032truefalse3;2121falsefalse3;3210falsetrue3;"),
                arguments("forloop over an array", "{% for r in recommendations %}{{ forloop.index }}/{{ forloop.length }}{% if forloop.last %}!{% endif %} {% endfor %}",
                        "1/2 2/2! "),
                arguments("break/continue", "{% for i in (1..6) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 5 %}{% break %}{% endif %}{{ i }}{% endfor %}", "134"),
                arguments("if/elsif/else", "{% if 1 > 2 %}a{% elsif profile.first_name == 'Alex' and profile.last_name contains 'Do' %}b{% else %}c{% endif %}"
                        + "{% if recommendations.size > 5 or false %}d{% else %}e{% endif %}", "be"),
                arguments("unless", "{% unless profile.vip %}not vip{% endunless %}|{% unless true %}x{% else %}else{% endunless %}", "not vip|else"),
                arguments("increment/decrement", "{% increment n %}{% increment n %}{% increment n %} {% decrement m %}{% decrement m %}", "012 -1-2"),
                arguments("raw", "{% raw %}{{ profile.first_name }} {% if %}{% endraw %}", "{{ profile.first_name }} {% if %}"),
                arguments("tablerow", "{% assign a = 'a,b,c,d,e' | split: ',' %}<table>{% tablerow i in a cols:2 limit:3 %}{{ i }}{% endtablerow %}</table>",
                        "<table><tr class=\"row1\">\n<td class=\"col1\">a</td><td class=\"col2\">b</td></tr>\n<tr class=\"row2\"><td class=\"col1\">c</td></tr>\n</table>"),
                arguments("liquid", "{% liquid\n  assign x = recommendations | size\n  # a comment line\n  if x > 1\n    echo 'many'\n"
                        + "  else\n    echo 'few'\n  endif\n  echo x | plus: 1\n%}", "many3"),
                arguments("echo", "{% echo profile.first_name | upcase %}|{%- echo 'tight' -%} |", "ALEX|tight|"),
                arguments("include", "{% include 'footer' %}", "<p>Bye Alex</p>"),
                arguments("include with", "{% include 'price' with 12.5 %}", "$12.50"),
                arguments("whitespace control", "a  {%- assign q = 1 -%}  b {{- ' c ' -}} d", "ab c d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"filters", "tags"})
    void preview_rendersEveryStandardFilterAndTag_asLiquidDoes(String what, String source, String expected) throws Exception {
        Response r = preview(source, null);
        assertThat(r.status()).as("%s: %s", what, r.json()).isEqualTo(200);
        assertThat(r.json().get("html").asText()).as(what).isEqualTo(expected);
    }

    /** compact needs nils in a list; a list trait of a real profile has them (preview with its profile_id). */
    @Test
    void preview_compactDropsTheNilsOfARealProfilesList() throws Exception {
        Response ok = server.ingest("/v1/identify", "{\"userId\":\"p1\",\"traits\":{\"email\":\"p1@example.org\",\"tags\":[\"a\",null,\"b\",null]}}");
        assertThat(ok.status()).as("%s", ok.json()).isEqualTo(200);
        Response r = preview("{{ profile.tags | size }}-{{ profile.tags | compact | size }}:{{ profile.tags | compact | join: ',' }}", "p1");
        assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
        assertThat(r.json().get("html").asText()).isEqualTo("4-2:a,b");
    }
}
