package vn.bluezone.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the gateway the way a phone or the officials' portal does: JSON over HTTP with a bearer token. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Status, content type and parsed body of one answer. */
    record Answer(int status, String contentType, String etag, String retryAfter, JsonNode body) {

        <T> T as(Class<T> type) {
            return JSON.treeToValue(body, type);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;

    ApiClient(String gateway) {
        this.gateway = gateway;
    }

    Answer post(String path, String token, Object body) {
        String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String token, Object body) {
        String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer getIfNoneMatch(String path, String token, String etag) {
        return send(request(path, token).header("If-None-Match", etag).GET());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null),
                    body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException("Gateway unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
