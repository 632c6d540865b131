package dev.nudge.mail.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the SMTP relay.
 *
 * @param security {@code NONE} (plain, local relays and tests), {@code STARTTLS} (port 587, upgrade
 *                 required — the connection fails rather than sending in clear), {@code TLS}
 *                 (implicit TLS, port 465)
 * @param poolSize connections kept open and reused across messages
 * @param tlsSkipVerify accept any certificate and host name (a relay with a self-signed certificate
 *                      on a private network); off by default — certificates are verified
 */
public record SmtpConfig(String host, int port, Security security, String username, String password,
                         int poolSize, Duration connectTimeout, Duration readTimeout, String heloName, boolean tlsSkipVerify) {
    public enum Security { NONE, STARTTLS, TLS }

    public SmtpConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("smtp host is required (e.g. smtp.example.com or 127.0.0.1)");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("smtp port must be 1-65535, got " + port);
        Objects.requireNonNull(security, "security");
        if ((username == null) != (password == null)) throw new IllegalArgumentException("smtp auth needs both username and password, or neither");
        if (poolSize < 1) throw new IllegalArgumentException("smtp poolSize must be >= 1, got " + poolSize);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }

    public static SmtpConfig plain(String host, int port, int poolSize) {
        return new SmtpConfig(host, port, Security.NONE, null, null, poolSize, null, null, null, false);
    }

    /** Never prints the password (secrets stay out of logs, DESIGN.md §15). */
    @Override
    public String toString() {
        return "SmtpConfig[" + host + ":" + port + ", " + security + ", user=" + (username == null ? "-" : username)
                + ", password=" + (password == null ? "-" : "***") + ", pool=" + poolSize + (tlsSkipVerify ? ", tls NOT verified" : "") + "]";
    }
}
