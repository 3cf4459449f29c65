import 'reflect-metadata';
import { PATH_METADATA } from '@nestjs/common/constants';
import { MpConfig } from '@wb/common/catalogue/mp-config';
import { AppName, CONFIG_VARS, ConfigVar, isSecret, readBy } from '@wb/common/config/config-vars';
// Not `@wb/common/health`, whose index loads terminus, an ES module Jest cannot load.
import { HealthProbesController } from '@wb/common/health/health-probes.controller';
import { RUN_QUEUES, Toolchain, TOOLCHAIN_SPECS, TOOLCHAINS } from '@wb/common/toolchains/toolchain-specs';
import { plainToInstance } from 'class-transformer';
import { Model } from '@kubernetes-models/base';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT } from '../support/processes';

/**
 * The Kubernetes manifests (deploy/k8s): every overlay renders with kubectl's kustomize; every
 * object passes its kind's OpenAPI schema offline (kubernetes-models, and KEDA's kinds from
 * @kubernetes-models/keda) and carries no field the schema does not know; and the manifests say
 * what the apps read and do: each app's variables and secrets from libs/common's config schema,
 * the images and commands docker-compose.yml runs, the health routes, the worker's stop
 * deadline against the labs' limits, the queues' keys in Redis, the GPU resources.
 */

const K8S = join(ROOT, 'deploy', 'k8s');
const OVERLAYS = readdirSync(join(K8S, 'overlays')).sort();
const GPU_OVERLAYS = ['gpu', 'gpu-mig', 'gpu-autoscaled'];
const AUTOSCALED_OVERLAYS = ['autoscaled', 'gpu-autoscaled'];

/** apps/gpu-worker/src/api/worker-shutdown.ts: after its deadline a stopping worker takes this long to close. */
const WORKER_CLOSE_GRACE_MS = 10_000;
/** …and the deadline it takes by default: the longest job plus this. */
const WORKER_REPORT_MARGIN_MS = 15_000;
/** The variable that names the one port each app serves. */
const PORT_VARIABLE: Record<AppName, ConfigVar> = {
  gateway: 'GATEWAY_PORT',
  worker: 'WORKER_PORT',
  grader: 'METRICS_PORT',
  notifier: 'METRICS_PORT',
};
/** Each worker pod's sandbox uids start this far above its StatefulSet's first (cpu-worker.yaml). */
const UID_RANGE_PER_POD = 1000;

/** The models whose validate() checks an object against its kind's schema, by apiVersion/kind. */
const MODELS: Record<string, new (data: any) => Model<any>> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [k: string]: any;
};

/** A container of a workload, with what its app is and the environment it gets. */
interface AppContainer {
  overlay: string;
  workload: K8sObject;
  pod: any;
  container: any;
  app: AppName;
  /** Effective plain values: the ConfigMaps it loads, then its own `env` values (which win). */
  values: Record<string, string>;
  /** Its `env` entries that come from a Secret, by variable name. */
  secretRefs: Record<string, { name: string; key: string }>;
}

let rendered: Map<string, K8sObject[]>;

