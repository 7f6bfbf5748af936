// Checks the Kubernetes manifests without a cluster (DeploymentManifestsTest runs it in ./mvnw verify):
//   node deploy/k8s/check/check.mjs        (after `npm ci` in deploy/k8s/check)
// 1. renders every overlay with `kubectl kustomize`;
// 2. validates every object against its Kubernetes or CRD schema (kubernetes-models validators);
// 3. rejects unknown field names, which those validators let through: every object is type-checked by
//    TypeScript against the same packages' interfaces, whose excess-property check names any field
//    the schema does not have;
// 4. checks the project's own rules (KEDA ↔ Streams, topics ↔ services, selectors, env, probes...).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { PROMETHEUS_RULE, prometheusRule } from "./render-rules.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../../..", import.meta.url));
const OVERLAYS = ["dev", "prod"];
const SERVICES = ["gateway", "upload-service", "matching-service", "notify-service"];
const MODELS = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "kafka.strimzi.io/v1": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1",
  "postgresql.cnpg.io/v1": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1",
  "keda.sh/v1alpha1": "@kubernetes-models/keda/keda.sh/v1alpha1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);
const id = (o) => `${o.kind}/${o.metadata?.name}`;

function render(overlay) {
  const result = spawnSync("kubectl", ["kustomize", `${root}deploy/k8s/overlays/${overlay}`], { encoding: "utf8" });
  if (result.error) {
    console.error("kubectl (with kustomize) is needed to render deploy/k8s: install kubectl ≥ 1.27");
    process.exit(2);
  }
  if (result.status !== 0) {
    problem(overlay, `kubectl kustomize failed: ${result.stderr.trim()}`);
    return [];
  }
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS()).filter(Boolean);
}

async function validateSchemas(overlay, objects) {
  for (const o of objects) {
    const module = MODELS[o.apiVersion];
    if (!module) {
      problem(`${overlay} ${id(o)}`, `no schema known for ${o.apiVersion}`);
      continue;
    }
    try {
      const Model = (await import(`${module}/${o.kind}`))[o.kind];
      new Model(o).validate();
    } catch (e) {
      problem(`${overlay} ${id(o)}`, `schema: ${e.message.split("\n").slice(0, 6).join(" ")}`);
    }
  }
}

