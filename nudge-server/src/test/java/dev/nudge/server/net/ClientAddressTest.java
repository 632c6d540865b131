package dev.nudge.server.net;

import dev.nudge.server.net.ClientAddress.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {
    private static final ClientAddress XFF = new ClientAddress(Cidr.parseList("10.0.0.0/8, 2001:db8:1::/48"), Header.X_FORWARDED_FOR);
    private static final ClientAddress FWD = new ClientAddress(Cidr.parseList("10.0.0.0/8, 2001:db8:1::/48"), Header.FORWARDED);

    @Test
    void spoofedHeader_fromAnUntrustedPeer_isIgnored() {
        assertThat(XFF.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(FWD.resolve("203.0.113.9", List.of("for=198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void noTrustedProxies_meansHeadersAreNeverRead() {
        ClientAddress none = ClientAddress.from(Map.of());
        assertThat(none.resolve("10.0.0.1", List.of("198.51.100.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void trustedPeer_withoutHeader_isTheClient() {
        assertThat(XFF.resolve("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void chainThroughTwoTrustedProxies_yieldsTheFirstUntrustedHop() {
        // client 198.51.100.7 → CDN edge 10.1.1.1 → load balancer 10.2.2.2 → us
        assertThat(XFF.resolve("10.2.2.2", List.of("198.51.100.7, 10.1.1.1"))).isEqualTo("198.51.100.7");
        assertThat(FWD.resolve("10.2.2.2", List.of("for=198.51.100.7, for=10.1.1.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void valuesLeftOfTheFirstUntrustedHop_areNotBelieved() {
        // the client wrote "1.1.1.1" itself; our proxy appended the address it really saw
        assertThat(XFF.resolve("10.2.2.2", List.of("1.1.1.1, 198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void severalHeaderLines_areOneListInOrder() {
        assertThat(XFF.resolve("10.2.2.2", List.of("1.1.1.1", "198.51.100.7, 10.1.1.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void everyHopTrusted_yieldsTheLeftmost() {
        assertThat(XFF.resolve("10.2.2.2", List.of("10.9.9.9, 10.1.1.1"))).isEqualTo("10.9.9.9");
    }

    @Test
    void unusableHop_stopsAtTheTrustedProxyThatReportedIt() {
        assertThat(XFF.resolve("10.2.2.2", List.of("198.51.100.7, evil.example, 10.1.1.1"))).isEqualTo("10.1.1.1");
        assertThat(FWD.resolve("10.2.2.2", List.of("for=unknown"))).isEqualTo("10.2.2.2");
        assertThat(FWD.resolve("10.2.2.2", List.of("for=_hidden, for=10.1.1.1"))).isEqualTo("10.1.1.1");
        assertThat(FWD.resolve("10.2.2.2", List.of("proto=https;by=10.2.2.2"))).isEqualTo("10.2.2.2");
    }

    @ParameterizedTest(name = "Forwarded: {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "for=192.0.2.60;proto=http;by=203.0.113.43                  | 192.0.2.60",
            "For=\"192.0.2.60:47011\"                                     | 192.0.2.60",
            "for=\"[2001:db8:cafe::17]\"                                  | 2001:db8:cafe::17",
            "for=\"[2001:db8:cafe::17]:4711\"                             | 2001:db8:cafe::17",
            "for=192.0.2.43, for=\"[2001:db8:1::9]\"                       | 192.0.2.43",
            "proto=https; for = 192.0.2.61 ; host=\"a,b;c\"              | 192.0.2.61",
            "host=\"x, for=1.2.3.4\";for=192.0.2.62                       | 192.0.2.62",
            "for=\"[2001:db8:cafe::17\"                                   | 10.0.0.1",
            "for=\"192.0.2.60:99999999\"                                  | 10.0.0.1",
    })
    void forwardedSyntax(String header, String client) {
        assertThat(FWD.resolve("10.0.0.1", List.of(header))).isEqualTo(client);
    }

    @ParameterizedTest(name = "X-Forwarded-For: {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "198.51.100.7                | 198.51.100.7",
            " 198.51.100.7:5123          | 198.51.100.7",
            "2001:db8:9::1               | 2001:db8:9::1",
            "[2001:db8:9::1]:443         | 2001:db8:9::1",
            "2001:db8:9::1, 2001:db8:1::5 | 2001:db8:9::1",
            "01.2.3.4                    | 10.0.0.1",
            "localhost                   | 10.0.0.1",
    })
    void xForwardedForSyntax(String header, String client) {
        assertThat(XFF.resolve("10.0.0.1", List.of(header))).isEqualTo(client);
    }

    @Test
    void ipv6Peer_inBrackets_isMatchedAgainstTheTrustedBlocks() {
        assertThat(XFF.resolve("[2001:db8:1::2]", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(XFF.resolve("2001:db8:1::2", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void badConfiguration_saysWhatToWrite() {
        assertThatThrownBy(() -> ClientAddress.from(Map.of(ClientAddress.TRUSTED_PROXIES, "10.0.0.0/33")))
                .hasMessageContaining("--trusted-proxies").hasMessageContaining("0..32");
        assertThatThrownBy(() -> ClientAddress.from(Map.of(ClientAddress.TRUSTED_PROXIES, "proxy.internal")))
                .hasMessageContaining("like 10.0.0.0/8");
        assertThatThrownBy(() -> ClientAddress.from(Map.of(ClientAddress.FORWARDED_HEADER, "x-real-ip")))
                .hasMessageContaining("x-forwarded-for or forwarded");
    }
}
