package vn.bluezone.protocol.logging;

import java.util.ArrayList;
import java.util.List;

/**
 * What a log line may say about a failure caused by data: the exception classes, not their messages.
 * A parser's message quotes the input it choked on, and that input can hold device ids, RPIs or
 * keys; the full failure travels with the dead letter (on Kafka, with its retention), not in a log.
 */
public final class SafeLog {

    private SafeLog() {
    }

    /** E.g. {@code "ListenerExecutionFailedException <- SerializationException <- JsonParseException"}. */
    public static String causes(Throwable failure) {
        List<String> names = new ArrayList<>();
        for (Throwable cause = failure; cause != null && names.size() < 8; cause = cause.getCause() == cause ? null : cause.getCause()) {
            names.add(cause.getClass().getSimpleName());
        }
        return String.join(" <- ", names);
    }
}
