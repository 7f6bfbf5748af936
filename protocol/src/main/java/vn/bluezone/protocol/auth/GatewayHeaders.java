package vn.bluezone.protocol.auth;

/**
 * Headers the gateway sets after it authenticated a request. The gateway strips any copy a client
 * sends, and services are reachable only through the gateway, so services can trust them.
 */
public final class GatewayHeaders {

    public static final String DEVICE_ID = "X-Bluezone-Device-Id";
    public static final String OFFICIAL = "X-Bluezone-Official";

    private GatewayHeaders() {
    }
}
