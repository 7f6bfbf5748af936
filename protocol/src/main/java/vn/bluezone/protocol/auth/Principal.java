package vn.bluezone.protocol.auth;

/** The authenticated caller: a device id or an official's username. */
public record Principal(Role role, String subject) {
}
