// Writes deploy/k8s/base/prometheus-rule.yaml from deploy/prometheus/alerts.yml, the one source of the
// alert rules (promtool checks and unit-tests that file). check.mjs fails when the two differ.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

const root = fileURLToPath(new URL("../../..", import.meta.url));
export const RULES = `${root}deploy/prometheus/alerts.yml`;
export const PROMETHEUS_RULE = `${root}deploy/k8s/base/prometheus-rule.yaml`;

export function prometheusRule() {
  const { groups } = parse(readFileSync(RULES, "utf8"));
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: "bluezone", labels: { "app.kubernetes.io/part-of": "bluezone" } },
    spec: { groups },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(PROMETHEUS_RULE, "# Generated from deploy/prometheus/alerts.yml by `node deploy/k8s/check/render-rules.mjs`: edit that file.\n"
    + stringify(prometheusRule(), { lineWidth: 0 }));
  console.log(`wrote ${PROMETHEUS_RULE}`);
}
