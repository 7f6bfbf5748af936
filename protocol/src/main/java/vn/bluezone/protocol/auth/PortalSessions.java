package vn.bluezone.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The officials' portal keeps the official token in an HttpOnly cookie, which the gateway takes as the
 * bearer token of official routes. A state-changing request authenticated by that cookie must also
 * carry {@link #CSRF_HEADER} equal to {@link #csrfToken} of the session, which the page reads from the
 * {@link #CSRF_COOKIE} cookie: another site can make the browser send the cookie, but cannot read it
 * nor compute the token without the session itself.
 */
public final class PortalSessions {

    /** HttpOnly, SameSite=Strict: the official token. */
    public static final String SESSION_COOKIE = "BZ_SESSION";
    /** Readable by the portal's scripts, SameSite=Strict: the session's CSRF token. */
    public static final String CSRF_COOKIE = "BZ_CSRF";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private PortalSessions() {
    }

    /** A digest of the session token: tied to the session, and useless without it. */
    public static String csrfToken(String sessionToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("bluezone-csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JCA", e);
        }
    }

    /** Constant-time comparison of a presented CSRF token with the session's. */
    public static boolean csrfMatches(String sessionToken, String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken(sessionToken).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
