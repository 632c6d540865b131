package dev.nudge.server.webhook;

import dev.nudge.server.net.IpLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decisions only: every address here is given by an injected resolver, and nothing connects anywhere. */
class AddressGuardTest {

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            // IPv4 Special-Purpose Address Registry, every block (first and last address of the wide ones)
            "0.0.0.0                 | \"this network\"",
            "0.255.255.255           | \"this network\"",
            "10.0.0.1                | private-use",
            "10.255.255.255          | private-use",
            "100.64.0.1              | shared address space",
            "100.100.100.200         | cloud metadata at 100.100.100.200",
            "100.127.255.255         | shared address space",
            "127.0.0.1               | loopback",
            "127.255.255.254         | loopback",
            "169.254.169.254         | link-local",
            "172.16.0.1              | private-use",
            "172.31.255.255          | private-use",
            "192.0.0.1               | IETF protocol assignments",
            "192.0.0.9               | IETF protocol assignments",
            "192.0.0.170             | IETF protocol assignments",
            "192.0.2.10              | TEST-NET-1",
            "192.31.196.1            | AS112",
            "192.52.193.1            | AMT",
            "192.88.99.1             | 6to4 relay anycast",
            "192.168.1.1             | private-use",
            "192.175.48.1            | AS112 direct delegation",
            "198.18.0.1              | benchmarking",
            "198.19.255.255          | benchmarking",
            "198.51.100.1            | TEST-NET-2",
            "203.0.113.1             | TEST-NET-3",
            "224.0.0.1               | multicast",
            "239.255.255.250         | multicast",
            "240.0.0.1               | reserved",
            "255.255.255.255         | limited broadcast",
            // IPv6 Special-Purpose Address Registry
            "::                      | unspecified",
            "::1                     | loopback",
            "::127.0.0.1             | IPv4-compatible",
            "::8.8.8.8               | IPv4-compatible",
            "64:ff9b:1::a00:1        | local-use IPv4/IPv6 translation",
            "100::1                  | discard-only",
            "100:0:0:1::1            | dummy prefix",
            "2001::1                 | Teredo",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo",
            "2001:1::1               | IETF protocol assignments",
            "2001:2::1               | benchmarking",
            "2001:3::1               | IETF protocol assignments",
            "2001:4:112::1           | IETF protocol assignments",
            "2001:20::1              | ORCHIDv2",
            "2001:30::1              | IETF protocol assignments",
            "2001:db8::1             | documentation",
            "2002:7f00:1::1          | 6to4",
            "2002:808:808::1         | 6to4",
            "2620:4f:8000::1         | AS112 direct delegation",
            "3fff::1                 | documentation",
            "5f00::1                 | SRv6",
            "fc00::1                 | unique local",
            "fd12:3456::1            | unique local",
            "fe80::1                 | link-local",
            "fec0::1                 | site-local",
            "ff02::1                 | multicast",
            "4000::1                 | outside 2000::/3",
            // IPv6 forms that embed a forbidden IPv4
            "::ffff:127.0.0.1        | loopback",
            "::ffff:169.254.169.254  | link-local",
            "::ffff:100.100.100.200  | shared address space",
            "64:ff9b::7f00:1         | 127.0.0.0/8 loopback, embedded in a NAT64 address",
            "64:ff9b::a9fe:a9fe      | 169.254.0.0/16 link-local (cloud metadata at 169.254.169.254), embedded in a NAT64 address",
            "64:ff9b::10.0.0.1       | private-use",
    })
    void specialPurposeAddresses_areRefused(String address, String why) {
        InetAddress a = IpLiteral.parse(address);
        assertThat(a).as("test data: %s parses", address).isNotNull();
        assertThat(AddressGuard.refusal(a)).isNotNull().contains(why);
        AddressGuard guard = new AddressGuard(false, host -> List.of(a));
        assertThatThrownBy(() -> guard.check(URI.create("https://hooks.nudge.test/x")))
                .hasMessageContaining(a.getHostAddress())
                .hasMessageContaining("NUDGE_WEBHOOKS_ALLOW_PRIVATE");
    }

    @ParameterizedTest(name = "{0} is allowed")
    @CsvSource({
            "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.255",
            "192.88.98.255", "198.17.255.255", "198.20.0.0", "223.255.255.255", "93.184.215.14",
            "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2001:200::1", "2001:4860:4860::8888",
            // NAT64 well-known prefix with a public IPv4 inside: how an IPv6-only host with DNS64 reaches IPv4 receivers
            "64:ff9b::808:808", "::ffff:8.8.8.8",
    })
    void publicAddresses_areAllowed(String address) {
        InetAddress a = IpLiteral.parse(address);
        assertThat(AddressGuard.refusal(a)).isNull();
        assertThat(new AddressGuard(false, host -> List.of(a)).addresses("hooks.nudge.test")).containsExactly(a);
    }

    @Test
    void everyResolvedAddress_isChecked_notJustTheFirst() {
        AddressGuard guard = new AddressGuard(false, host -> List.of(IpLiteral.parse("8.8.8.8"), IpLiteral.parse("10.0.0.5")));
        assertThatThrownBy(() -> guard.addresses("mixed.nudge.test")).hasMessageContaining("10.0.0.5").hasMessageContaining("private-use");
    }

    @Test
    void allowPrivate_acceptsInternalReceivers() {
        AddressGuard guard = new AddressGuard(true, host -> List.of(IpLiteral.parse("10.0.0.5")));
        assertThat(guard.addresses("internal.nudge.test")).containsExactly(IpLiteral.parse("10.0.0.5"));
    }

    @Test
    void unresolvableHost_saysToCheckTheUrl() {
        AddressGuard guard = new AddressGuard(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.nudge.test/"))).hasMessageContaining("does not resolve; check the url");
    }

    @Test
    void ipLiteralHosts_inBrackets_areCheckedAsAddresses() {
        AddressGuard guard = new AddressGuard(false);
        assertThatThrownBy(() -> guard.check(URI.create("http://[::1]:8080/x"))).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.check(URI.create("http://[64:ff9b::7f00:1]/x"))).hasMessageContaining("NAT64");
        assertThatThrownBy(() -> guard.check(URI.create("http://100.100.100.200/latest/meta-data"))).hasMessageContaining("shared address space");
    }
}
