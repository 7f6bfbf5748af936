package vn.bluezone.matching.engine;

import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/** One RPI a case's keys broadcast during one interval of its infectious period. */
record PublishedRpi(UUID caseId, UUID uploaderDeviceId, ContactLevel uploaderLevel, int interval) {
}
