package dev.nudge.store;

import dev.nudge.store.StoreKeys.Prefix;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the stored bytes of every key layout. The hex below was produced by the layouts as they were
 * before {@link StoreKeys} took them all over (StateKeys, nudge-server's MailKeys, hand-built META
 * names); existing data folders depend on it. A failure here is a format change: make it deliberate,
 * with a migration, never by editing the hex to match.
 */
class StoreKeysTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Instant BEFORE_1970 = Instant.parse("1969-12-31T23:59:59Z");

    private static void golden(String hex, byte[] key) {
        assertThat(HexFormat.of().formatHex(key)).isEqualTo(hex);
    }

    @Test
    void everyLayout_keepsItsBytes() {
        golden("000270318000019b7ca98f2e6d31", StoreKeys.eventKey("p1", T, "m1"));
        golden("000270317ffffffffffffc186d31", StoreKeys.eventKey("p1", BEFORE_1970, "m1"));
        golden("00027031", StoreKeys.eventPrefix("p1"));
        golden("00037032328000019b7ca98f2e6d31", StoreKeys.rehomeEventKey(StoreKeys.eventKey("p1", T, "m1"), "p22"));
        golden("7031", StoreKeys.profileKey("p1"));
        golden("757531", StoreKeys.userIdKey("u1"));
        golden("616131", StoreKeys.anonymousIdKey("a1"));
        golden("6d31", StoreKeys.messageIdKey("m1"));
        golden("00056140622e63", StoreKeys.emailPrefix("a@b.c"));
        golden("00056140622e637031", StoreKeys.emailKey("a@b.c", "p1"));
        golden("776562686f6f6b2f7731", StoreKeys.webhook("w1"));
        golden("77726974652f6b31", StoreKeys.writeKey("k1"));
        golden("61646d696e2f6b31", StoreKeys.adminKey("k1"));
        golden("7365676465662f7331", StoreKeys.segmentDefinition("s1"));
        golden("73656764656c2f7331", StoreKeys.segmentDeleted("s1"));
        golden("7365676d656e742d636174616c6f672f6261636b66696c6c6564", StoreKeys.Prefix.SEGMENT_CATALOG_BACKFILLED.bytes());
        golden("696e74656c6c6967656e63652f7265706f7274", StoreKeys.Prefix.INTELLIGENCE_REPORT.bytes());
        golden("696e74656c6c6967656e63652f72756c6573", StoreKeys.Prefix.INTELLIGENCE_RULES.bytes());
        golden("6d61696c2f7369676e696e672d736563726574", StoreKeys.Prefix.MAIL_SIGNING_SECRET.bytes());
        golden("732f7031", StoreKeys.state("p1"));
        golden("642f7031", StoreKeys.due("p1"));
        golden("742f8000019b7ca98f2e7031", StoreKeys.timer(T.toEpochMilli(), "p1"));
        golden("706d2f000270317331", StoreKeys.profileMembership("p1", "s1"));
        golden("6d2f000273317031", StoreKeys.member("s1", "p1"));
        golden("682f000273318000019b7ca98f2e0000000000000007", StoreKeys.history("s1", T, 7));
        golden("682f000273318000019b7ca98f2e", StoreKeys.historyFrom("s1", T));
        golden("782f0000000000000007", StoreKeys.log(7));
        golden("70682f000270310000000000000007", StoreKeys.profileHistory("p1", 7));
        golden("77632f7731", StoreKeys.webhookCursor("w1"));
        golden("726a2f0000000000000007", StoreKeys.rejected(7));
        golden("72622f", StoreKeys.REJECTED_BOUNDS);
        golden("656f2f6931", StoreKeys.outbox("i1"));
        golden("65732f515545554544006931", StoreKeys.outboxStatus("QUEUED", "i1"));
        golden("656d2f6d31", StoreKeys.mailMessage("m1"));
        golden("65782f6140622e6300424f554e4345", StoreKeys.suppression("a@b.c", "BOUNCE"));
        golden("65632f000270318000019b7ca98f2e0000000000000007", StoreKeys.consent("p1", T, 7));
        golden("65622f6231", StoreKeys.broadcast("b1"));
        golden("65642f6231", StoreKeys.broadcastDefinition("b1"));
        golden("65722f000262310000000000000007", StoreKeys.recipient("b1", 7));
        golden("0000019b7ca98f2e", StoreKeys.millis(T));
    }

    @Test
    void prefixes_ofOneColumn_neverOverlap() {
        for (Prefix a : Prefix.values()) {
            for (Prefix b : Prefix.values()) {
                if (a == b || a.column() != b.column()) continue;
                assertThat(StoreKeys.startsWith(b.bytes(), a.bytes()))
                        .as("%s (%s) is a prefix of %s (%s) in %s", a, StoreKeys.string(a.bytes()), b, StoreKeys.string(b.bytes()), a.column())
                        .isFalse();
            }
        }
    }

    @Test
    void prefixOf_findsTheKindOfAKey() {
        assertThat(Prefix.of(Column.STATE, StoreKeys.member("s1", "p1"))).isEqualTo(Prefix.MEMBER);
        assertThat(Prefix.of(Column.STATE, StoreKeys.profileMembership("p1", "s1"))).isEqualTo(Prefix.PROFILE_MEMBERSHIP);
        assertThat(Prefix.of(Column.META, StoreKeys.segmentDeleted("s1"))).isEqualTo(Prefix.SEGMENT_DELETED);
        assertThat(Prefix.of(Column.EVENTS, StoreKeys.eventPrefix("p1"))).isEqualTo(Prefix.EVENT);
        assertThat(Prefix.of(Column.STATE, StoreKeys.utf8("zz/"))).isNull();
    }

    @Test
    void decoders_readWhatTheEncodersWrote() {
        assertThat(StoreKeys.profileIdOfEmailKey(StoreKeys.emailKey("a@b.c", "p1"))).isEqualTo("p1");
        assertThat(StoreKeys.segmentOfProfileMembership(StoreKeys.profileMembership("p1", "s1"), "p1")).isEqualTo("s1");
        assertThat(StoreKeys.profileOfMember(StoreKeys.member("s1", "p1"), "s1")).isEqualTo("p1");
        assertThat(StoreKeys.timerDue(StoreKeys.timer(-5, "p1"))).isEqualTo(-5);
        assertThat(StoreKeys.timerProfile(StoreKeys.timer(5, "p1"))).isEqualTo("p1");
        assertThat(StoreKeys.logSeq(StoreKeys.log(9))).isEqualTo(9);
        assertThat(StoreKeys.rejectedSeq(StoreKeys.rejected(9))).isEqualTo(9);
        assertThat(StoreKeys.idempotencyKeyOfStatus(StoreKeys.outboxStatus("SENT", "i1"), "SENT")).isEqualTo("i1");
        assertThat(StoreKeys.segmentOfDefinitionKey(StoreKeys.segmentDefinition("s1"))).isEqualTo("s1");
        assertThat(StoreKeys.segmentOfDefinitionKey(StoreKeys.segmentDeleted("s1"))).isEqualTo("s1");
        assertThat(StoreKeys.profileOfEventPrefix(StoreKeys.eventPrefix("p1"))).isEqualTo("p1");
        assertThat(StoreKeys.instant(StoreKeys.millis(T))).isEqualTo(T);
        assertThat(StoreKeys.after(StoreKeys.utf8("ab"))).containsExactly('a', 'b', 0);
    }
}
