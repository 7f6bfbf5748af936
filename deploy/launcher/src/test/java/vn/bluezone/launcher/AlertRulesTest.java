package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules, checked and unit-tested by Prometheus's own promtool (Debian package
 * {@code prometheus}; `.ci/run` installs it).
 */
class AlertRulesTest {

    private static final Path RULES = Programs.ROOT.resolve("deploy/prometheus");

    @Test
    void alertRulesAreValidAndFireOnlyInTheirUnitTestsScenarios() throws Exception {
        Programs.require("promtool", "apt-get install prometheus");
        assertThat(Programs.succeed(RULES, 60, "promtool", "check", "rules", "alerts.yml")).contains("SUCCESS");
        assertThat(Programs.succeed(RULES, 120, "promtool", "test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void theComposeScrapeConfigurationIsValidAndLoadsTheRules() throws Exception {
        Programs.require("promtool", "apt-get install prometheus");
        assertThat(Programs.succeed(RULES, 60, "promtool", "check", "config", "prometheus.yml"))
                .contains("SUCCESS").contains("alerts.yml");
    }

    @Test
    void everyAlertHasASeverityAndARunbookThatExistsInTheOperationsGuide() throws Exception {
        String rules = Files.readString(RULES.resolve("alerts.yml"));
        List<String> headings = Files.readAllLines(Programs.ROOT.resolve("docs/operations.md")).stream()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+ ", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                .toList();
        List<String> alerts = Pattern.compile("- alert: (\\w+)").matcher(rules).results().map(m -> m.group(1)).toList();
        List<String> runbooks = Pattern.compile("runbook: \"docs/operations.md#([a-z0-9-]+)\"").matcher(rules).results()
                .map(m -> m.group(1)).toList();
        assertThat(alerts).hasSize(9);
        assertThat(runbooks).hasSameSizeAs(alerts);
        assertThat(headings).containsAll(runbooks);
        assertThat(Pattern.compile("severity: (page|ticket)").matcher(rules).results().count()).isEqualTo(alerts.size());
    }
}