function kubectl(args: string[]): string {
  const result = spawnSync('kubectl', args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      'kubectl is not installed: these tests render deploy/k8s with `kubectl kustomize` (kubectl with kustomize v5). Install kubectl and run them again.',
    );
  }
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Renders every overlay from a copy of deploy/k8s whose secrets files are their examples, as an operator's would be. */
function renderOverlays(): Map<string, K8sObject[]> {
  const copy = mkdtempSync(join(tmpdir(), 'wb-k8s-'));
  try {
    cpSync(K8S, copy, { recursive: true });
    for (const example of findFiles(copy, (name) => name.endsWith('secrets.env.example'))) {
      renameSync(example, example.slice(0, -'.example'.length));
    }
    const result = new Map<string, K8sObject[]>();
    for (const overlay of OVERLAYS) {
      const docs = parseAllDocuments(kubectl(['kustomize', join(copy, 'overlays', overlay)]));
      for (const doc of docs) if (doc.errors.length > 0) throw new Error(`${overlay}: ${doc.errors[0].message}`);
      result.set(
        overlay,
        docs.map((d) => d.toJS() as K8sObject),
      );
    }
    return result;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function findFiles(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? findFiles(join(dir, e.name), match) : match(e.name) ? [join(dir, e.name)] : [],
  );
}

function objects(overlay: string, kind?: string): K8sObject[] {
  const all = rendered.get(overlay);
  if (!all) throw new Error(`no overlay ${overlay}`);
  return kind ? all.filter((o) => o.kind === kind) : all;
}

function find(overlay: string, kind: string, name: string): K8sObject {
  const found = objects(overlay, kind).find((o) => o.metadata.name === name);
  if (!found) throw new Error(`${overlay}: no ${kind} ${name}`);
  return found;
}

const workloads = (overlay: string) => [...objects(overlay, 'Deployment'), ...objects(overlay, 'StatefulSet')];
const workers = (overlay: string) =>
  objects(overlay, 'StatefulSet').filter((w) => w.metadata.labels?.['app.kubernetes.io/component'] === 'worker');

/** The app a container runs, from the entry point in its command (dist/apps/<app>/apps/<app>/src/main.js). */
function appOf(container: any): AppName {
  const entry = /dist\/apps\/([\w-]+)\/apps\/\1\/src\/main\.js/.exec(container.command.join(' '));
  if (!entry) throw new Error(`container ${container.name} runs no app's main.js: ${container.command.join(' ')}`);
  return entry[1] === 'gpu-worker' ? 'worker' : (entry[1] as AppName);
}

function appContainers(overlay: string): AppContainer[] {
  return workloads(overlay).flatMap((workload) => {
    const pod = workload.spec.template.spec;
    return pod.containers.map((container: any): AppContainer => {
      const values: Record<string, string> = {};
      for (const source of container.envFrom ?? []) {
        Object.assign(values, find(overlay, 'ConfigMap', source.configMapRef.name).data);
      }
      const secretRefs: AppContainer['secretRefs'] = {};
      for (const entry of container.env ?? []) {
        if (entry.valueFrom?.secretKeyRef) secretRefs[entry.name] = entry.valueFrom.secretKeyRef;
        else if (entry.value !== undefined) values[entry.name] = entry.value;
      }
      return { overlay, workload, pod, container, app: appOf(container), values, secretRefs };
    });
  });
}

/**
 * The keys of the object that its kind's validator never looked at: fields the schema does not
 * know. The validators kubernetes-models compiles read each property they know by name and walk
 * every key of a map, so a key nobody read is one the schema lacks (the API server would refuse
 * it, or drop it).
 */
function unknownFields(model: Model<any>): string[] {
  const reads = new Map<string, { value: object; read: Set<string> }>();
  const watch = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const read = new Set<string>();
    reads.set(path, { value, read });
    return new Proxy(value, {
      get(target, key, receiver) {
        const found = Reflect.get(target, key, receiver);
        if (typeof key !== 'string' || !Object.hasOwn(target, key)) return found;
        read.add(key);
        return watch(found, `${path}/${key}`);
      },
    });
  };
  model.validate.call(watch(model, ''));
  return [...reads].flatMap(([path, { value, read }]) =>
    Array.isArray(value)
      ? []
      : Object.keys(value)
          .filter((k) => !read.has(k))
          .map((k) => `${path}/${k}`),
  );
}

/** The schema's check of one object, as the API server would see it. */
function schemaCheck(object: K8sObject): { errors: string | null; unknown: string[] } {
  const Kind = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Kind) return { errors: `no schema known for ${object.apiVersion} ${object.kind}`, unknown: [] };
  // kubectl wraps long base64 values over lines; the API server's decoder skips the newlines.
  const data = object.kind === 'Secret' ? { ...object, data: mapValues(object.data ?? {}, (v) => String(v).replace(/\s/g, '')) } : object;
  const model = new Kind(data);
  try {
    model.validate();
  } catch (err) {
    return { errors: (err as Error).message, unknown: [] };
  }
  return { errors: null, unknown: unknownFields(model) };
}

