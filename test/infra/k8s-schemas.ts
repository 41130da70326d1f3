import { Ajv, type ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  [field: string]: unknown;
}

/**
 * The API server refuses unknown fields under strict field validation, but CRD schemas do not say
 * so: every object schema that lists its properties is closed here, unless it keeps unknown fields.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'enum' || k === 'required' ? v : closed(v);
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields'])
    out.additionalProperties = false;
  return out;
}

type ModelClass = new (data: K8sObject) => { validate(): void };

/** Where each API group's models live: kubernetes-models for the built-in kinds, one package per CRD set. */
function modelModule(apiVersion: string): string | null {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}`;
  if (group === '' || group.endsWith('.k8s.io') || !group.includes('.'))
    return `kubernetes-models/${group || ''}${group ? '/' : ''}${version}`;
  return null;
}

/**
 * Validators for every object kind the manifests use: the maintained `kubernetes-models` library
 * (Kubernetes' own OpenAPI schemas, and KEDA's), and for the operators' custom resources the
 * openAPIV3Schema of their CRDs (infra/k8s/schemas, see its README for the source of each).
 */
export class SchemaCatalogue {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  private readonly crds = new Map<string, ValidateFunction>();

  constructor(schemaDir: string) {
    for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
      const crd = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as { apiVersion: string; kind: string; schema: object };
      this.crds.set(`${crd.apiVersion}/${crd.kind}`, this.ajv.compile(closed(crd.schema) as object));
    }
  }

  /** The problems of one object; [] when it is valid. */
  async problems(obj: K8sObject): Promise<string[]> {
    const crd = this.crds.get(`${obj.apiVersion}/${obj.kind}`);
    if (crd) {
      if (crd(obj)) return [];
      return (crd.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    }
    const module = modelModule(obj.apiVersion);
    if (!module) return [`no schema for ${obj.apiVersion} ${obj.kind}`];
    let Model: ModelClass | undefined;
    try {
      Model = ((await import(module)) as Record<string, ModelClass>)[obj.kind];
    } catch {
      Model = undefined;
    }
    if (!Model) return [`no schema for ${obj.apiVersion} ${obj.kind}`];
    try {
      new Model(obj).validate();
      return [];
    } catch (err) {
      return [(err as Error).message];
    }
  }
}
