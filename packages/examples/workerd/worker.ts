// An edge Worker (Cloudflare Workers / workerd): POST a JSON scenario, get the run's metrics back.
// Edge runtimes refuse to compile WebAssembly from bytes, so the engine is imported as a module
// (the `.wasm` file of @flywheel/core-wasm) and passed to run(). There are no Web Workers here:
// `threads` > 1 is refused with a FlywheelError (RUN_INVALID_OPTION), 'auto' is one thread.
//
//   curl -X POST http://127.0.0.1:8787/ -d '{"helium":{"years":1,"runs":6,"agents":200}}'
import engine from '@flywheel/core-wasm/flywheel.wasm';
import { helium, type HeliumOptions } from '@flywheel/models';
import { FlywheelError, run, type ModelSpec, type RunOptions } from '@flywheel/sdk';

/** The request body: a model spec, or options of the Helium model, and how to run it. */
export interface Scenario {
  spec?: ModelSpec;
  helium?: HeliumOptions;
  threads?: RunOptions['threads'];
  engine?: RunOptions['engine'];
}

export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST a JSON scenario: {"helium": {"years": 1, "runs": 6}}\n', { status: 405 });
    let scenario: Scenario;
    try {
      scenario = (await request.json()) as Scenario;
    } catch {
      return Response.json({ error: { code: 'BAD_JSON', message: 'the body is not JSON' } }, { status: 400 });
    }
    try {
      const spec = scenario.spec ?? helium(scenario.helium);
      const result = await run(spec, { wasm: engine, threads: scenario.threads ?? 1, engine: scenario.engine ?? 'wasm' });
      return Response.json({ metrics: result.toJSON().metrics, summary: result.summary() });
    } catch (e) {
      if (e instanceof FlywheelError) return Response.json({ error: { code: e.code, path: e.path, value: e.value, message: e.message, hint: e.hint } }, { status: 400 });
      throw e;
    }
  },
};
