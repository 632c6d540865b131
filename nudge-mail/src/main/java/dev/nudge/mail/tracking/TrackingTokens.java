package dev.nudge.mail.tracking;

import dev.nudge.mail.TokenSigner;
import java.util.List;
import java.util.Optional;

/** Click tokens sign (message id, link index); open tokens sign the message id. Separate purposes. */
final class TrackingTokens {
    static final String CLICK = "click";
    static final String OPEN = "open";

    private TrackingTokens() {
    }

    static String click(TokenSigner s, String messageId, int index) {
        return s.sign(CLICK, messageId, Integer.toString(index));
    }

    static String open(TokenSigner s, String messageId) {
        return s.sign(OPEN, messageId);
    }

    record Click(String messageId, int index) {
    }

    static Optional<Click> parseClick(TokenSigner s, String token) {
        Optional<List<String>> f = s.verify(CLICK, token);
        if (f.isEmpty() || f.get().size() != 2) return Optional.empty();
        try {
            return Optional.of(new Click(f.get().get(0), Integer.parseInt(f.get().get(1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<String> parseOpen(TokenSigner s, String token) {
        return s.verify(OPEN, token).filter(f -> f.size() == 1).map(f -> f.get(0));
    }
}