/** A CPU quantity ("2", "500m") in cores. */
function cpuCores(quantity: string | number): number {
  const text = String(quantity);
  return text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
}

function mapValues<K extends string, T, U>(record: Record<K, T>, f: (v: T, k: K) => U): Record<K, U> {
  return Object.fromEntries(Object.entries<T>(record).map(([k, v]) => [k, f(v, k as K)])) as Record<K, U>;
}

function envFileKeys(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Za-z_]/.test(line))
    .map((line) => line.slice(0, line.indexOf('=')));
}

/** The toolchains a worker serves: WORKER_TOOLCHAINS' words, `cpu` and `gpu` standing for every toolchain of that kind. */
function servedToolchains(workerToolchains: string): Toolchain[] {
  return TOOLCHAINS.filter((t) => workerToolchains.split(',').some((word) => word === t || word === TOOLCHAIN_SPECS[t].device));
}

/** The longest job a worker may run, over every lab in mps/: apps/gpu-worker/src/labs/worker-labs.service.ts. */
function longestJobMs(): number {
  const labs = readdirSync(join(ROOT, 'mps')).filter((slug) => !slug.startsWith('_') && existsSync(join(ROOT, 'mps', slug, 'mp.yaml')));
  expect(labs.length).toBeGreaterThan(0);
  return Math.max(
    ...labs.map((slug) => {
      const config = plainToInstance(MpConfig, parse(readFileSync(join(ROOT, 'mps', slug, 'mp.yaml'), 'utf8')), {
        exposeDefaultValues: true,
      });
      return (config.limits.compile_s + config.limits.run_s * config.datasets.length) * 1000;
    }),
  );
}

