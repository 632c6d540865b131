package dev.nudge.mail.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * At most {@code poolSize} open SMTP connections, reused across messages (connect + EHLO + STARTTLS
 * + AUTH cost several round trips; reuse is most of the sending throughput). A borrower waits when
 * all are busy. Idle connections are checked with NOOP before reuse, since servers drop idle
 * clients; broken ones are discarded and replaced.
 */
final class TransportPool {
    private final SmtpConfig config;
    private final Session session;
    private final BlockingQueue<Idle> idle;

    private record Idle(SMTPTransport transport, long sinceNanos) {
    }

    /** Connections idle longer than this are checked with NOOP before reuse. */
    private static final long CHECK_AFTER_NANOS = 2_000_000_000L;
    private final Semaphore permits;
    private final AtomicInteger opened = new AtomicInteger();

    TransportPool(SmtpConfig config, Session session) {
        this.config = config;
        this.session = session;
        this.idle = new ArrayBlockingQueue<>(config.poolSize());
        this.permits = new Semaphore(config.poolSize(), true);
    }

    static Session session(SmtpConfig c) {
        Properties p = new Properties();
        String proto = c.security() == SmtpConfig.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", c.host());
        p.put("mail." + proto + ".port", Integer.toString(c.port()));
        p.put("mail." + proto + ".connectiontimeout", Long.toString(c.connectTimeout().toMillis()));
        p.put("mail." + proto + ".timeout", Long.toString(c.readTimeout().toMillis()));
        p.put("mail." + proto + ".writetimeout", Long.toString(c.readTimeout().toMillis()));
        if (c.security() != SmtpConfig.Security.TLS) p.put("mail.smtp.socketFactory", NoDelaySocketFactory.INSTANCE);
        if (c.heloName() != null) p.put("mail." + proto + ".localhost", c.heloName());
        if (c.username() != null) p.put("mail." + proto + ".auth", "true");
        if (c.security() == SmtpConfig.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (c.security() != SmtpConfig.Security.NONE) {
            p.put("mail." + proto + ".ssl.checkserveridentity", Boolean.toString(!c.tlsSkipVerify()));
            if (c.tlsSkipVerify()) p.put("mail." + proto + ".ssl.trust", "*");
        }
        return Session.getInstance(p);
    }

    SMTPTransport borrow() throws MessagingException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted waiting for an SMTP connection");
        }
        try {
            Idle i;
            while ((i = idle.poll()) != null) {
                // a monotonic timer, not the clock: this only decides when a NOOP probe is worth its round trip
                if (System.nanoTime() - i.sinceNanos() < CHECK_AFTER_NANOS) return i.transport();
                if (i.transport().isConnected()) return i.transport(); // NOOP: a dropped idle connection is caught here
                closeQuietly(i.transport());
            }
            return open();
        } catch (MessagingException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private SMTPTransport open() throws MessagingException {
        String proto = config.security() == SmtpConfig.Security.TLS ? "smtps" : "smtp";
        SMTPTransport t;
        try {
            t = (SMTPTransport) session.getTransport(proto);
        } catch (NoSuchProviderException e) {
            throw new MessagingException("Angus Mail SMTP provider missing from the classpath", e);
        }
        t.connect(config.host(), config.port(), config.username(), config.password());
        opened.incrementAndGet();
        return t;
    }

    void giveBack(SMTPTransport t) {
        if (!idle.offer(new Idle(t, System.nanoTime()))) closeQuietly(t);
        permits.release();
    }

    void discard(SMTPTransport t) {
        closeQuietly(t);
        permits.release();
    }

    int opened() {
        return opened.get();
    }

    void close() {
        Idle i;
        while ((i = idle.poll()) != null) closeQuietly(i.transport());
    }

    private static void closeQuietly(SMTPTransport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException ignored) {
            // closing a broken connection: nothing useful to do with the error
        }
    }
}
