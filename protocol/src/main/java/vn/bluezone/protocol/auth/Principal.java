package vn.bluezone.protocol.auth;

/**
 * The authenticated caller: a device id or an official's username. An official's {@link OfficialScope}
 * is the account's as the gateway last looked it up; bearer tokens never carry it, so an edit of the
 * account holds within seconds, not at the token's expiry. Devices have {@link OfficialScope#NONE}.
 */
public record Principal(Role role, String subject, OfficialScope scope) {

    public Principal {
        scope = scope == null ? OfficialScope.NONE : scope;
    }

    public Principal(Role role, String subject) {
        this(role, subject, OfficialScope.NONE);
    }

    public Principal withScope(OfficialScope scope) {
        return new Principal(role, subject, scope);
    }
}
