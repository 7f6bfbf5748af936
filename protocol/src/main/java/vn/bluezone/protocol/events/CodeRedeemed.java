package vn.bluezone.protocol.events;

import java.time.Instant;
import java.util.UUID;

/** A phone redeemed one of the case's codes (it may now upload the F0's keys). Names no device. */
public record CodeRedeemed(UUID caseId, Instant redeemedAt) implements CaseEvent {

    @Override
    public boolean complete() {
        return caseId != null && redeemedAt != null;
    }
}
