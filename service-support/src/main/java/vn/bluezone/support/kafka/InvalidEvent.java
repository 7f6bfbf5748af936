package vn.bluezone.support.kafka;

/**
 * An event that can never be processed, however often it is tried (a required field missing, a value
 * out of range). A listener throws it (or a BatchListenerFailedException caused by it); the event goes
 * to its topic's dead-letter topic at once.
 */
public class InvalidEvent extends RuntimeException {

    public InvalidEvent(String message) {
        super(message);
    }
}
