package vn.bluezone.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebPushAllowedHostsTest {

    private static final List<String> PUSH_SERVICES = List.of("fcm.googleapis.com", "*.push.apple.com");

    private static PushProperties.WebPush webPush(List<String> extra) {
        return new PushProperties.WebPush(null, null, "mailto:ops@bluezone.test", PUSH_SERVICES, extra, true,
                Duration.ofSeconds(5));
    }

    @Test
    void aPushServiceOrItsSubdomainIsAllowedAndAnyOtherHostIsNot() {
        assertThat(webPush(null).allowsHost("fcm.googleapis.com")).isTrue();
        assertThat(webPush(null).allowsHost("web.push.apple.com")).isTrue();
        assertThat(webPush(null).allowsHost("127.0.0.1")).isFalse();
        assertThat(webPush(List.of()).allowsHost("attacker.example")).isFalse();
    }

    @Test
    void anExtraHostIsAllowedOnTopOfThePushServices() {
        PushProperties.WebPush local = webPush(List.of("127.0.0.1"));
        assertThat(local.allowsHost("127.0.0.1")).isTrue();
        assertThat(local.allowsHost("fcm.googleapis.com")).isTrue();
        assertThat(local.allowsHost("localhost")).isFalse();
    }
}
