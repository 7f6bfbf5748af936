package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operators deploy, checked without a Docker engine or a cluster: the compose file, the Kubernetes
 * overlays (schemas, field names, the project's rules: deploy/k8s/check/check.mjs), the Grafana
 * dashboards' queries, and the service images' Dockerfiles and layers.
 */
class DeploymentManifestsTest {

    private static final List<String> SERVICES = List.of("gateway", "upload-service", "matching-service", "notify-service");
    private static final Path CHECK = Programs.ROOT.resolve("deploy/k8s/check");

    @Test
    void bothKubernetesOverlaysRenderAndEveryObjectMatchesItsSchemaFieldNamesAndTheProjectsRules() throws Exception {
        Programs.require("kubectl", "kubectl with kustomize, ≥ 1.27");
        Programs.require("node", "Node.js ≥ 20 and npm");
        if (!Files.isDirectory(CHECK.resolve("node_modules"))) {
            Programs.succeed(CHECK, 600, "npm", "ci", "--no-audit", "--no-fund");
        }
        String output = Programs.succeed(CHECK, 300, "node", "check.mjs");
        assertThat(output).contains("dev: ", "prod: ", "deploy/k8s: all overlays valid");
    }

    @Test
    void theComposeFileIsValidWithTheSecretsTheReadmeCreatesAndRefusesToStartWithoutThem(@TempDir Path dir) throws Exception {
        Programs.require("docker-compose", "apt-get install docker-compose");
        String keys = ServiceKeys.load(null, name -> null).asEnvFile();
        Path complete = Files.writeString(dir.resolve("complete.env"), keys
                + "BLUEZONE_BOOTSTRAP_OFFICIAL_PASSWORD=a-long-password\nGRAFANA_ADMIN_PASSWORD=another-password\n");
        Programs.succeed(Programs.ROOT, 60, "docker-compose", "--env-file", complete.toString(), "-f", "docker-compose.yml", "config", "-q");
        String rendered = Programs.succeed(Programs.ROOT, 60, "docker-compose", "--env-file", complete.toString(),
                "-f", "docker-compose.yml", "config");
        assertThat(rendered).contains("replicas: 2", "condition: service_healthy");

        Path withoutGrafana = Files.writeString(dir.resolve("partial.env"), keys + "BLUEZONE_BOOTSTRAP_OFFICIAL_PASSWORD=a-long-password\n");
        Programs.Result refused = Programs.run(Programs.ROOT, 60, "docker-compose", "--env-file", withoutGrafana.toString(),
                "-f", "docker-compose.yml", "config", "-q");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("GRAFANA_ADMIN_PASSWORD");
    }

    @Test
    void everyDashboardQueryIsValidPromQlOnTheProvisionedDataSource(@TempDir Path dir) throws Exception {
        Programs.require("promtool", "apt-get install prometheus");
        String provisioned = Files.readString(Programs.ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
        Matcher uid = Pattern.compile("uid: (\\S+)").matcher(provisioned);
        assertThat(uid.find()).isTrue();
        List<MonitoringQueries.PanelQuery> queries = MonitoringQueries.dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(30).allSatisfy(query -> {
            assertThat(query.dataSource()).as(query.panel()).isEqualTo(uid.group(1));
            assertThat(query.expression()).as(query.panel()).isNotBlank();
        });
        // promtool parses each query as a recording rule's expression.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query_").append(i).append("\n        expr: '")
                    .append(MonitoringQueries.runnable(queries.get(i).expression()).replace("'", "''").replace("\n", " "))
                    .append("'\n");
        }
        Files.writeString(dir.resolve("dashboards.yml"), rules.toString(), StandardCharsets.UTF_8);
        assertThat(Programs.succeed(dir, 60, "promtool", "check", "rules", "dashboards.yml"))
                .contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void everyServiceImageIsMultiStageLayeredNonRootAndHealthChecked(@TempDir Path dir) throws Exception {
        for (String service : SERVICES) {
            String dockerfile = Files.readString(Programs.ROOT.resolve(service).resolve("Dockerfile"));
            assertThat(dockerfile).as(service)
                    .contains("FROM eclipse-temurin:17-jdk AS build", "FROM eclipse-temurin:17-jre", "-Djarmode=tools",
                            "extract --layers", "USER 10001:10001", "HEALTHCHECK", "/actuator/health/readiness",
                            "-XX:MaxRAMPercentage", "-pl " + service + " ", "/app.jar extract", "\"-jar\", \"app.jar\"");
            assertThat(dockerfile.lines().filter(line -> line.startsWith("FROM ")).count()).as(service).isEqualTo(2);
            // The final stage copies the layers only: no Maven, no sources.
            String runStage = dockerfile.substring(dockerfile.lastIndexOf("FROM "));
            assertThat(runStage).as(service).doesNotContain("mvnw", "COPY . .");

            // The layers the Dockerfile copies are what the jar's tools mode extracts.
            Path jar;
            try (Stream<Path> built = Files.list(Programs.ROOT.resolve(service).resolve("target"))) {
                jar = built.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
            }
            Path layers = dir.resolve(service);
            Path appJar = Files.copy(jar, Files.createDirectories(dir.resolve(service + "-build")).resolve("app.jar"));
            Programs.succeed(dir, 120, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", appJar.toString(), "extract", "--layers", "--destination", layers.toString());
            for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
                assertThat(dockerfile).contains("COPY --from=build /layers/" + layer + "/ ./");
                assertThat(layers.resolve(layer)).isDirectory();
            }
            assertThat(layers.resolve("application/app.jar")).isRegularFile();
        }
    }
}
