package vn.bluezone.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtKeysTest {

    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().subject("s").build();

    /** "[new, old]" as one JWK set: the rotation window. */
    private static String both(String first, String second) throws Exception {
        JWKSet a = JWKSet.parse(first);
        JWKSet b = JWKSet.parse(second);
        List<JWK> keys = new ArrayList<>(a.getKeys());
        keys.addAll(b.getKeys());
        return new JWKSet(keys).toString(false);
    }

    @Test
    void tokensNameTheirKeyAndARotationKeepsOldTokensValidUntilTheOldKeyIsRemoved() throws Exception {
        String old = JwtKeys.generateKeyPair("k-2026-06");
        String current = JwtKeys.generateKeyPair("k-2026-12");
        String beforeRotation = JwtKeys.parse("t", old).sign(CLAIMS);
        assertThat(SignedJWT.parse(beforeRotation).getHeader().getKeyID()).isEqualTo("k-2026-06");

        JwtKeys window = JwtKeys.parse("t", both(current, old));
        String afterRotation = window.sign(CLAIMS);
        assertThat(SignedJWT.parse(afterRotation).getHeader().getKeyID()).isEqualTo("k-2026-12");
        assertThat(window.verifiedClaims(beforeRotation)).isPresent();
        assertThat(window.verifiedClaims(afterRotation)).isPresent();
        assertThat(JwtKeys.parse("t", JwtKeys.publicKeys(both(current, old))).verifiedClaims(beforeRotation)).isPresent();

        JwtKeys retired = JwtKeys.parse("t", current);
        assertThat(retired.verifiedClaims(beforeRotation)).isEmpty();
        assertThat(retired.verifiedClaims(afterRotation)).isPresent();
    }

    @Test
    void aTokenIsCheckedOnlyWithTheAlgorithmOfTheKeyItNames() throws Exception {
        String pair = JwtKeys.generateKeyPair("ec-1");
        JwtKeys verifier = JwtKeys.parse("t", JwtKeys.publicKeys(pair));
        // The classic confusion: HS256 keyed with bytes of the public key, under the EC key's id.
        byte[] publicBytes = ECKey.parse(JWKSet.parse(pair).getKeys().get(0).toJSONObject()).toPublicKey().getEncoded();
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ec-1").build(), CLAIMS);
        confused.sign(new MACSigner(publicBytes));
        assertThat(verifier.verifiedClaims(confused.serialize())).isEmpty();

        SignedJWT noKeyId = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), CLAIMS);
        noKeyId.sign(new ECDSASigner(ECKey.parse(JWKSet.parse(pair).getKeys().get(0).toJSONObject())));
        assertThat(verifier.verifiedClaims(noKeyId.serialize())).isEmpty();
    }

    @Test
    void keySetsWithoutKeyIdsWithDuplicateIdsOrShortSecretsAreRefused() throws Exception {
        assertThatThrownBy(() -> JwtKeys.parse("t", "{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + "A".repeat(43) + "\"}]}"))
                .hasMessageContaining("key id");
        String one = JwtKeys.generateSymmetric("same");
        assertThatThrownBy(() -> JwtKeys.parse("t", both(one, JwtKeys.generateSymmetric("same")))).hasMessageContaining("key id");
        assertThatThrownBy(() -> JwtKeys.parse("t", "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"short\",\"k\":\"AAAA\"}]}"))
                .hasMessageContaining("cannot verify");
        assertThatThrownBy(() -> JwtKeys.parse("t", "{\"keys\":[]}")).hasMessageContaining("no keys");
        assertThatThrownBy(() -> JwtKeys.parse("t", "not json")).hasMessageContaining("not a JWK set");
    }
}
