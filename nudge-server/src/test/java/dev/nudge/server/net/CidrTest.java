package dev.nudge.server.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CidrTest {
    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "100.64.0.0/10, 100.127.255.255, true",
            "100.64.0.0/10, 100.128.0.0, false",
            "192.168.1.7, 192.168.1.7, true",
            "192.168.1.7, 192.168.1.8, false",
            "0.0.0.0/0, 203.0.113.1, true",
            "0.0.0.0/0, ::1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "172.16.0.0/12, 172.31.0.1, true",
            "172.16.0.0/12, 172.32.0.1, false",
    })
    void contains(String block, String address, boolean expected) {
        assertThat(Cidr.parse(block).contains(IpLiteral.parse(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.0.0.0/8", "10.1.2.3/8, 10.0.0.0/8", "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32"})
    void networkIsMasked(String in, String shown) {
        assertThat(Cidr.parse(in)).hasToString(shown);
    }
}
