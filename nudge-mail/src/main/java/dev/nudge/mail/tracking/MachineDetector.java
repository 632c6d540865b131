package dev.nudge.mail.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flags opens and clicks made by machines rather than people. Flagged hits are kept (they still mean
 * the address is live) but excluded from human engagement. Rules, first match wins — documented in
 * docs/email.md:
 *
 * <ol>
 *   <li>{@code head_request}: a HEAD request (link checkers, scanners).</li>
 *   <li>{@code scanner_user_agent}: a user agent naming a bot, security gateway or HTTP library.</li>
 *   <li>{@code no_user_agent}: an empty user agent.</li>
 *   <li>{@code apple_mpp} (opens): Apple Mail Privacy Protection prefetches every image through
 *       Apple's proxies: IPs in 17.0.0.0/8, or the bare user agent {@code Mozilla/5.0}.</li>
 *   <li>{@code proxy_prefetch} (opens): Gmail's GoogleImageProxy or Yahoo's proxy fetching within
 *       {@code prefetchWindow} of delivery (later proxy fetches are people opening the mail).</li>
 *   <li>{@code click_within_seconds} (clicks): a click within {@code clickTooSoon} of delivery.</li>
 *   <li>{@code clicked_every_link} (clicks): {@code burstLinks} or more distinct links of one
 *       message clicked within {@code burstWindow} (every link when the message has fewer). The
 *       clicks before the burst is recognised stay human: hits are classified as they arrive.</li>
 * </ol>
 *
 * <p>The burst memory is bounded (LRU over messages) and in memory: losing it on restart only weakens
 * the burst rule for a few seconds. Thread-safe.
 */
public final class MachineDetector {
    /** A classification; {@code reason} is null for a human hit. */
    public record Verdict(boolean machine, String reason) {
        static final Verdict HUMAN = new Verdict(false, null);

        static Verdict machine(String reason) {
            return new Verdict(true, reason);
        }
    }

    private static final Pattern SCANNER_UA = Pattern.compile(
            "bot|crawl|spider|slurp|preview|scanner|barracuda|mimecast|proofpoint|forcepoint|fireeye|trendmicro|"
                    + "sophos|symantec|messagelabs|cisco|ironport|urldefense|safelinks|python|curl|wget|go-http-client|"
                    + "java/|okhttp|libwww|httpclient|axios|node-fetch|headlesschrome|phantomjs");

    private final Duration prefetchWindow;
    private final Duration clickTooSoon;
    private final int burstLinks;
    private final Duration burstWindow;
    private final LinkedHashMap<String, ArrayDeque<Object[]>> recentClicks = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Object[]>> e) {
            return size() > 100_000;
        }
    };

    public MachineDetector(Duration prefetchWindow, Duration clickTooSoon, int burstLinks, Duration burstWindow) {
        if (burstLinks < 2) throw new IllegalArgumentException("burstLinks must be >= 2, got " + burstLinks);
        this.prefetchWindow = prefetchWindow;
        this.clickTooSoon = clickTooSoon;
        this.burstLinks = burstLinks;
        this.burstWindow = burstWindow;
    }

    /** Defaults: prefetch window 60 s, click-too-soon 10 s, 3 distinct links within 5 s. */
    public static MachineDetector defaults() {
        return new MachineDetector(Duration.ofSeconds(60), Duration.ofSeconds(10), 3, Duration.ofSeconds(5));
    }

    public Verdict classifyOpen(Hit hit, StoredMessage m) {
        Verdict common = common(hit);
        if (common.machine()) return common;
        if (hit.ip().startsWith("17.") || hit.userAgent().equals("Mozilla/5.0")) return Verdict.machine("apple_mpp");
        String ua = hit.userAgent();
        if ((ua.contains("GoogleImageProxy") || ua.contains("YahooMailProxy")) && within(m, hit.at(), prefetchWindow)) {
            return Verdict.machine("proxy_prefetch");
        }
        return Verdict.HUMAN;
    }

    public Verdict classifyClick(Hit hit, StoredMessage m, int linkIndex) {
        boolean burst = recordClick(m.messageId(), linkIndex, hit.at(), m.links().size());
        Verdict common = common(hit);
        if (common.machine()) return common;
        if (within(m, hit.at(), clickTooSoon)) return Verdict.machine("click_within_seconds");
        if (burst) return Verdict.machine("clicked_every_link");
        return Verdict.HUMAN;
    }

    private static Verdict common(Hit hit) {
        if ("HEAD".equalsIgnoreCase(hit.method())) return Verdict.machine("head_request");
        String ua = hit.userAgent().strip();
        if (ua.isEmpty()) return Verdict.machine("no_user_agent");
        if (SCANNER_UA.matcher(ua.toLowerCase(Locale.ROOT)).find()) return Verdict.machine("scanner_user_agent");
        return Verdict.HUMAN;
    }

    private static boolean within(StoredMessage m, Instant at, Duration d) {
        return m.sentAt() != null && !at.isBefore(m.sentAt()) && Duration.between(m.sentAt(), at).compareTo(d) <= 0;
    }

    /** Records the click; true when it completes a burst of distinct links within the window. */
    private synchronized boolean recordClick(String messageId, int index, Instant at, int linkCount) {
        ArrayDeque<Object[]> q = recentClicks.computeIfAbsent(messageId, k -> new ArrayDeque<>());
        q.addLast(new Object[] {index, at});
        Instant from = at.minus(burstWindow);
        for (Iterator<Object[]> it = q.iterator(); it.hasNext(); ) {
            if (((Instant) it.next()[1]).isBefore(from)) it.remove();
        }
        Set<Integer> distinct = new HashSet<>();
        for (Object[] c : q) distinct.add((Integer) c[0]);
        int needed = Math.max(2, Math.min(burstLinks, linkCount));
        return distinct.size() >= needed;
    }
}
