package dev.nudge.server.ops;

import dev.nudge.mail.smtp.SmtpConfig;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Readiness of the SMTP relay: it accepts a connection and greets with {@code 220} (over TLS first
 * for implicit TLS), then the probe says {@code QUIT}. No login and no message, so a probe costs
 * the relay one short session. The answer is kept for {@link #TTL}: readiness probes come every few
 * seconds from every load balancer, and the relay must not see that as traffic.
 */
public final class SmtpCheck implements Readiness.Check {
    static final Duration TTL = Duration.ofSeconds(10);
    private static final int TIMEOUT_MILLIS = 3_000;

    private final SmtpConfig smtp;
    private final InstantSource clock;
    private long checkedAtMillis = Long.MIN_VALUE;
    private String last;

    public SmtpCheck(SmtpConfig smtp, InstantSource clock) {
        this.smtp = smtp;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public synchronized String problem() {
        long now = clock.millis();
        if (checkedAtMillis != Long.MIN_VALUE && now - checkedAtMillis < TTL.toMillis()) return last;
        last = probe();
        checkedAtMillis = now;
        return last;
    }

    private String probe() {
        String where = "SMTP relay " + smtp.host() + ":" + smtp.port();
        try (Socket s = connect()) {
            // implicit TLS without verification: the handshake would need a trust-all context; a TCP connect is the check
            if (smtp.security() == SmtpConfig.Security.TLS && smtp.tlsSkipVerify()) return null;
            s.setSoTimeout(TIMEOUT_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            do {
                line = in.readLine();
                if (line == null) return where + " closed the connection before greeting; check --smtp-host/--smtp-port/--smtp-tls";
            } while (line.length() > 3 && line.charAt(3) == '-');
            OutputStream out = s.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return line.startsWith("220") ? null : where + " greeted with \"" + line.strip() + "\" instead of 220; it is not accepting mail";
        } catch (IOException e) {
            return where + " is unreachable (" + e.getMessage() + "); check --smtp-host/--smtp-port/--smtp-tls and the network";
        }
    }

    private Socket connect() throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(smtp.host(), smtp.port()), TIMEOUT_MILLIS);
            if (smtp.security() != SmtpConfig.Security.TLS || smtp.tlsSkipVerify()) return plain;
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, smtp.host(), smtp.port(), true);
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, as the sender requires
            tls.setSSLParameters(p);
            tls.startHandshake();
            return tls;
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }
}
