package vn.bluezone.protocol.auth;

/** Who a bearer token speaks for. Each API route accepts exactly one role. */
public enum Role {
    DEVICE, OFFICIAL
}
