package dev.nudge.mail.tracking;

import dev.nudge.core.event.Event;

/** The answer to a tracking hit: where to redirect (or the pixel), with the event to ingest, or a refusal. */
public sealed interface TrackingOutcome {
    /** Redirect to {@code url} (taken from the stored message) and ingest {@code event}. */
    record Redirect(String url, Event event) implements TrackingOutcome {
    }

    /** Serve the 1x1 pixel and ingest {@code event}. */
    record Pixel(Event event) implements TrackingOutcome {
    }

    /**
     * Do not redirect: answer 404 with {@code reason}. Refusals never echo a URL from the request.
     */
    record Refused(String reason) implements TrackingOutcome {
    }
}
