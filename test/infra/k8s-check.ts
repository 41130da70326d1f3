/**
 * CI check of the production stacks: renders every kustomize overlay in infra/k8s with kubectl,
 * validates each object against its Kubernetes (or operator CRD) schema, and checks that the
 * manifests and docker-compose.yml agree with the configuration the server reads.
 *   npx tsx test/infra/k8s-check.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { serverConfigVars } from './config-vars.js';
import { SchemaCatalogue, type K8sObject } from './k8s-schemas.js';
import { stackProblems } from './k8s-rules.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const k8s = process.env.K8S_DIR ?? join(root, 'infra', 'k8s');
const config = serverConfigVars(join(root, 'server', 'src', 'config', 'config.ts'));
const schemas = new SchemaCatalogue(join(k8s, 'schemas'));

let failures = 0;
const report = (where: string, problems: string[]) => {
  for (const p of problems) console.log(`  ✗ ${where}: ${p}`);
  failures += problems.length;
};

for (const overlay of readdirSync(join(k8s, 'overlays')).sort()) {
  const yamlText = execFileSync('kubectl', ['kustomize', join(k8s, 'overlays', overlay)], { encoding: 'utf8' });
  const objects = parseAllDocuments(yamlText).map((d) => d.toJS() as K8sObject);
  for (const obj of objects) report(`${overlay} ${obj.kind}/${obj.metadata?.name}`, await schemas.problems(obj));
  report(overlay, stackProblems(objects, config));
  const kinds = [...new Set(objects.map((o) => o.kind))].length;
  console.log(`overlay ${overlay}: ${objects.length} objects of ${kinds} kinds rendered and checked`);
}

// docker-compose.yml: the API and the worker get every variable the server requires, and only known ones
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string> }>;
};
const known = new Set(config.map((v) => v.name));
for (const service of ['api', 'worker']) {
  const env = Object.keys(compose.services[service]?.environment ?? {});
  report(`docker-compose ${service}`, [
    ...env.filter((n) => !known.has(n)).map((n) => `sets ${n}, which the server does not read`),
    ...config.filter((v) => v.required && !env.includes(v.name)).map((v) => `lacks the required ${v.name}`),
  ]);
}
console.log(`docker-compose.yml: api and worker environment checked against ${config.length} server variables`);

if (failures) {
  console.log(`${failures} problem(s) in the production manifests`);
  process.exit(1);
}
console.log('production manifests: no problems');
