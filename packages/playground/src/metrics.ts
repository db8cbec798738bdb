// The metrics the playground stores: the model's defaults (canonical metrics and its signals) and
// up to six of its blocks' state outputs (a controller's rate, bonded stake, baseline theta...),
// which are the model's own figures. The Node check of the e2e test uses the same list.
import { availableMetrics, blockOutputs, defaultMetrics, isStateOutput, validateSpec, type ModelSpec } from '@flywheel/sdk';

export const MAX_OWN_OUTPUTS = 6;

export function playgroundMetrics(spec: ModelSpec): string[] {
  const valid = validateSpec(spec);
  const out = defaultMetrics(valid);
  const available = new Set(availableMetrics(valid));
  const own: string[] = [];
  for (const b of valid.blocks) for (const name of blockOutputs(b)) if (isStateOutput(b, name) && available.has(name) && !out.includes(name) && !own.includes(name)) own.push(name);
  return [...out, ...own.slice(0, MAX_OWN_OUTPUTS)];
}
