package vn.bluezone.protocol.auth;

/**
 * The authenticated caller: a device id or an official's username. An official's {@link OfficialScope}
 * is the account's as the gateway last looked it up; bearer tokens never carry it, so an edit of the
 * account holds within seconds, not at the token's expiry. Devices have {@link OfficialScope#NONE} and
 * may have a {@code province}: the one the app named at registration (null if it named none), which
 * the device's token carries so active devices can be counted per province without a device list.
 */
public record Principal(Role role, String subject, OfficialScope scope, String province) {

    public Principal {
        scope = scope == null ? OfficialScope.NONE : scope;
    }

    public Principal(Role role, String subject) {
        this(role, subject, OfficialScope.NONE, null);
    }

    public Principal(Role role, String subject, OfficialScope scope) {
        this(role, subject, scope, null);
    }

    /** A device registered in {@code province} (null: it named none). */
    public static Principal device(String deviceId, String province) {
        return new Principal(Role.DEVICE, deviceId, OfficialScope.NONE, province);
    }

    public Principal withScope(OfficialScope scope) {
        return new Principal(role, subject, scope, province);
    }
}
