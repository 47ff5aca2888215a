import type { Services } from '../../shared/app/services.js';
import { signalSchema, type Signal } from '../../shared/domain/signals/signal.js';
import { actorOf } from '../../shared/http/actor.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { defineRoute, type RouteSpec } from '../../shared/http/route.js';
import { pipelineIdParams } from './schemas.js';
import { answerSignal, refuseSignal, signalInputs, signalOutcomeSchema } from './signal-outcome.js';

/**
 * `POST /api/pipelines/{id}/signals`: a drift monitor (or any system) reports a signal; the pipeline's
 * `retrainOn.signals` rule decides whether it starts a run (docs/signals.md).
 */
export function signalRoutes(services: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'signals-post',
      method: 'POST',
      route: 'pipelines/{id}/signals',
      authLevel: 'function',
      summary: "Report a drift or alert signal; the pipeline's retrainOn.signals rule (minimum severity, cool-down) decides whether it starts a run.",
      description:
        'Answered 202 with the decision, whatever it is: `started` (or `queued`) with the run, `cooldown` with the run holding the cool-down, ' +
        '`deduplicated` for a signalId received before, `skipped` (no rule, or a severity below its minimum), `concurrency` or `disabled`. ' +
        "Every signal is one record in the pipeline's trigger log; a malformed body is also recorded there, as `rejected`.",
      tag: 'pipelines',
      params: pipelineIdParams,
      body: signalSchema,
      extraInputs: signalInputs,
      responses: { 202: { description: 'The signal was received and decided on.', schema: signalOutcomeSchema } },
      handler: async ({ request, context, params, caller }) => {
        let signal: Signal;
        try {
          signal = await readJsonBody(request, signalSchema);
        } catch (e) {
          return refuseSignal(services, context, params.id, 'signal', e, actorOf(caller));
        }
        // A key caller is the monitor itself, named by the signal's source; a signed-in person is recorded by name.
        return answerSignal(services, context, { pipelineId: params.id, signal, trigger: 'signal', actor: actorOf(caller, signal.source) });
      },
    }),
  ];
}
