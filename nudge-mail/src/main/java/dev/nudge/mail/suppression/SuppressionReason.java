package dev.nudge.mail.suppression;

/**
 * Why an address gets no mail. Only {@link #HARD_BOUNCE} also stops transactional mail: the address
 * does not exist, so sending a receipt there only hurts the sender's reputation.
 */
public enum SuppressionReason {
    UNSUBSCRIBED, HARD_BOUNCE, COMPLAINED, MANUAL;

    public boolean blocksTransactional() {
        return this == HARD_BOUNCE;
    }

    public static SuppressionReason parse(String s) {
        String n = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "", "manual" -> MANUAL;
            case "unsubscribed", "unsubscribe" -> UNSUBSCRIBED;
            case "hard_bounce", "bounce", "bounced", "hard_bounced" -> HARD_BOUNCE;
            case "complained", "complaint", "spam" -> COMPLAINED;
            default -> throw new IllegalArgumentException("unknown suppression reason '" + s
                    + "'; use one of unsubscribed, hard_bounce, complained, manual");
        };
    }
}
