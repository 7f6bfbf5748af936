package vn.bluezone.protocol.auth;

/**
 * Headers the gateway sets after it authenticated a request. The gateway strips any copy a client
 * sends. Services take the identity headers only from a valid {@link #ASSERTION} (see
 * {@link IdentityAssertions}): a request that names a caller without one is refused.
 */
public final class GatewayHeaders {

    public static final String DEVICE_ID = "X-Bluezone-Device-Id";
    public static final String OFFICIAL = "X-Bluezone-Official";
    /** The gateway's signed assertion of the caller, from which services set the two headers above. */
    public static final String ASSERTION = "X-Bluezone-Assertion";
    /** The address the request came from as the gateway saw it, for per-address limits. */
    public static final String CLIENT_ADDRESS = "X-Bluezone-Client-Address";

    private GatewayHeaders() {
    }
}
