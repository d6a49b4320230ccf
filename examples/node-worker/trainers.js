// Trainer functions by kind. A trainer gets ctx {params, budget, checkpoint, attempt, report(step, value)}
// and returns a number or {value, values, metrics, checkpoint}; throwing TrialFailedError fails for good.
'use strict';

class TrialFailedError extends Error {}

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

// The kind `hyperbus conformance` drives: it behaves as the request's params say (see README.md).
async function conformance(ctx) {
  const p = ctx.params;
  if ('fail' in p && ctx.attempt <= (p.failUntilAttempt ?? ctx.attempt)) {
    if (p.fail === 'fatal') throw new TrialFailedError(`conformance: asked to fail for good on attempt ${ctx.attempt}`);
    throw new Error(`conformance: asked to fail on attempt ${ctx.attempt}`);
  }
  if (p.sleepSeconds > 0) await sleep(p.sleepSeconds); // deaf to the deadline: the worker enforces it
  const steps = 'reportSteps' in p ? p.reportSteps : ctx.budget ? Math.round(ctx.budget.amount) : 0;
  for (let step = 1; step <= steps; step++) {
    await sleep(p.stepSeconds || 0);
    if ((await ctx.report(step, 0.1 * step)) === 'stop') return 0.1 * step;
  }
  const metrics = { ...(p.metrics || {}) };
  if (ctx.checkpoint) metrics.resumed = 1;
  const value = p.values ? p.values[0] : 'value' in p ? p.value : ctx.budget ? ctx.budget.amount : 0.5;
  return { value, values: p.values || null, metrics: Object.keys(metrics).length ? metrics : null, checkpoint: ctx.checkpoint };
}

module.exports = { trainers: { conformance }, TrialFailedError };
