package dev.nudge.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {
    private static final String ALPHABET = "abc XYZ=\t\n.-é€😀<a href=\"https://x.example/?q=1&r=2\">";

    @Test
    void encode_roundTripsThroughJakartaDecoder_randomized() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int round = 0; round < 300; round++) {
            StringBuilder s = new StringBuilder();
            int len = rnd.nextInt(400);
            for (int i = 0; i < len; i++) {
                if (rnd.nextInt(40) == 0) s.append(" ".repeat(rnd.nextInt(3))).append('\n');
                else s.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, rnd.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
            }
            String text = s.toString();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8), out);
            String encoded = out.toString(StandardCharsets.US_ASCII);
            for (String line : encoded.split("\r\n", -1)) {
                assertThat(line.length()).as("seed %d: line too long: %s", seed, line).isLessThanOrEqualTo(76);
                assertThat(line).as("seed %d: trailing whitespace must be encoded", seed).doesNotEndWith(" ").doesNotEndWith("\t");
            }
            assertThat(encoded.replace("\r\n", "")).as("seed %d: bare LF", seed).doesNotContain("\n");
            byte[] decoded = MimeUtility.decode(new ByteArrayInputStream(out.toByteArray()), "quoted-printable").readAllBytes();
            assertThat(new String(decoded, StandardCharsets.UTF_8)).as("seed %d", seed).isEqualTo(text.replace("\n", "\r\n"));
        }
    }

    @Test
    void encode_worstCaseInput_everyByteEscaped_roundTrips() throws Exception {
        for (String text : new String[] {"€".repeat(1000), "=".repeat(777), "\u0001".repeat(500) + "\n" + "😀".repeat(300)}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8), out);
            byte[] decoded = MimeUtility.decode(new ByteArrayInputStream(out.toByteArray()), "quoted-printable").readAllBytes();
            assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(text.replace("\n", "\r\n"));
        }
    }
}
