package vn.bluezone.upload.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(ClientAddresses.limitKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.limitKey("203.0.113.8")).isNotEqualTo(ClientAddresses.limitKey("203.0.113.7"));
    }

    @Test
    void ipv6AddressesCountPerSlash64HoweverTheyAreWritten() {
        String key = ClientAddresses.limitKey("2001:db8:1:2::1");
        assertThat(ClientAddresses.limitKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo(key);
        assertThat(ClientAddresses.limitKey("2001:db8:1:3::1")).isNotEqualTo(key);
        assertThat(ClientAddresses.limitKey("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void anythingButAnAddressLiteralCountsAsOneSharedUnknownAndIsNeverLookedUp() {
        assertThat(ClientAddresses.limitKey(null)).isEqualTo("unknown");
        assertThat(ClientAddresses.limitKey("example.org")).isEqualTo("unknown");
        assertThat(ClientAddresses.limitKey("face")).isEqualTo("unknown");
        assertThat(ClientAddresses.limitKey("1.2.3.4; drop table")).isEqualTo("unknown");
    }
}
