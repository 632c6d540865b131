package dev.nudge.mail.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.MessageIds;
import dev.nudge.mail.TokenSigner;
import dev.nudge.mail.suppression.InMemorySuppressionStore;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.tracking.InMemoryMessageStore;
import dev.nudge.mail.tracking.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsubscribeServiceTest {
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    final TokenSigner signer = new TokenSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    final InMemoryMessageStore messages = new InMemoryMessageStore();
    final InMemorySuppressionStore suppressions = new InMemorySuppressionStore();
    final InMemoryConsentLog log = new InMemoryConsentLog();
    final Map<String, Profile> people = new HashMap<>();
    final UnsubscribeService service = new UnsubscribeService(signer, "https://n.example.com", "mail.example.com",
            messages, id -> Optional.ofNullable(people.get(id)), suppressions, log);
    final String mid = MessageIds.fromIdempotencyKey("broadcast:b1:ann", "mail.example.com");

    UnsubscribeServiceTest() {
        people.put("ann", new Profile("ann", List.of("ann"), List.of(), Map.of("email", "Ann@Example.com",
                "consent", Map.of("topics", Map.of("deals", "unsubscribed"))), null, null, Map.of()));
        people.put("bob", new Profile("bob", List.of("bob"), List.of(), Map.of("email", "bob@example.com"), null, null, Map.of()));
        messages.put(new StoredMessage(mid, "broadcast:b1:ann", "ann", "ann@example.com", "b1", null, null, List.of(), NOW));
    }

    @Test
    void oneClick_unsubscribesPersonInTokenAndReturnsEventsAndLog() {
        String token = service.token(mid);
        var r = service.oneClick(token, "198.51.100.7", NOW);
        assertThat(r).isInstanceOfSatisfying(ConsentResult.Applied.class, a -> {
            assertThat(a.events()).hasSize(2);
            assertThat(a.events().get(0).name()).isEqualTo("Unsubscribed");
            assertThat(a.events().get(0).userId()).isEqualTo("ann");
            assertThat(a.events().get(0).properties()).containsEntry("campaign_id", "b1").containsEntry("source", "one_click");
            assertThat(a.events().get(1).type()).isEqualTo(EventType.IDENTIFY);
            // the whole consent map is carried, so the shallow trait merge keeps the topic choice
            assertThat(a.events().get(1).traits()).isEqualTo(Map.of("consent", Map.of("topics", Map.of("deals", "unsubscribed"), "email", "unsubscribed")));
            assertThat(a.logEntry().ip()).isEqualTo("198.51.100.7");
        });
        assertThat(suppressions.find("ann@example.com")).extracting(s -> s.reason()).containsExactly(SuppressionReason.UNSUBSCRIBED);
        assertThat(log.history("ann")).hasSize(1);
    }

    @Test
    void token_cannotBeReusedForAnotherPerson() {
        String bobMid = MessageIds.fromIdempotencyKey("broadcast:b1:bob", "mail.example.com");
        messages.put(new StoredMessage(bobMid, "broadcast:b1:bob", "bob", "bob@example.com", "b1", null, null, List.of(), NOW));
        String annToken = service.token(mid);
        // put Bob's message in the payload, keep Ann's MAC: refused
        String[] parts = annToken.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                bobMid.substring(0, bobMid.indexOf('@')).getBytes(StandardCharsets.UTF_8));
        assertThat(service.oneClick(forgedPayload + "." + parts[1], "1.1.1.1", NOW)).isInstanceOf(ConsentResult.Refused.class);
        // Ann's valid token only ever touches Ann
        service.oneClick(annToken, "1.1.1.1", NOW);
        assertThat(suppressions.find("bob@example.com")).isEmpty();
        assertThat(log.history("bob")).isEmpty();
        // a tracking token is not an unsubscribe token
        assertThat(service.oneClick(signer.sign("click", mid.substring(0, mid.indexOf('@'))), "1.1.1.1", NOW)).isInstanceOf(ConsentResult.Refused.class);
    }

    @Test
    void token_isOpaque_itNamesTheStoredMessageNotThePerson() {
        String token = service.token(mid);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("ann").doesNotContain("@").isEqualTo(mid.substring(0, mid.indexOf('@')));
        assertThat(service.verify(token)).contains(new UnsubscribeClaim("ann", "ann@example.com", mid));
        // a message that was never stored (or was erased) names nobody
        assertThat(service.verify(service.token("zzzzzzzzzzzzzzzzzzzzzzzzzz@mail.example.com"))).isEmpty();
    }

    /** Tokens minted before they were opaque sit in mail already delivered; one-click must keep working for them. */
    @Test
    void legacyToken_withTheAddressInside_stillUnsubscribes() {
        String legacy = signer.sign(UnsubscribeService.LEGACY_PURPOSE, "ann", "ann@example.com", mid);
        assertThat(service.verify(legacy)).contains(new UnsubscribeClaim("ann", "ann@example.com", mid));
        assertThat(service.oneClick(legacy, "1.1.1.1", NOW)).isInstanceOf(ConsentResult.Applied.class);
        assertThat(suppressions.find("ann@example.com")).hasSize(1);
    }

    @Test
    void oneClick_repeated_recordsNothingNew() {
        String token = service.token(mid);
        var first = (ConsentResult.Applied) service.oneClick(token, "1.1.1.1", NOW);
        // ingest would apply the identify; do it by hand
        people.put("ann", people.get("ann").withTraits(first.events().get(1).traits()));
        assertThat(service.oneClick(token, "1.1.1.1", NOW.plusSeconds(1))).isInstanceOf(ConsentResult.Unchanged.class);
        assertThat(service.apply(token, ConsentChange.unsubscribeAll(), "preference_page", "1.1.1.1", NOW.plusSeconds(2)))
                .isInstanceOf(ConsentResult.Unchanged.class);
        assertThat(log.history("ann")).hasSize(1);
        assertThat(suppressions.find("ann@example.com")).hasSize(1).allSatisfy(x -> assertThat(x.at()).isEqualTo(NOW));
        // Ann had unsubscribed from topic deals already: that too is unchanged
        assertThat(service.apply(token, new ConsentChange(ConsentChange.Action.UNSUBSCRIBE, "deals"), "preference_page", "1.1.1.1", NOW))
                .isInstanceOf(ConsentResult.Unchanged.class);
        // the suppression alone (identify never ingested) is not "in effect": applied again, which repairs the trait
        people.put("ann", new Profile("ann", List.of("ann"), List.of(), Map.of("email", "ann@example.com"), null, null, Map.of()));
        assertThat(service.oneClick(token, "1.1.1.1", NOW.plusSeconds(3))).isInstanceOf(ConsentResult.Applied.class);
    }

    @Test
    void headers_rfc8058AndMailtoRoundTrip() {
        Map<String, String> h = service.headers(mid);
        assertThat(h.get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(h.get("List-Unsubscribe")).matches("<https://n\\.example\\.com/u/[A-Za-z0-9_.-]+>, <mailto:unsubscribe\\+[a-z2-7]{26}\\.[0-9a-f]{20}@mail\\.example\\.com\\?subject=unsubscribe>");
        String addr = service.mailtoAddress(mid);
        assertThat(addr.substring(0, addr.indexOf('@')).length()).isLessThanOrEqualTo(64);
        assertThat(service.verifyMailto(addr.toUpperCase())).contains(new UnsubscribeClaim("ann", "ann@example.com", mid));
        assertThat(service.verifyMailto(addr.replace("unsubscribe+", "unsubscribe+x"))).isEmpty();
    }

    @Test
    void topicAndResubscribe_changeConsentAndSuppression() {
        String token = service.token(mid);
        service.oneClick(token, "1.1.1.1", NOW);
        var r = service.apply(token, ConsentChange.resubscribeAll(), "preference_page", "1.1.1.1", NOW.plusSeconds(60));
        assertThat(suppressions.find("ann@example.com")).isEmpty();
        assertThat(((ConsentResult.Applied) r).events().get(0).name()).isEqualTo("Resubscribed");
        var t = service.apply(token, new ConsentChange(ConsentChange.Action.RESUBSCRIBE, "deals"), "preference_page", "1.1.1.1", NOW.plusSeconds(90));
        assertThat(((ConsentResult.Applied) t).events().get(1).traits().get("consent")).isEqualTo(Map.of("topics", Map.of("deals", "subscribed")));
        assertThat(log.history("ann")).extracting(e -> e.change().action()).containsExactly(
                ConsentChange.Action.UNSUBSCRIBE, ConsentChange.Action.RESUBSCRIBE, ConsentChange.Action.RESUBSCRIBE);
    }

    @Test
    void preferencePage_escapesAndOffersTopics() {
        Profile p = people.get("ann");
        String html = PreferencePage.render("<Shop>", new UnsubscribeClaim("ann", "ann@example.com", mid), p,
                List.of(new PreferencePage.Topic("deals", "Deals & offers"), new PreferencePage.Topic("news", "News")), "https://n.example.com/u/t", null);
        assertThat(html).contains("&lt;Shop&gt;").contains("Deals &amp; offers — unsubscribed").contains("News — subscribed")
                .contains("value=\"unsubscribe\"").doesNotContain("<Shop>").contains("<h1>&lt;Shop&gt; email preferences</h1>");
        assertThat(PreferencePage.render(null, new UnsubscribeClaim("ann", "ann@example.com", mid), p, List.of(), "/u/t", null))
                .contains("<h1>Email preferences</h1>");
    }
}