/** TypeScript's excess-property check against the packages' interfaces: unknown fields are errors. */
function checkFieldNames(overlay, objects) {
  const dir = `${here}.generated`;
  mkdirSync(dir, { recursive: true });
  const imports = new Map();
  const lines = [];
  const owners = [];
  objects.filter((o) => MODELS[o.apiVersion]).forEach((o, i) => {
    const type = `I${o.kind}_${o.apiVersion.replace(/[^A-Za-z0-9]/g, "_")}`;
    imports.set(type, `import type { I${o.kind} as ${type} } from "${MODELS[o.apiVersion]}/${o.kind}";`);
    const text = `export const o${i}: ${type} = ${JSON.stringify(o, null, 1)};`.split("\n");
    owners.push({ from: lines.length, to: lines.length + text.length, object: o });
    lines.push(...text);
  });
  const header = [...imports.values()];
  const file = `${dir}/${overlay}.ts`;
  writeFileSync(file, [...header, ...lines].join("\n") + "\n");
  const tsc = spawnSync(process.execPath, [`${here}node_modules/typescript/bin/tsc`, "--noEmit", "--strict",
    "--skipLibCheck", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", file],
  { encoding: "utf8", cwd: here });
  for (const line of tsc.stdout.split("\n")) {
    const m = line.match(/\.ts\((\d+),\d+\): error TS\d+: (.*)/);
    if (m) {
      const at = Number(m[1]) - 1 - header.length;
      const owner = owners.find((x) => at >= x.from && at < x.to);
      problem(`${overlay} ${owner ? id(owner.object) : "?"}`, `fields: ${m[2].replace(/ in type '.{80,}$/, "")}`);
    }
  }
  if (tsc.status !== 0 && !problems.some((p) => p.includes("fields:"))) {
    problem(overlay, `tsc failed: ${tsc.stdout}${tsc.stderr}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

// --- the project's own rules -------------------------------------------------------------------

const matches = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) && Object.keys(selector ?? {}).length > 0;

function applicationYaml(service) {
  return readFileSync(`${root}${service}/src/main/resources/application.yml`, "utf8");
}

/** Variables a service cannot run without here: no default, or a default that points at localhost. */
function requiredVariables(service) {
  const required = new Set();
  for (const m of applicationYaml(service).matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::([^}]*))?\}/g)) {
    if (m[2] === undefined || m[2].includes("localhost")) {
      required.add(m[1]);
    }
  }
  return required;
}

function topicConstants() {
  const source = readFileSync(`${root}protocol/src/main/java/vn/bluezone/protocol/events/Topics.java`, "utf8");
  return Object.fromEntries([...source.matchAll(/static final String (\w+) = "(bluezone\.[^"]+)"/g)].map((m) => [m[1], m[2]]));
}

function checkProject(overlay, objects) {
  const of = (kind) => objects.filter((o) => o.kind === kind);
  const where = (o) => `${overlay} ${id(o)}`;
  const deployments = of("Deployment");
  const config = Object.assign({}, ...of("ConfigMap").map((c) => c.data));
  const podLabels = (d) => d.spec.template.metadata.labels;

  // Every service runs, with probes, limits, a disruption budget, spread, and time to shut down.
  for (const service of SERVICES) {
    const d = deployments.find((x) => podLabels(x)["app.kubernetes.io/name"] === service);
    if (!d) {
      problem(overlay, `no Deployment runs ${service}`);
      continue;
    }
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
      if (!c[probe]?.httpGet?.path?.startsWith("/actuator/health/")) problem(where(d), `${probe} is not on an actuator health group`);
    }
    if (!c.resources?.requests?.cpu || !c.resources?.limits?.memory) problem(where(d), "needs a CPU request and a memory limit");
    if (!(pod.terminationGracePeriodSeconds > 35)) problem(where(d), "terminationGracePeriodSeconds must exceed the 30 s shutdown phase plus the 5 s preStop");
    if (!pod.topologySpreadConstraints?.length) problem(where(d), "no topology spread");
    if (!of("PodDisruptionBudget").some((p) => matches(p.spec.selector.matchLabels, podLabels(d)))) problem(where(d), "no PodDisruptionBudget");
    // Every variable the service needs is set, directly or from a ConfigMap of the overlay.
    const set = new Set(c.env?.map((e) => e.name) ?? []);
    for (const source of c.envFrom ?? []) {
      const map = of("ConfigMap").find((m) => m.metadata.name === source.configMapRef?.name);
      if (!map) problem(where(d), `envFrom names a ConfigMap that does not exist: ${JSON.stringify(source)}`);
      Object.keys(map?.data ?? {}).forEach((k) => set.add(k));
    }
    for (const variable of requiredVariables(service)) {
      if (!set.has(variable)) problem(where(d), `${service} needs ${variable}, which is not set`);
    }
    // Secrets are created outside the manifests: each one referenced must be in the runbook.
    const operations = readFileSync(`${root}docs/operations.md`, "utf8");
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && !(operations.includes(`\`${ref.name}\``) && operations.includes(`\`${ref.key}\``))) {
        problem(where(d), `Secret ${ref.name} key ${ref.key} is not described in docs/operations.md`);
      }
    }
  }
  for (const service of ["gateway", "notify-service"]) {
    if (!of("HorizontalPodAutoscaler").some((h) => h.spec.scaleTargetRef.name === service)) problem(overlay, `no HPA scales ${service}`);
  }

  // Services select pods, monitors select Services (by an existing port name).
  for (const s of of("Service")) {
    const d = deployments.find((x) => matches(s.spec.selector, podLabels(x)));
    if (!d) {
      problem(where(s), "selects no Deployment's pods");
      continue;
    }
    const names = d.spec.template.spec.containers.flatMap((c) => c.ports ?? []).map((p) => p.name);
    for (const p of s.spec.ports) {
      if (typeof p.targetPort === "string" && !names.includes(p.targetPort)) problem(where(s), `targetPort ${p.targetPort} is no container port`);
    }
  }
  for (const m of of("ServiceMonitor")) {
    const s = of("Service").find((x) => matches(m.spec.selector.matchLabels, x.metadata.labels));
    if (!s) problem(where(m), "selects no Service");
    for (const e of m.spec.endpoints) {
      if (s && !s.spec.ports.some((p) => p.name === e.port)) problem(where(m), `Service ${s.metadata.name} has no port ${e.port}`);
    }
  }
  for (const m of of("PodMonitor")) {
    const d = deployments.find((x) => matches(m.spec.selector.matchLabels, podLabels(x)));
    if (!d) problem(where(m), "selects no Deployment's pods");
    for (const e of m.spec.podMetricsEndpoints) {
      if (d && !d.spec.template.spec.containers.some((c) => c.ports?.some((p) => p.name === e.port))) problem(where(m), `no container port ${e.port}`);
    }
  }

  // Topics: every one of the protocol's, with the layout the services would create it with.
  const topics = of("KafkaTopic");
  const byName = (name) => topics.find((t) => t.spec.topicName === name);
  const partitions = Number(config.BLUEZONE_TOPIC_PARTITIONS);
  const replicas = Number(config.BLUEZONE_TOPIC_REPLICAS);
  const constants = topicConstants();
  for (const [constant, name] of Object.entries(constants)) {
    const t = byName(name);
    if (!t) {
      problem(overlay, `no KafkaTopic for ${constant} (${name})`);
      continue;
    }
    if (t.spec.partitions !== partitions) problem(where(t), `${t.spec.partitions} partitions, the services create ${partitions} (BLUEZONE_TOPIC_PARTITIONS)`);
    if (!byName(`${name}.dlt`)) problem(overlay, `no KafkaTopic for the dead letters of ${name}`);
  }
  for (const t of topics) {
    const base = t.spec.topicName.replace(/\.dlt$/, "");
    if (!Object.values(constants).includes(base)) problem(where(t), `${t.spec.topicName} is no topic of protocol's Topics`);
    if (t.spec.replicas !== replicas) problem(where(t), `${t.spec.replicas} replicas, BLUEZONE_TOPIC_REPLICAS is ${replicas}`);
    const isr = Math.max(1, Math.min(2, t.spec.replicas - 1));
    if (Number(t.spec.config?.["min.insync.replicas"]) !== isr) problem(where(t), `min.insync.replicas must be ${isr} for ${t.spec.replicas} replicas (as Topics.definition sets it)`);
    if (!t.spec.config?.["retention.ms"]) problem(where(t), "no retention.ms");
  }

  // KEDA scales the Streams application on the sightings' lag, within the partitions, never to zero.
  const matching = applicationYaml("matching-service");
  const streamsDefault = matching.match(/application-id: \$\{BLUEZONE_MATCHING_APPLICATION_ID:([^}]+)\}/)?.[1];
  const matchingPod = deployments.find((x) => podLabels(x)["app.kubernetes.io/name"] === "matching-service");
  const applicationId = matchingPod?.spec.template.spec.containers[0].env?.find((e) => e.name === "BLUEZONE_MATCHING_APPLICATION_ID")?.value ?? streamsDefault;
  const scaled = of("ScaledObject").filter((s) => s.spec.scaleTargetRef.name === "matching-service");
  if (scaled.length !== 1) problem(overlay, "the matching-service needs exactly one ScaledObject");
  for (const s of scaled) {
    const kafka = s.spec.triggers.find((t) => t.type === "kafka");
    if (!kafka) {
      problem(where(s), "no kafka trigger");
      continue;
    }
    if (kafka.metadata.consumerGroup !== applicationId) problem(where(s), `consumerGroup ${kafka.metadata.consumerGroup} is not the Streams application id ${applicationId}`);
    if (kafka.metadata.topic !== constants.SIGHTINGS) problem(where(s), `topic ${kafka.metadata.topic} is not the sightings topic ${constants.SIGHTINGS}`);
    const topic = byName(kafka.metadata.topic);
    if (topic && s.spec.maxReplicaCount > topic.spec.partitions) problem(where(s), `maxReplicaCount ${s.spec.maxReplicaCount} exceeds the ${topic.spec.partitions} partitions`);
    if (!(s.spec.minReplicaCount >= 1)) problem(where(s), "must never scale to zero");
    if (!kafka.metadata.bootstrapServers?.split(",").includes(config.KAFKA_BOOTSTRAP_SERVERS)) problem(where(s), "bootstrapServers differ from the services' KAFKA_BOOTSTRAP_SERVERS");
  }

  // Only the gateway takes connections from anywhere.
  for (const n of of("NetworkPolicy")) {
    for (const rule of n.spec.ingress ?? []) {
      if (!rule.from?.length && !matches(n.spec.podSelector.matchLabels, { "app.kubernetes.io/name": "gateway" })) {
        problem(where(n), "admits traffic from anywhere to pods other than the gateway's");
      }
    }
  }

  // The PrometheusRule is deploy/prometheus/alerts.yml, the file promtool tests.
  const rules = of("PrometheusRule");
  if (rules.length !== 1 || !isDeepStrictEqual(rules[0].spec, prometheusRule().spec)) {
    problem(overlay, `${PROMETHEUS_RULE} differs from deploy/prometheus/alerts.yml: run node deploy/k8s/check/render-rules.mjs`);
  }
}

for (const overlay of OVERLAYS) {
  const objects = render(overlay);
  await validateSchemas(overlay, objects);
  checkFieldNames(overlay, objects);
  checkProject(overlay, objects);
  console.log(`${overlay}: ${objects.length} objects checked`);
}
if (problems.length) {
  console.error(problems.map((p) => `PROBLEM ${p}`).join("\n"));
  process.exit(1);
}
console.log("deploy/k8s: all overlays valid");
