package dev.nudge.server.dashboard;

import dev.nudge.core.segment.lang.Issue;
import dev.nudge.store.segment.StoredTransition;

import java.util.List;
import java.util.Map;

/**
 * The records the templates show. Public only because the compiled templates live in jte's own
 * package; they carry display-ready strings, so templates hold no logic beyond loops and ifs.
 */
public final class Views {
    private Views() {}

    /** {@code id} as one URL path segment (ids may hold any character: '/', '?', '#', spaces). */
    public static String path(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    public record SegmentRow(String id, String name, long size, String lastChange, String origin) {}

    public record TransitionRow(String at, String profileId, String segmentId, String kind, String cause) {
        static TransitionRow of(StoredTransition t) {
            var x = t.transition();
            return new TransitionRow(Text.time(x.at()), x.profileId(), x.segmentId(), x.kind().name().toLowerCase(java.util.Locale.ROOT),
                    String.valueOf(x.cause()).toLowerCase(java.util.Locale.ROOT));
        }
    }

    public record Member(String profileId, String since) {}

    /** One validator issue as the editor shows it: position, message, the line with a caret under the fault, the hint. */
    public record IssueView(int line, int col, String message, String hint, String sourceLine, String caret) {
        static IssueView of(Issue i) {
            StringBuilder c = new StringBuilder();
            for (int k = 1; k < i.col() && k <= i.sourceLine().length(); k++) c.append(i.sourceLine().charAt(k - 1) == '\t' ? '\t' : ' ');
            return new IssueView(i.line(), i.col(), i.message(), i.hint(), i.sourceLine(), c.append('^').toString());
        }
    }

    /** A message the mail catcher holds. */
    public record MailRow(String messageId, String to, String subject, String kind, String caughtAt) {}

    /** A profile search hit. */
    public record ProfileRow(String id, String email, long events, String lastSeen) {}

    /** One line of a profile's timeline, newest first: an event or a segment transition. */
    public record TimelineEntry(java.time.Instant instant, String kind, String title, String detail) {
        public String at() {
            return Text.time(instant);
        }
    }

    /** A trait as a name and its value as display text (JSON for maps and lists). */
    public record Trait(String name, String value) {
        static List<Trait> of(Map<String, Object> traits, java.util.function.Predicate<String> keep) {
            return traits.entrySet().stream().filter(e -> keep.test(e.getKey()))
                    .map(e -> new Trait(e.getKey(), Text.json(e.getValue()))).toList();
        }
    }

    /** A rendered email as the preview shows it; {@code frame} is the URL of its sandboxed HTML, {@code who} whom it was rendered for. */
    public record MailPreview(String subject, String preheader, String from, String frame, String text, String who, boolean sample) {}

    /** A Liquid error located in the template: file, line and column, the message, and (in the edited file) the line with a caret. */
    public record TemplateError(String template, int line, int column, String message, String sourceLine, String caret) {
        static TemplateError of(dev.nudge.mail.template.TemplateException e, String edited, String source) {
            String lineText = "";
            if (e.template().equals(edited) && e.line() > 0) {
                List<String> lines = source.lines().toList();
                if (e.line() <= lines.size()) lineText = lines.get(e.line() - 1);
            }
            StringBuilder c = new StringBuilder();
            if (!lineText.isEmpty()) {
                for (int k = 1; k < e.column() && k <= lineText.length(); k++) c.append(lineText.charAt(k - 1) == '\t' ? '\t' : ' ');
                c.append('^');
            }
            // the exception's message starts with "name:line:col: "; the page shows those apart
            String msg = e.getMessage();
            String prefix = e.template() + ":" + e.line() + ":" + e.column() + ": ";
            if (msg != null && msg.startsWith(prefix)) msg = msg.substring(prefix.length());
            return new TemplateError(e.template(), e.line(), e.column(), msg, lineText, c.toString());
        }
    }

    /** A segment to choose in a form: its id, name and members now. */
    public record SegmentOption(String id, String label) {}

    /** A broadcast with its progress; {@code polling} while its runner is still working. */
    public record BroadcastRow(String id, String template, String segment, long recipients, String status, long processed, long queued,
                               long sent, long suppressed, long bounced, long failed, String reason, String created, boolean polling) {
        public boolean done() {
            return status.equals("finished");
        }
    }

    /** What the new-broadcast form holds: all strings, blank when not chosen. */
    public record BroadcastDraft(String id, String template, String segment, String profile) {}
}
