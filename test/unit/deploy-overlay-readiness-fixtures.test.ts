// Every readiness rule (shared/kube/readiness) judged on objects as an API server serves them, one
// YAML file per state: test/fixtures/readiness/<kind>/<state>.yaml. Each file starts with comment
// lines that give the expected verdict:
//   # verdict: done | waiting | failed
//   # message: the words the suite shows
//   # failed: the failure line (only with `verdict: failed`)
//   # kubectl: done | waiting | failed (why) — only where the suite differs from kubectl on purpose
// Where kubectl's rollout status knows the kind, the fixture's verdict is compared with kubectl's
// logic too: the same unless a `kubectl:` line says otherwise (and then it must differ).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../shared/kube/client.ts';
import { RULES, readiness, ruleFor } from '../../shared/kube/readiness/registry.ts';
import { kubectlVerdictOf, type Verdict } from '../helpers/kubectl-rollout-status.ts';

const root = path.resolve(import.meta.dirname, '../fixtures/readiness');

interface Fixture {
  file: string;
  dir: string;
  object: KubeObject;
  expect: { verdict: Verdict; message: string; failed?: string; kubectl?: Verdict };
}

function load(dir: string, name: string): Fixture {
  const file = path.join(dir, name);
  const source = readFileSync(path.join(root, file), 'utf8');
  const header = new Map([...source.matchAll(/^# (verdict|message|failed|kubectl): (.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  const verdict = header.get('verdict');
  if (verdict !== 'done' && verdict !== 'waiting' && verdict !== 'failed') throw new Error(`${file}: no "# verdict: done|waiting|failed" line`);
  const message = header.get('message');
  if (message === undefined) throw new Error(`${file}: no "# message:" line`);
  const failed = header.get('failed');
  const kubectl = header.get('kubectl')?.split(' ')[0] as Verdict | undefined;
  return { file, dir, object: parse(source) as KubeObject, expect: { verdict, message, ...(failed ? { failed } : {}), ...(kubectl ? { kubectl } : {}) } };
}

const fixtures = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(path.join(root, d.name))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => load(d.name, f)),
  );

const verdictOf = (obj: KubeObject): Verdict => {
  const state = readiness(obj);
  return state.done ? 'done' : state.failed !== undefined ? 'failed' : 'waiting';
};

describe('readiness fixtures', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    const rule = ruleFor(fixture.object.apiVersion, fixture.object.kind);
    expect(rule, 'a registered rule for the fixture object').toBeDefined();
    expect(rule?.kind.toLowerCase(), 'the folder is named after the kind').toBe(fixture.dir);
    const { verdict, message, failed } = fixture.expect;
    expect(readiness(fixture.object)).toEqual({ done: verdict === 'done', message, ...(failed ? { failed } : {}) });
    expect(verdictOf(fixture.object)).toBe(verdict);
    const kubectl = kubectlVerdictOf(fixture.object);
    if (kubectl === undefined) expect(fixture.expect.kubectl, 'no kubectl rollout status for this kind').toBeUndefined();
    else if (fixture.expect.kubectl === undefined) expect(kubectl, 'kubectl agrees').toBe(verdict);
    else {
      expect(kubectl, 'kubectl decides as the fixture says').toBe(fixture.expect.kubectl);
      expect(verdict, 'the suite differs from kubectl there on purpose').not.toBe(kubectl);
    }
  });

  it('covers every rule: a folder per kind, with at least one done and one waiting state', () => {
    for (const rule of RULES) {
      const mine = fixtures.filter((f) => f.dir === rule.kind.toLowerCase());
      expect(mine.some((f) => f.expect.verdict === 'done') && mine.some((f) => f.expect.verdict === 'waiting'), `fixtures for ${rule.group}/${rule.kind}`).toBe(
        true,
      );
    }
    expect(new Set(fixtures.map((f) => f.dir))).toEqual(new Set(RULES.map((r) => r.kind.toLowerCase())));
  });

  it('keys rules by API group and kind, any version', () => {
    expect(ruleFor('apps/v1', 'Deployment')?.kind).toBe('Deployment');
    expect(ruleFor('apps/v1beta2', 'Deployment')?.kind).toBe('Deployment');
    expect(ruleFor('batch/v1', 'Job')?.kind).toBe('Job');
    // The same kind in another group is not the built-in one (a CRD may reuse the name).
    expect(ruleFor('example.com/v1', 'Deployment')).toBeUndefined();
    expect(ruleFor('v1', 'Job')).toBeUndefined();
    expect(ruleFor('v1', 'Service')).toBeUndefined();
    expect(readiness({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual({ done: true, message: 'not a workload' });
  });
});
