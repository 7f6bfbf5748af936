package vn.bluezone.simulator;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/**
 * What a phone reads from an upload token: the grant it is for. Every poll brings a freshly signed
 * token (ECDSA signatures differ each time) for the same grant, and a grant can be used once, so a
 * phone publishes its keys once per grant, not once per token. The signature is the server's to check.
 */
final class UploadTokens {

    private UploadTokens() {
    }

    static String grantOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new IllegalArgumentException("An upload token that is not a signed JWT", e);
        }
    }
}
