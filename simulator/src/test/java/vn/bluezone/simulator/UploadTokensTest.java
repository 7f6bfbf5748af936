package vn.bluezone.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.auth.JwtKeys;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.events.ContactLevel;

class UploadTokensTest {

    private final UploadGrants notify = new UploadGrants(
            Map.of(ContactLevel.F1, JwtKeys.parse("F1", JwtKeys.generateKeyPair("f1-1"))), Clock.systemUTC());

    private static UploadGrant grant(String id) {
        return new UploadGrant(id, UUID.randomUUID(), UUID.randomUUID(), ContactLevel.F1, 4242, Instant.now(),
                Instant.now().plusSeconds(3600));
    }

    @Test
    void tokensOfSuccessivePollsDifferButNameTheSameGrant() {
        UploadGrant grant = grant("alert-1:2900000");
        String first = notify.issue(grant);
        String second = notify.issue(grant);

        assertThat(second).isNotEqualTo(first);
        assertThat(UploadTokens.grantOf(first)).isEqualTo(UploadTokens.grantOf(second)).isEqualTo("alert-1:2900000");
        assertThat(UploadTokens.grantOf(notify.issue(grant("alert-1:2899856")))).isNotEqualTo(UploadTokens.grantOf(first));
    }

    @Test
    void aTokenThatIsNoJwtIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> UploadTokens.grantOf("not-a-token"));
    }
}