describe('the Kubernetes manifests (deploy/k8s)', () => {
  beforeAll(() => {
    rendered = renderOverlays();
  });

  it('has the overlays its README names, each rendering', () => {
    expect(OVERLAYS).toEqual(expect.arrayContaining(['cpu', 'gpu', 'gpu-mig', 'autoscaled', 'gpu-autoscaled']));
    for (const overlay of OVERLAYS) expect(objects(overlay).length).toBeGreaterThan(0);
  });

  it('passes every object through its kind schema, with no field the schema does not know', () => {
    const problems: string[] = [];
    for (const overlay of OVERLAYS) {
      for (const object of objects(overlay)) {
        const { errors, unknown } = schemaCheck(object);
        const where = `${overlay}: ${object.kind} ${object.metadata.name}`;
        if (errors) problems.push(`${where}: ${errors}`);
        for (const field of unknown) problems.push(`${where}: unknown field ${field}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('would see a misspelt field and a wrong type', () => {
    const gateway = structuredClone(find('cpu', 'Deployment', 'wb-gateway'));
    gateway.spec.template.spec.terminationGracePeriod = 30;
    expect(schemaCheck(gateway).unknown).toEqual(['/spec/template/spec/terminationGracePeriod']);
    gateway.spec.replicas = 'two';
    expect(schemaCheck(gateway).errors).toContain('must be integer');
  });

  it('runs the images and commands that docker-compose.yml runs for each app', () => {
    const compose = parse(readFileSync(join(ROOT, 'deploy', 'docker-compose.yml'), 'utf8'), { merge: true });
    for (const overlay of OVERLAYS) {
      for (const { workload, container } of appContainers(overlay)) {
        const service = compose.services[workload.metadata.name.replace(/^wb-/, '')];
        expect(service).toBeDefined();
        const image = (ref: string) => ref.replace(/:[^/]*$/, '');
        expect(image(container.image)).toBe(image(service.image));
        // The workers' command is a shell that gives each pod its sandbox uids, then runs the image's own.
        const imageCommand = service.command ?? dockerfileCommand(service.build.dockerfile);
        if (container.command[0] === '/bin/sh')
          expect(container.command[2]).toMatch(new RegExp(`&& exec ${escape(imageCommand.join(' '))}$`));
        else expect(container.command).toEqual(imageCommand);
      }
    }
  });

  it('gives each app exactly the secrets it reads, and only settings the apps read', () => {
    const allSecrets = (Object.keys(CONFIG_VARS) as ConfigVar[]).filter(isSecret).sort();
    expect(envFileKeys(join(K8S, 'base', 'secrets.env.example')).sort()).toEqual(allSecrets);
    for (const overlay of OVERLAYS) {
      for (const c of appContainers(overlay)) {
        const where = `${overlay}: ${c.container.name} of ${c.workload.metadata.name}`;
        const expected = allSecrets.filter((v) => readBy(v, c.app));
        expect({ where, secrets: Object.keys(c.secretRefs).sort() }).toEqual({ where, secrets: expected });
        for (const [name, ref] of Object.entries(c.secretRefs)) {
          expect({ where, name, key: ref.key }).toEqual({ where, name, key: name });
          expect(find(overlay, 'Secret', ref.name).data).toHaveProperty(ref.key);
        }
        // A plain value is a setting this app reads, or a helper another of its values names as $(NAME).
        const plain = (c.container.env ?? []).filter((e: any) => !e.valueFrom?.secretKeyRef).map((e: any) => e.name);
        const referenced = (name: string) => Object.values(c.values).some((v) => v.includes(`$(${name})`));
        for (const name of plain) {
          const known = Object.hasOwn(CONFIG_VARS, name) && readBy(name as ConfigVar, c.app) && !isSecret(name);
          expect({ where, name, known: known || referenced(name) }).toEqual({ where, name, known: true });
        }
      }
      for (const configMap of objects(overlay, 'ConfigMap')) {
        const readers = appContainers(overlay).filter((c) =>
          (c.container.envFrom ?? []).some((s: any) => s.configMapRef.name === configMap.metadata.name),
        );
        expect(readers.length).toBeGreaterThan(0);
        for (const name of Object.keys(configMap.data)) {
          const where = `${overlay}: ${configMap.metadata.name}: ${name}`;
          const readSomewhere = Object.hasOwn(CONFIG_VARS, name) && readers.some((c) => readBy(name as ConfigVar, c.app));
          expect({ where, readSomewhere, secret: isSecret(name) }).toEqual({ where, readSomewhere: true, secret: false });
        }
      }
    }
  });

  it('agrees with itself on ports, addresses, the Redis prefix, the work folder and the cores', () => {
    for (const overlay of OVERLAYS) {
      const gatewayService = find(overlay, 'Service', 'wb-gateway');
      const gatewayPort = gatewayService.spec.ports[0].port;
      const containers = appContainers(overlay);
      const prefixes = new Set(containers.map((c) => c.values.REDIS_PREFIX));
      expect(prefixes.size).toBe(1);
      for (const c of containers) {
        const ports = (c.container.ports ?? []).map((p: any) => p.containerPort);
        // The one port it serves (HTTP, the health probes, /metrics), as its app reads it.
        expect(readBy(PORT_VARIABLE[c.app], c.app)).toBe(true);
        expect({ app: c.app, ports }).toEqual({ app: c.app, ports: [Number(c.values[PORT_VARIABLE[c.app]])] });
        // Node counts a node's cores, not a container's CPU limit: the process and slot counts are set to the limit.
        const cores = cpuCores(c.container.resources.limits.cpu);
        if (c.app === 'gateway') expect(Number(c.values.GATEWAY_PROCESSES)).toBe(cores);
        if (c.app !== 'worker') continue;
        expect(Number(c.values.WORKER_CONCURRENCY) * servedToolchains(c.values.WORKER_TOOLCHAINS).length).toBeLessThanOrEqual(cores);
        expect(c.values.WORKER_URL).toBe(`http://$(POD_IP):${c.values.WORKER_PORT}`);
        expect(c.values.GATEWAY_URL).toBe(`http://${gatewayService.metadata.name}:${gatewayPort}`);
        expect(c.container.volumeMounts.map((m: any) => m.mountPath)).toContain(c.values.WORKER_WORK_DIR);
        // Each pod's name, whose ordinal places its sandbox uids.
        expect(c.container.env.find((e: any) => e.name === 'WORKER_NAME').valueFrom.fieldRef.fieldPath).toBe('metadata.name');
      }
    }
  });

  it('probes every app on its health routes, on the port it serves them', () => {
    // The routes as the apps define them: Nest's controller (gateway, worker), which the grader's and notifier's own server mirrors.
    const route = (method: 'live' | 'ready') =>
      `/${Reflect.getMetadata(PATH_METADATA, HealthProbesController)}/${Reflect.getMetadata(PATH_METADATA, HealthProbesController.prototype[method])}`;
    const metricsServer = readFileSync(join(ROOT, 'libs', 'common', 'src', 'metrics', 'metrics-server.ts'), 'utf8');
    for (const method of ['live', 'ready'] as const) expect(metricsServer).toContain(`'${route(method)}'`);
    // …and each app has them: on its Nest server, or (no routes there) on its own METRICS_PORT server.
    const source = (path: string) => readFileSync(join(ROOT, 'apps', path), 'utf8');
    expect(source('gateway/src/health/health.module.ts')).toContain('HealthProbesModule.forApp({ routes: true })');
    expect(source('gpu-worker/src/worker.module.ts')).toContain('HealthProbesModule.forApp({ routes: true })');
    for (const app of ['grader', 'notifier']) {
      expect(source(`${app}/src/${app}.module.ts`)).toContain('HealthProbesModule.forApp({ routes: false })');
      expect(source(`${app}/src/${app}.module.ts`)).toContain(`MetricsModule.ownServer('${app}')`);
    }
    const expected = { startupProbe: route('live'), livenessProbe: route('live'), readinessProbe: route('ready') };
    for (const overlay of OVERLAYS) {
      for (const c of appContainers(overlay)) {
        const where = `${overlay}: ${c.workload.metadata.name}`;
        const [port] = c.container.ports;
        const probes = mapValues(expected, (_, probe) => ({
          path: c.container[probe]?.httpGet?.path,
          port: c.container[probe]?.httpGet?.port,
        }));
        expect({ where, probes }).toEqual({ where, probes: mapValues(expected, (path) => ({ path, port: port.name })) });
      }
    }
  });

  it('gives every container CPU and memory requests and limits', () => {
    for (const overlay of OVERLAYS) {
      for (const { workload, container } of appContainers(overlay)) {
        const where = `${overlay}: ${workload.metadata.name}`;
        const { requests, limits } = container.resources ?? {};
        expect({ where, requests: Object.keys(requests ?? {}) }).toEqual({ where, requests: expect.arrayContaining(['cpu', 'memory']) });
        expect({ where, limits: Object.keys(limits ?? {}) }).toEqual({ where, limits: expect.arrayContaining(['cpu', 'memory']) });
      }
    }
  });

  it('keeps two gateways and lets a drain take one gateway and one worker of each kind at a time', () => {
    for (const overlay of OVERLAYS) {
      expect(find(overlay, 'Deployment', 'wb-gateway').spec.replicas).toBeGreaterThanOrEqual(2);
      for (const workload of [find(overlay, 'Deployment', 'wb-gateway'), ...workers(overlay)]) {
        const budgets = objects(overlay, 'PodDisruptionBudget').filter(
          (pdb) => JSON.stringify(pdb.spec.selector.matchLabels) === JSON.stringify(workload.spec.selector.matchLabels),
        );
        expect({ workload: workload.metadata.name, maxUnavailable: budgets.map((b) => b.spec.maxUnavailable) }).toEqual({
          workload: workload.metadata.name,
          maxUnavailable: [1],
        });
      }
    }
  });

  it('lets a stopping worker finish the longest lab job and close before Kubernetes kills it', () => {
    const longestMs = longestJobMs();
    for (const overlay of OVERLAYS) {
      for (const c of appContainers(overlay).filter((c) => c.app === 'worker')) {
        const deadlineMs = Number(c.values.WORKER_STOP_DEADLINE_MS);
        expect(deadlineMs).toBeGreaterThanOrEqual(longestMs + WORKER_REPORT_MARGIN_MS);
        expect(c.pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(deadlineMs + WORKER_CLOSE_GRACE_MS);
      }
    }
  });

  it('runs only the workers privileged, as root, on sandbox nodes; everything else restricted', () => {
    for (const overlay of OVERLAYS) {
      for (const c of appContainers(overlay)) {
        const where = `${overlay}: ${c.workload.metadata.name}`;
        expect({ where, token: c.pod.automountServiceAccountToken, links: c.pod.enableServiceLinks }).toEqual({
          where,
          token: false,
          links: false,
        });
        const toleratesSandbox = (c.pod.tolerations ?? []).some((t: any) => t.key === 'wb/sandbox');
        if (c.app === 'worker') {
          expect({ where, ...c.container.securityContext }).toEqual({ where, privileged: true, runAsUser: 0, runAsGroup: 0 });
          expect({ where, sandboxNode: c.pod.nodeSelector?.['wb/sandbox'], toleratesSandbox }).toEqual({
            where,
            sandboxNode: 'true',
            toleratesSandbox: true,
          });
          expect(c.workload.metadata.labels?.['app.kubernetes.io/component']).toBe('worker');
        } else {
          expect({ where, pod: c.pod.securityContext, container: c.container.securityContext, toleratesSandbox }).toEqual({
            where,
            pod: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
            container: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            toleratesSandbox: false,
          });
        }
      }
      // The workers reach the gateway's port (and Redis, and DNS), and only the gateway and the notifier reach them.
      const egress = find(overlay, 'NetworkPolicy', 'wb-worker-egress').spec;
      const ingress = find(overlay, 'NetworkPolicy', 'wb-worker-ingress').spec;
      for (const policy of [egress, ingress]) expect(policy.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/component': 'worker' });
      const gatewayPort = Number(appContainers(overlay).find((c) => c.app === 'gateway')!.values.GATEWAY_PORT);
      expect(egress.egress.flatMap((rule: any) => rule.ports.map((p: any) => p.port))).toEqual(
        expect.arrayContaining([gatewayPort, 6379, 53]),
      );
      const callers = ingress.ingress.flatMap((rule: any) =>
        rule.from.map((f: any) => f.podSelector.matchLabels['app.kubernetes.io/component']),
      );
      expect(callers.sort()).toEqual(['gateway', 'notifier']);
    }
  });

  it('asks for a whole GPU in the gpu overlays, a MIG slice and no whole GPU in gpu-mig, and no GPU without them', () => {
    const gpuResources = (overlay: string) =>
      appContainers(overlay).flatMap((c) =>
        ['limits', 'requests'].flatMap((kind) =>
          Object.entries(c.container.resources?.[kind] ?? {})
            .filter(([name]) => name.startsWith('nvidia.com/'))
            .map(([name, count]) => ({ workload: c.workload.metadata.name, kind, name, count })),
        ),
      );
    for (const overlay of OVERLAYS.filter((o) => !GPU_OVERLAYS.includes(o))) expect(gpuResources(overlay)).toEqual([]);
    for (const overlay of ['gpu', 'gpu-autoscaled']) {
      expect(gpuResources(overlay)).toEqual([{ workload: 'wb-gpu-worker', kind: 'limits', name: 'nvidia.com/gpu', count: 1 }]);
    }
    expect(gpuResources('gpu-mig')).toEqual([
      { workload: 'wb-gpu-worker', kind: 'limits', name: expect.stringMatching(/^nvidia\.com\/mig-\d+g\.\d+gb$/), count: 1 },
    ]);
    for (const overlay of GPU_OVERLAYS) {
      const gpuWorker = appContainers(overlay).find((c) => c.workload.metadata.name === 'wb-gpu-worker')!;
      expect(gpuWorker.pod.nodeSelector).toMatchObject({ 'nvidia.com/gpu.present': 'true' });
      expect(servedToolchains(gpuWorker.values.WORKER_TOOLCHAINS).every((t) => TOOLCHAIN_SPECS[t].device === 'gpu')).toBe(true);
      // With GPU workers every run queue has a consumer.
      const served = appContainers(overlay)
        .filter((c) => c.app === 'worker')
        .flatMap((c) => servedToolchains(c.values.WORKER_TOOLCHAINS).map((t) => TOOLCHAIN_SPECS[t].queue));
      expect(new Set(served)).toEqual(new Set(RUN_QUEUES));
    }
  });

  it('gives workers sharing a node sandbox uid ranges that never overlap', () => {
    for (const overlay of OVERLAYS) {
      const ranges = appContainers(overlay)
        .filter((c) => c.app === 'worker')
        .map((c) => {
          expect(c.container.command[2]).toContain(
            `export SANDBOX_UID_BASE=$$((SANDBOX_UID_BASE + \${WORKER_NAME##*-} * ${UID_RANGE_PER_POD}))`,
          );
          const scaler = objects(overlay, 'ScaledObject').find((s) => s.spec.scaleTargetRef.name === c.workload.metadata.name);
          const pods = Math.max(c.workload.spec.replicas ?? 0, scaler?.spec.maxReplicaCount ?? 0);
          const first = Number(c.values.SANDBOX_UID_BASE);
          return { workload: c.workload.metadata.name, first, end: first + pods * UID_RANGE_PER_POD };
        });
      for (const a of ranges)
        for (const b of ranges)
          if (a !== b) expect({ a, b, overlap: a.first < b.end && b.first < a.end }).toEqual({ a, b, overlap: false });
    }
  });

  it('scales workers with KEDA on their queues in Redis only in the autoscaled overlays', () => {
    for (const overlay of OVERLAYS.filter((o) => !AUTOSCALED_OVERLAYS.includes(o))) {
      expect(objects(overlay).filter((o) => o.apiVersion.startsWith('keda.sh/'))).toEqual([]);
    }
    for (const overlay of AUTOSCALED_OVERLAYS) {
      const scaled = objects(overlay, 'ScaledObject');
      const workerContainers = appContainers(overlay).filter((c) => c.app === 'worker');
      expect(scaled.map((s) => s.spec.scaleTargetRef.name).sort()).toEqual(workerContainers.map((c) => c.workload.metadata.name).sort());
      for (const scaler of scaled) {
        const c = workerContainers.find((w) => w.workload.metadata.name === scaler.spec.scaleTargetRef.name)!;
        expect(scaler.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: c.workload.metadata.name });
        // KEDA owns the replicas: the StatefulSet names none, which kubectl apply would put back.
        expect(c.workload.spec).not.toHaveProperty('replicas');
        expect(scaler.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
        const queues = servedToolchains(c.values.WORKER_TOOLCHAINS).map((t) => `${c.values.REDIS_PREFIX}:${TOOLCHAIN_SPECS[t].queue}:wait`);
        expect(scaler.spec.triggers.map((t: any) => t.metadata.listName).sort()).toEqual(queues.sort());
        for (const trigger of scaler.spec.triggers) {
          expect(trigger.type).toBe('redis');
          const auth = find(overlay, 'TriggerAuthentication', trigger.authenticationRef.name);
          for (const ref of auth.spec.secretTargetRef) expect(find(overlay, 'Secret', ref.name).data).toHaveProperty(ref.key);
          expect(auth.spec.secretTargetRef.map((r: any) => r.parameter).sort()).toEqual(['address', 'password']);
        }
      }
    }
  });
});

function dockerfileCommand(dockerfile: string): string[] {
  const text = readFileSync(join(ROOT, dockerfile), 'utf8');
  const cmd = [...text.matchAll(/^CMD (\[.*\])$/gm)].pop();
  if (!cmd) throw new Error(`${dockerfile} has no CMD in exec form`);
  return JSON.parse(cmd[1]) as string[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
