package vn.bluezone.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The PromQL the Grafana dashboards and the alert rules run, and the metric names it reads. */
final class MonitoringQueries {

    static final Path DASHBOARDS = Programs.ROOT.resolve("deploy/grafana/dashboards");
    static final Path RULES = Programs.ROOT.resolve("deploy/prometheus/alerts.yml");

    /** A query of a dashboard panel. */
    record PanelQuery(String panel, String dataSource, String expression) {
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private MonitoringQueries() {
    }

    static List<PanelQuery> dashboardQueries() throws IOException {
        List<PanelQuery> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path dashboard : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                collect(JsonMapper.builder().build().readTree(Files.readString(dashboard)).path("panels"),
                        dashboard.getFileName().toString(), queries);
            }
        }
        return queries;
    }

    private static void collect(JsonNode panels, String dashboard, List<PanelQuery> queries) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), dashboard, queries);
            for (JsonNode target : panel.path("targets")) {
                queries.add(new PanelQuery(dashboard + " › " + panel.path("title").asString(),
                        panel.path("datasource").path("uid").asString(), target.path("expr").asString()));
            }
        }
    }

    /** The {@code expr} of every alerting and recording rule. */
    @SuppressWarnings("unchecked")
    static List<String> ruleExpressions() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add(rule.get("expr").toString());
            }
        }
        return expressions;
    }

    /** Grafana's variables as plain values, so that Prometheus can run a panel's query. */
    static String runnable(String expression) {
        return expression.replaceAll("\\$__\\w+", "5m").replaceAll("\\$\\w+", ".*");
    }

    /** Metric (and recording rule) names an expression reads: not functions, keywords, labels or literals. */
    static Set<String> metricNames(String expression) {
        String bare = runnable(expression)
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")        // string literals
                .replaceAll("\\{[^}]*}", "{}")                       // label matchers
                .replaceAll("\\[[^]]*]", "[]")                       // ranges
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " "); // grouping labels
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            String token = m.group();
            int after = m.end();
            while (after < bare.length() && bare.charAt(after) == ' ') {
                after++;
            }
            boolean function = after < bare.length() && bare.charAt(after) == '(';
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(token.toLowerCase(Locale.ROOT))) {
                names.add(token);
            }
        }
        return names;
    }
}
