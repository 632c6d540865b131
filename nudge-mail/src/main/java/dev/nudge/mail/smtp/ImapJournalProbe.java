package dev.nudge.mail.smtp;

import dev.nudge.mail.outbox.DeliveryProbe;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Properties;

/**
 * Settles sends a crash left in SENDING by asking a journal mailbox over IMAP.
 *
 * <p>Why this is sound: {@link SmtpTransport} adds the journal address as an extra envelope
 * recipient of every message. SMTP answers the end of DATA once for the whole transaction (RFC 5321
 * §4.1.1.4), so the server accepted the message for the person exactly when it accepted it for the
 * journal. If the journal mailbox is local to that server (it stores on acceptance), "the journal
 * holds Message-ID X" ⇔ "the person's copy was accepted" — the one fact plain SMTP cannot tell a
 * client that died before reading the 250. A relay that accepts and later loses one copy but not
 * the other breaks the equivalence; point the journal at a mailbox on the relay itself.
 *
 * <p>When the journal cannot be reached, the answer is "unknown" and the outbox's
 * {@code RecoveryPolicy} applies, as without a probe.
 */
public final class ImapJournalProbe implements DeliveryProbe {
    private static final Logger log = LoggerFactory.getLogger(ImapJournalProbe.class);

    /** @param protocol {@code imap} or {@code imaps} */
    public record Config(String protocol, String host, int port, String user, String password, String folder) {
        public Config {
            if (!"imap".equals(protocol) && !"imaps".equals(protocol)) throw new IllegalArgumentException("journal URL must start with imap:// or imaps://");
            if (host == null || host.isBlank() || user == null || user.isBlank()) throw new IllegalArgumentException("journal URL needs a user and a host: imap://user@host:port/INBOX");
            if (password == null) throw new IllegalArgumentException("the journal mailbox password is not set (env NUDGE_SMTP_JOURNAL_PASSWORD)");
            folder = folder == null || folder.isBlank() ? "INBOX" : folder;
        }

        public static Config parse(String url, String password) {
            java.net.URI u = java.net.URI.create(url);
            int port = u.getPort() > 0 ? u.getPort() : ("imaps".equals(u.getScheme()) ? 993 : 143);
            String path = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
            return new Config(u.getScheme(), u.getHost(), port, u.getUserInfo(), password, path);
        }

        @Override
        public String toString() {
            return protocol + "://" + user + "@" + host + ":" + port + "/" + folder; // never the password
        }
    }

    private final Config config;

    public ImapJournalProbe(Config config) {
        this.config = config;
    }

    @Override
    public synchronized Optional<Boolean> accepted(String messageId) {
        Properties p = new Properties();
        String pre = "mail." + config.protocol() + ".";
        p.put(pre + "connectiontimeout", "10000");
        p.put(pre + "timeout", "30000");
        if ("imaps".equals(config.protocol())) p.put(pre + "ssl.checkserveridentity", "true");
        try (Store store = Session.getInstance(p).getStore(config.protocol())) {
            store.connect(config.host(), config.port(), config.user(), config.password());
            Folder f = store.getFolder(config.folder());
            f.open(Folder.READ_ONLY);
            try {
                Message[] found = f.search(new HeaderTerm("Message-ID", messageId));
                return Optional.of(found.length > 0);
            } finally {
                f.close(false);
            }
        } catch (MessagingException e) {
            log.warn("journal {} not readable, the fate of {} stays unknown: {}", config, messageId, e.getMessage());
            return Optional.empty();
        }
    }
}
