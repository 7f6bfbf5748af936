package vn.bluezone.protocol.events;

import java.time.Duration;

/**
 * The contact-finding objectives (docs/operations.md#objectives) as histogram bounds. Every latency on a
 * contact's way from the upload to the phone (the engine's, the notify-service's) has exactly these
 * bounds, so the objectives' ratios need no interpolation and the histograms read side by side.
 */
public final class ContactObjectives {

    /** Shortest latency worth a bucket of its own. */
    public static final Duration MINIMUM = Duration.ofMillis(50);
    /** Longest latency worth a bucket of its own. */
    public static final Duration MAXIMUM = Duration.ofMinutes(30);

    private ContactObjectives() {
    }

    /** 5 s (the aim) and 30 s (the objective alert rules read); a new array each time, as callers may keep it. */
    public static Duration[] bounds() {
        return new Duration[] {Duration.ofSeconds(5), Duration.ofSeconds(30)};
    }
}
