package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.bluezone.testsupport.FreePorts;

/**
 * A real Prometheus (Debian's package) scraping given targets every second and evaluating the project's
 * alert rules, queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final URI api;

    private PrometheusServer(Process process, URI api) {
        this.process = process;
        this.api = api;
    }

    /** @param targets job name → host:port of its /actuator/prometheus */
    static PrometheusServer scraping(Map<String, String> targets, Path dir) throws Exception {
        StringBuilder config = new StringBuilder("global: { scrape_interval: 1s, evaluation_interval: 1s }\n")
                .append("rule_files: [ \"").append(MonitoringQueries.RULES).append("\" ]\nscrape_configs:\n");
        targets.forEach((job, address) -> config.append("  - job_name: ").append(job)
                .append("\n    metrics_path: /actuator/prometheus\n    static_configs: [ { targets: [ \"")
                .append(address).append("\" ] } ]\n"));
        Path file = Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = FreePorts.pick();
        Process process = new ProcessBuilder("prometheus", "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            assertThat(process.isAlive()).as("prometheus is running").isTrue();
            try {
                if (HTTP.send(HttpRequest.newBuilder(api.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(Instant.now()).as("prometheus ready within a minute").isBefore(deadline);
            Thread.sleep(250);
        }
    }

    /** {@code GET /api/v1/<path>}'s {@code data}. */
    JsonNode api(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve("/api/v1/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    /** The instant vector of a query. */
    JsonNode query(String promql) throws Exception {
        return api("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
