package vn.bluezone.notify.push;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-address answers a test provider gives, in order; after them, success. */
final class ScriptedReplies {

    /** An answer: HTTP status, provider reason (or null), Retry-After seconds (or null), delay before answering. */
    record Reply(int status, String reason, Integer retryAfterSeconds, Duration delay) {

        static Reply status(int status, String reason) {
            return new Reply(status, reason, null, Duration.ZERO);
        }

        Reply retryAfter(int seconds) {
            return new Reply(status, reason, seconds, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, reason, retryAfterSeconds, wait);
        }
    }

    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Reply success;

    ScriptedReplies(int successStatus) {
        this.success = Reply.status(successStatus, null);
    }

    void script(String address, Reply... replies) {
        scripts.put(address, new ArrayDeque<>(List.of(replies)));
    }

    Reply next(String address) {
        Deque<Reply> script = scripts.get(address);
        Reply reply = script == null ? null : script.poll();
        return reply == null ? success : reply;
    }
}
