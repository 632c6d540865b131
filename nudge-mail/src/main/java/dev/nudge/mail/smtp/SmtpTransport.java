package dev.nudge.mail.smtp;

import dev.nudge.mail.DeliveryResult;
import dev.nudge.mail.MailTransport;
import dev.nudge.mail.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.InstantSource;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through an SMTP relay with Angus Mail, reusing connections from a {@link TransportPool}.
 *
 * <p>Reply handling: 250 → {@code Accepted}; a reply code on MAIL/RCPT/DATA → {@code Rejected}
 * (4xx temporary, 5xx classified by {@link BounceClassifier}); failing to connect or log in →
 * {@code Unavailable} (nothing was handed over, safe to retry), as is a connection found broken
 * at MAIL/RCPT; a broken connection after the server's 354 go-ahead for DATA → {@code Uncertain}. A connection that saw any error is closed, not reused.
 */
public final class SmtpTransport implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(SmtpTransport.class);

    private final TransportPool pool;
    private final Session session;
    private final InstantSource clock;
    /** Extra envelope recipient of every message (never in a header), or null; see {@link ImapJournalProbe}. */
    private final jakarta.mail.internet.InternetAddress journal;

    public SmtpTransport(SmtpConfig config, InstantSource clock) {
        this(config, clock, null);
    }

    /**
     * @param journalAddress an address that receives a copy of every message in the same SMTP
     *                       transaction (an envelope-only BCC), so "the journal has it" ⇔ "the server
     *                       accepted it"; null for none
     */
    public SmtpTransport(SmtpConfig config, InstantSource clock, String journalAddress) {
        this.session = TransportPool.session(config);
        this.pool = new TransportPool(config, session);
        this.clock = clock;
        try {
            this.journal = journalAddress == null ? null : new jakarta.mail.internet.InternetAddress(journalAddress, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("the journal address '" + journalAddress + "' is not an email address", e);
        }
    }

    @Override
    public DeliveryResult send(OutgoingMessage m) {
        MimeMessage mime;
        try {
            mime = MimeFactory.build(session, m, clock.instant());
        } catch (MessagingException e) {
            return new DeliveryResult.Rejected(554, "5.6.0", "message could not be built: " + e.getMessage(), false);
        }
        SMTPTransport t;
        try {
            t = pool.borrow();
        } catch (MessagingException e) {
            return new DeliveryResult.Unavailable("cannot connect to the SMTP server: " + e.getMessage());
        }
        boolean healthy = false;
        try {
            t.sendMessage(mime, envelope(mime.getAllRecipients()));
            healthy = true;
            return new DeliveryResult.Accepted(t.getLastServerResponse());
        } catch (SendFailedException e) {
            healthy = false;
            return rejected(e, t);
        } catch (MessagingException e) {
            healthy = false;
            if (hasIoCause(e)) {
                // 354 is the go-ahead for DATA: only after it can the server have the message. Before it
                // (MAIL/RCPT on a connection the server had dropped) nothing was handed over.
                if (t.getLastReturnCode() == 354) return new DeliveryResult.Uncertain("connection lost during DATA: " + e.getMessage());
                return new DeliveryResult.Unavailable("connection lost before the message was handed over: " + e.getMessage());
            }
            int code = t.getLastReturnCode();
            if (code >= 400) return reject(code, t.getLastServerResponse());
            return new DeliveryResult.Uncertain("send failed: " + e.getMessage());
        } finally {
            if (healthy) pool.giveBack(t); else pool.discard(t);
        }
    }

    private jakarta.mail.Address[] envelope(jakarta.mail.Address[] to) {
        if (journal == null) return to;
        jakarta.mail.Address[] all = java.util.Arrays.copyOf(to, to.length + 1);
        all[to.length] = journal;
        return all;
    }

    private static DeliveryResult rejected(SendFailedException e, SMTPTransport t) {
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                if (a.getReturnCode() < 400) return new DeliveryResult.Unavailable("connection lost at RCPT: " + a.getMessage());
                return reject(a.getReturnCode(), a.getMessage());
            }
            if (x instanceof SMTPSendFailedException s) {
                if (s.getReturnCode() < 400) return lostConnection(s.getCommand(), s.getMessage());
                return reject(s.getReturnCode(), s.getMessage());
            }
        }
        int code = t.getLastReturnCode();
        if (code >= 400) return reject(code, t.getLastServerResponse());
        return new DeliveryResult.Uncertain("send failed without a reply code: " + e.getMessage());
    }

    /** No reply at all (the server hung up): only after the DATA go-ahead can it hold the message. */
    private static DeliveryResult lostConnection(String command, String message) {
        String c = command == null ? "" : command.strip().toUpperCase(java.util.Locale.ROOT);
        if (c.startsWith("MAIL") || c.startsWith("RCPT") || c.equals("DATA")) {
            return new DeliveryResult.Unavailable("connection lost at " + c + " (nothing handed over): " + message);
        }
        return new DeliveryResult.Uncertain("connection lost after the message was sent (" + (c.isEmpty() ? "end of data" : c) + "): " + message);
    }

    private static DeliveryResult reject(int code, String reply) {
        String text = reply == null ? "" : reply.strip();
        log.debug("smtp rejected: {} {}", code, text);
        return new DeliveryResult.Rejected(code, BounceClassifier.enhancedStatus(text), text, BounceClassifier.isHardBounce(code, text));
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException) return true;
        }
        return false;
    }

    /** Opened connections so far (for tests and metrics): reuse keeps it near the pool size. */
    public int connectionsOpened() {
        return pool.opened();
    }

    @Override
    public void close() {
        pool.close();
    }
}
