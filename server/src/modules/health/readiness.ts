import { Injectable } from '@nestjs/common';

/** One readiness check: resolves when the dependency answers, rejects with the reason when not. */
export type ReadinessCheck = () => Promise<void>;

/**
 * The readiness checks `/api/health/ready` runs. Health registers the database; each module
 * registers its own dependency in its module (storage the object store, search the engine).
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is registered twice`);
    this.checks.set(name, check);
  }

  /** Runs every check at once, each bounded by `timeoutMs`; a name maps to `ok` or `failed: <reason>`. */
  async run(timeoutMs = 3000): Promise<{ ok: boolean; results: Record<string, string> }> {
    const results: Record<string, string> = {};
    let ok = true;
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs))),
          ]);
          results[name] = 'ok';
        } catch (err) {
          ok = false;
          results[name] = `failed: ${(err as Error).message}`;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { ok, results };
  }
}
