package vn.bluezone.protocol.events;

/** F0: confirmed case. F1: close contact of an F0. F2: close contact of an F1. */
public enum ContactLevel {
    F0, F1, F2;

    /** The level of a contact of someone at this level: F0 → F1 → F2; contacts of an F2 are not traced. */
    public ContactLevel contactLevel() {
        return switch (this) {
            case F0 -> F1;
            case F1 -> F2;
            case F2 -> throw new IllegalStateException("Contacts of F2 are not traced");
        };
    }
}
