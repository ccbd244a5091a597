package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Source ranges of feedback-loop reporters: literal addresses only, host bits cleared, IPv4 and IPv6. */
class CidrTest {

    @Test
    void rangesContainTheirAddressesOnly() throws Exception {
        Cidr r = Cidr.parse("198.51.100.77/24");
        assertThat(r).hasToString("198.51.100.0/24");
        assertThat(r.contains(InetAddress.getByName("198.51.100.1"))).isTrue();
        assertThat(r.contains(InetAddress.getByName("198.51.100.255"))).isTrue();
        assertThat(r.contains(InetAddress.getByName("198.51.101.1"))).isFalse();
        assertThat(r.contains(InetAddress.getByName("::ffff:198.51.100.9"))).isTrue();
        assertThat(r.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
        Cidr one = Cidr.parse("127.0.0.88");
        assertThat(one).hasToString("127.0.0.88/32");
        assertThat(one.contains(InetAddress.getByName("127.0.0.88"))).isTrue();
        assertThat(one.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
        Cidr v6 = Cidr.parse("2001:db8:ab00::/40");
        assertThat(v6.contains(InetAddress.getByName("2001:db8:abff::5"))).isTrue();
        assertThat(v6.contains(InetAddress.getByName("2001:db8:ac00::5"))).isFalse();
        Cidr odd = Cidr.parse("10.1.2.3/13");
        assertThat(odd).hasToString("10.0.0.0/13");
        assertThat(odd.contains(InetAddress.getByName("10.7.255.255"))).isTrue();
        assertThat(odd.contains(InetAddress.getByName("10.8.0.0"))).isFalse();
    }

    @Test
    void anythingElseIsRefusedWithoutADnsLookUp() {
        for (String bad : new String[] {"", "10.0.0.0/33", "10.0.0.0/-1", "256.0.0.1", "10.0.0/8", "mx.example.com", "mx.example.com/24",
                "10.0.0.0/8/9", "2001:db8::/129", "::ffff:1.2.3.4/24", "10.0.0.0/ 8"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
