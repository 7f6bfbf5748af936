package vn.bluezone.protocol.api;

/** 202 body: how many items were durably accepted. */
public record Accepted(int accepted) {
}
