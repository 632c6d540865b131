package dev.nudge.mail.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.mail.MessageKind;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SuppressionTest {
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    final InMemorySuppressionStore store = new InMemorySuppressionStore();
    final SuppressionCheck check = new SuppressionCheck(store);

    @Test
    void blocking_transactionalSkipsMarketingSuppressionsButNotHardBounce() {
        store.put(new Suppression("A@x.com", SuppressionReason.UNSUBSCRIBED, "one_click", null, NOW));
        store.put(new Suppression("b@x.com", SuppressionReason.COMPLAINED, "sendgrid", null, NOW));
        store.put(new Suppression("c@x.com", SuppressionReason.HARD_BOUNCE, "smtp", null, NOW));
        assertThat(check.blocking("a@X.com", MessageKind.MARKETING)).isPresent();
        assertThat(check.blocking("a@x.com", MessageKind.TRANSACTIONAL)).isEmpty();
        assertThat(check.blocking("b@x.com", MessageKind.TRANSACTIONAL)).isEmpty();
        assertThat(check.blocking("c@x.com", MessageKind.TRANSACTIONAL)).get().extracting(Suppression::reason).isEqualTo(SuppressionReason.HARD_BOUNCE);
        assertThat(check.blocking("d@x.com", MessageKind.MARKETING)).isEmpty();
    }

    @Test
    void csvImport_reportsBadRowsWithLinesAndImportsTheRest() throws Exception {
        String csv = "Email,reason,note\nann@x.com,,vip asked\n\"bob@x.com\",hard_bounce,\nnot-an-email,manual,\ncid@x.com,teleported,\n";
        var r = SuppressionCsv.importInto(store, new StringReader(csv), "csv_import", NOW);
        assertThat(r.imported()).isEqualTo(2);
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0)).startsWith("line 4:").contains("not-an-email");
        assertThat(r.errors().get(1)).startsWith("line 5:").contains("teleported");
        assertThat(store.find("ann@x.com").get(0).reason()).isEqualTo(SuppressionReason.MANUAL);
        assertThat(store.find("ann@x.com").get(0).note()).isEqualTo("vip asked");
    }

    @Test
    void csvImport_withoutEmailColumnSaysWhatToDo() {
        assertThatThrownBy(() -> SuppressionCsv.importInto(store, new StringReader("address\na@x.com\n"), "csv", NOW))
                .hasMessageContaining("'email' column");
    }

    @Test
    void page_walksInOrderWithCursor() {
        for (String e : new String[] {"c@x.com", "a@x.com", "b@x.com"}) store.put(new Suppression(e, SuppressionReason.MANUAL, "api", null, NOW));
        var first = store.page(null, 2);
        assertThat(first).extracting(Suppression::email).containsExactly("a@x.com", "b@x.com");
        assertThat(store.page(SuppressionStore.cursorOf(first.get(1)), 2)).extracting(Suppression::email).containsExactly("c@x.com");
        assertThat(store.remove("B@x.com", SuppressionReason.MANUAL)).isTrue();
        assertThat(store.find("b@x.com")).isEmpty();
    }
}
