package dev.nudge.mail.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a 5xx reply means the address is bad (a hard bounce: suppress it) or something
 * else went wrong (a soft bounce: policy, content, full mailbox — do not suppress the address).
 *
 * <p>With an RFC 3463 enhanced code: 5.1.x (bad mailbox, bad domain, 5.1.10 null MX) and 5.2.1
 * (mailbox disabled) and 5.4.4 (unroutable domain) are hard; every other 5.x.x is soft. Without
 * one, the reply text decides ("user unknown", "no such user", "does not exist", ...). 4xx is never
 * a bounce: it is retried.
 */
public final class BounceClassifier {
    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern HARD_TEXT = Pattern.compile("(?i)user unknown|unknown user|no such (user|mailbox|recipient)|"
            + "does not exist|mailbox unavailable|recipient (address )?rejected|invalid (recipient|mailbox|address)|"
            + "address rejected|account (has been )?disabled|mailbox not found|unrouteable|host not found");

    private BounceClassifier() {
    }

    /** The enhanced status code in a reply ("5.1.1"), or null. */
    public static String enhancedStatus(String reply) {
        if (reply == null) return null;
        Matcher m = ENHANCED.matcher(reply);
        return m.find() ? m.group() : null;
    }

    public static boolean isHardBounce(int code, String reply) {
        if (code < 500 || code >= 600) return false;
        String es = enhancedStatus(reply);
        if (es != null && es.startsWith("5.")) {
            return es.startsWith("5.1.") || es.equals("5.2.1") || es.equals("5.4.4");
        }
        return reply != null && HARD_TEXT.matcher(reply).find();
    }
}
