package vn.bluezone.protocol.events;

/** F0: confirmed case. F1: close contact of an F0. F2: close contact of an F1. */
public enum ContactLevel {
    F0, F1, F2
}
