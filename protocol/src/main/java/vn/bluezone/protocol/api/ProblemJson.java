package vn.bluezone.protocol.api;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RFC 9457 body ({@code application/problem+json}) that the gateway and the services write
 * themselves, outside Spring's controller error handling: one shape everywhere.
 */
public final class ProblemJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemJson() {
    }

    public static byte[] of(int status, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", instance);
        return JSON.writeValueAsBytes(problem);
    }
}
