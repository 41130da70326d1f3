import type { ConfigVar } from './config-vars.js';
import type { K8sObject } from './k8s-schemas.js';

const NAMESPACE = 'mumian';
/** Secrets made outside the manifests (docs/DEPLOYING.md) and the keys each holds. */
export const EXTERNAL_SECRETS: Record<string, string[]> = {
  'mumian-secrets': ['JWT_SECRET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'MEILI_API_KEY'],
  // made by CloudNativePG for the Cluster mumian-pg
  'mumian-pg-app': ['uri', 'username', 'password', 'host', 'port', 'dbname'],
  'mumian-backup-s3': ['ACCESS_KEY_ID', 'ACCESS_SECRET_KEY'],
  'mumian-minio-config': ['config.env'],
  'mumian-minio-app': ['CONSOLE_ACCESS_KEY', 'CONSOLE_SECRET_KEY'],
};
/** Services made by operators, not by the manifests. */
const OPERATOR_SERVICES = new Set(['minio', 'mumian-pg-rw', 'mumian-pg-ro']);
/** The containers that run the server's code (they read server/src/config/config.ts). */
const SERVER_CONTAINERS = new Set(['api', 'worker']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

interface Container {
  name: string;
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: object; limits?: object };
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
}
interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: { containers: Container[] };
}

const podTemplate = (o: K8sObject): PodTemplate | null => {
  const spec = o.spec as { template?: PodTemplate } | undefined;
  return ['Deployment', 'StatefulSet', 'Job'].includes(o.kind) && spec?.template ? spec.template : null;
};
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** Rules beyond the schemas: namespaces, references, resources, probes, disruption budgets, config. */
export function stackProblems(objects: K8sObject[], config: ConfigVar[]): string[] {
  const problems: string[] = [];
  const named = (kind: string) => new Map(objects.filter((o) => o.kind === kind).map((o) => [o.metadata?.name ?? '', o]));
  const configMaps = named('ConfigMap');
  const services = named('Service');
  const known = new Set(config.map((v) => v.name));
  const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');

  for (const o of objects) {
    const where = `${o.kind}/${o.metadata?.name}`;
    if (!CLUSTER_SCOPED.has(o.kind) && o.metadata?.namespace !== NAMESPACE)
      problems.push(`${where} is not in namespace ${NAMESPACE}`);
    const template = podTemplate(o);
    if (!template) continue;
    if (
      o.kind === 'Deployment' &&
      !pdbs.some((p) =>
        matches(
          (p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
          template.metadata?.labels,
        ),
      )
    )
      problems.push(`${where} has no PodDisruptionBudget`);
    for (const c of template.spec.containers) {
      const at = `${where} container ${c.name}`;
      if (!c.resources?.requests || !c.resources?.limits) problems.push(`${at} lacks resource requests or limits`);
      const provided = new Set<string>();
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef) {
          const cm = configMaps.get(from.configMapRef.name);
          if (!cm) problems.push(`${at} reads ConfigMap ${from.configMapRef.name}, which does not exist`);
          else Object.keys((cm.data as Record<string, string>) ?? {}).forEach((k) => provided.add(k));
        }
        if (from.secretRef) {
          const keys = EXTERNAL_SECRETS[from.secretRef.name];
          if (!keys) problems.push(`${at} reads Secret ${from.secretRef.name}, which nothing makes`);
          else keys.forEach((k) => provided.add(k));
        }
      }
      for (const e of c.env ?? []) {
        provided.add(e.name);
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !EXTERNAL_SECRETS[ref.name]?.includes(ref.key))
          problems.push(`${at} reads ${ref.name}/${ref.key}, which nothing makes`);
      }
      if (SERVER_CONTAINERS.has(c.name)) {
        for (const n of provided) if (!known.has(n)) problems.push(`${at} gets ${n}, which the server does not read`);
        for (const v of config) if (v.required && !provided.has(v.name)) problems.push(`${at} lacks the required ${v.name}`);
      }
      if (c.name === 'api') {
        if (c.readinessProbe?.httpGet?.path !== '/api/health/ready')
          problems.push(`${at} readiness probe is not /api/health/ready`);
        if (c.livenessProbe?.httpGet?.path !== '/api/health') problems.push(`${at} liveness probe is not /api/health`);
      }
    }
  }

  const templates = objects.map(podTemplate).filter((t): t is PodTemplate => !!t);
  for (const [name, svc] of services) {
    const selector = (svc.spec as { selector?: Record<string, string> }).selector;
    if (!templates.some((t) => matches(selector, t.metadata?.labels))) problems.push(`Service/${name} selects no pods`);
  }
  for (const ing of objects.filter((o) => o.kind === 'Ingress')) {
    const rules = (ing.spec as { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] }).rules;
    for (const r of rules)
      for (const p of r.http.paths) {
        const name = p.backend.service.name;
        if (!services.has(name) && !OPERATOR_SERVICES.has(name))
          problems.push(`Ingress/${ing.metadata?.name} routes to Service ${name}, which does not exist`);
      }
  }
  return problems;
}
