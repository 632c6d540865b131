package dev.nudge.mail.tracking;

import java.util.List;

/** HTML after link rewriting, with the original destinations in link-index order. */
public record TrackedHtml(String html, List<String> links) {
    public TrackedHtml {
        links = List.copyOf(links);
    }
}
