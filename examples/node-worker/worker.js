// A HyperBus trainer worker written from contracts/schema/README.md alone: amqplib, no HyperBus SDK.
// Usage: HYPERBUS_RABBITMQ=amqp://guest:guest@localhost:5672/%2F node worker.js [kind ...]
'use strict';
const amqp = require('amqplib');
const crypto = require('crypto');
const os = require('os');
const path = require('path');
const { trainers, TrialFailedError } = require('./trainers');

const url = process.env.HYPERBUS_RABBITMQ;
const kinds = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(trainers);
const workerId = `${os.hostname().toLowerCase()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
const checkpointRoot = path.resolve(process.env.HYPERBUS_CHECKPOINTS || path.join(os.tmpdir(), 'hyperbus-checkpoints'));
const MAX_BYTES = 1024 * 1024; // the contract's size limit
const GRACE_MS = 2000; // a trainer past its deadline gets this long before the attempt is failed
const DECISION_TIMEOUT_MS = 30000; // no decision in time means Continue
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const waiting = new Map(); // "trialId|attempt|step" -> resolve(action)
const running = new Map(); // "trialId|attempt" -> the deliveries to ack when its outcome is confirmed
const log = (...args) => console.error(new Date().toISOString(), ...args);
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

// The request, or the reason it is malformed (the six fields a worker needs, and the types of the rest).
function parse(body) {
  if (body.length > MAX_BYTES) return `message of ${body.length} bytes is over the ${MAX_BYTES}-byte limit`;
  let r;
  try { r = JSON.parse(body.toString('utf8')); } catch (e) { return `body is not valid JSON: ${e.message}`; }
  if (!isObject(r)) return 'body is not a JSON object';
  for (const f of ['studyId', 'trialId']) if (typeof r[f] !== 'string' || !GUID.test(r[f])) return `field '${f}' must be a Guid string`;
  for (const f of ['number', 'attempt']) if (!Number.isInteger(r[f])) return `field '${f}' must be an integer`;
  if (typeof r.trainer !== 'string') return "field 'trainer' must be a string";
  if (!isObject(r.params)) return "field 'params' must be an object";
  const optional = { fixed: isObject, metric: (v) => typeof v === 'string', checkpoint: (v) => typeof v === 'string',
    deadline: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), timeoutSeconds: (v) => typeof v === 'number' && v > 0,
    budget: (v) => isObject(v) && typeof v.name === 'string' && typeof v.amount === 'number' };
  for (const [f, ok] of Object.entries(optional)) if (r[f] !== undefined && r[f] !== null && !ok(r[f])) return `field '${f}' has the wrong type`;
  return { ...r, studyId: r.studyId.toLowerCase(), trialId: r.trialId.toLowerCase() };
}

function publish(ch, type, body) {
  return new Promise((resolve, reject) => ch.publish(`HyperBus.Contracts:${type}`, '', Buffer.from(JSON.stringify(body)), {
    contentType: 'application/json', deliveryMode: 2, messageId: crypto.randomUUID(),
    headers: { 'MT-MessageType': `urn:message:HyperBus.Contracts:${type}` },
  }, (error) => (error ? reject(error) : resolve())));
}

// Parks a malformed request unchanged in <queue>_error with MassTransit's fault headers, then acks it.
function park(ch, kind, msg, reason) {
  log(`malformed request ${msg.properties.messageId} parked: ${reason}`);
  const headers = { ...msg.properties.headers, 'MT-Reason': 'fault', 'MT-Fault-Message': reason,
    'MT-Fault-ExceptionType': 'HyperBus.MalformedMessage', 'MT-Fault-Timestamp': new Date().toISOString() };
  ch.publish(`hyperbus-trainer-${kind}_error`, '', msg.content, { contentType: msg.properties.contentType,
    messageId: msg.properties.messageId, deliveryMode: 2, headers }, () => ch.ack(msg));
}

function onDecision(msg) {
  let d;
  try { d = JSON.parse(msg.content.toString('utf8')); } catch { return; }
  const key = `${String(d.trialId).toLowerCase()}|${d.attempt}|${d.step}`;
  const resolve = waiting.get(key);
  if (resolve) { waiting.delete(key); resolve(String(d.action).toLowerCase()); }
}

async function onRequest(ch, kind, msg) {
  const r = parse(msg.content);
  if (typeof r === 'string') return park(ch, kind, msg, r);
  const key = `${r.trialId}|${r.attempt}`;
  if (running.has(key)) return running.get(key).push(msg); // a duplicate: acked with the copy in training
  const deliveries = [msg];
  running.set(key, deliveries);
  const ids = { studyId: r.studyId, trialId: r.trialId, attempt: r.attempt };
  let done = false;
  let timer;
  const finish = async (type, body) => {
    if (done) return; // a late result after the deadline is dropped
    done = true;
    clearTimeout(timer);
    await publish(ch, type, { ...ids, ...body, workerId });
    running.delete(key);
    for (const d of deliveries) ch.ack(d); // ack only after the outcome is confirmed
    log(`trial ${r.trialId} attempt ${r.attempt}: ${type} ${body.value ?? body.error}`);
  };
  // timeoutSeconds counts from taking the request and restarts on every report; else the absolute deadline.
  const spanMs = r.timeoutSeconds ? r.timeoutSeconds * 1000 : r.deadline ? Math.max(1000, Date.parse(r.deadline) - Date.now()) : null;
  const arm = () => {
    if (spanMs === null) return;
    clearTimeout(timer);
    timer = setTimeout(() => finish('TrialFailed', { error: `deadline passed: no outcome or report within ${spanMs / 1000} s`, retryable: true }), spanMs + GRACE_MS);
  };
  arm();
  await publish(ch, 'TrialStarted', { ...ids, workerId, startedAt: new Date().toISOString() });
  const started = Date.now();
  const ctx = {
    params: { ...(r.fixed || {}), ...r.params }, budget: r.budget || null, checkpoint: r.checkpoint || null,
    attempt: r.attempt, stopped: false, last: null,
    async report(step, value) {
      ctx.last = value;
      const answer = new Promise((resolve) => {
        waiting.set(`${r.trialId}|${r.attempt}|${step}`, resolve);
        setTimeout(() => resolve('continue'), DECISION_TIMEOUT_MS);
      });
      await publish(ch, 'TrialReported', { ...ids, step, value, checkpoint: null, workerId });
      arm();
      const action = await answer;
      if (action === 'stop') ctx.stopped = true;
      return action;
    },
  };
  try {
    const trainer = trainers[r.trainer];
    if (!trainer) throw new TrialFailedError(`no trainer of kind '${r.trainer}' on worker ${workerId}`);
    const full = ctx.checkpoint && path.resolve(checkpointRoot, ctx.checkpoint);
    if (full && (ctx.checkpoint.split(/[\\/]/).includes('..') || !full.startsWith(checkpointRoot + path.sep))) {
      throw new TrialFailedError(`checkpoint '${ctx.checkpoint}' is outside the checkpoint folder`);
    }
    const result = await trainer(ctx);
    const out = typeof result === 'number' ? { value: result } : result || {};
    const value = out.value ?? ctx.last;
    if (!Number.isFinite(value) || (out.values || []).some((v) => !Number.isFinite(v))) {
      return await finish('TrialFailed', { error: `the objective is ${value}, not a finite number`, retryable: true });
    }
    await finish('TrialCompleted', { value, values: out.values ?? null, metrics: out.metrics ?? null, pruned: ctx.stopped,
      checkpoint: out.checkpoint ?? null, artifact: out.artifact ?? null, durationSeconds: (Date.now() - started) / 1000 });
  } catch (e) {
    await finish('TrialFailed', { error: String(e && e.message ? e.message : e), retryable: !(e instanceof TrialFailedError) });
  }
}

async function main() {
  if (!url) { console.error('set HYPERBUS_RABBITMQ to the broker URL'); process.exit(2); }
  const connection = await amqp.connect(url, { clientProperties: { connection_name: `node-worker ${workerId}` } });
  // No reconnect loop: exit and let the supervisor restart us; unacked requests go back to the queue.
  connection.on('close', () => { log('connection closed'); process.exit(1); });
  process.on('SIGTERM', () => connection.close());
  const ch = await connection.createConfirmChannel();
  for (const t of ['TrialStarted', 'TrialReported', 'TrialCompleted', 'TrialFailed']) {
    await ch.assertExchange(`HyperBus.Contracts:${t}`, 'fanout', { durable: true });
  }
  await ch.assertExchange('hyperbus-decisions', 'direct', { durable: true });
  const decisions = `hyperbus-worker-${workerId}`;
  await ch.assertQueue(decisions, { exclusive: true, autoDelete: true, durable: false });
  await ch.bindQueue(decisions, 'hyperbus-decisions', workerId);
  await ch.consume(decisions, onDecision, { noAck: true });
  await ch.prefetch(1); // one trial at a time
  for (const kind of kinds) {
    const queue = `hyperbus-trainer-${kind}`;
    await ch.assertQueue(queue, { durable: true });
    await ch.assertExchange(`${queue}_error`, 'fanout', { durable: true });
    await ch.assertQueue(`${queue}_error`, { durable: true });
    await ch.bindQueue(`${queue}_error`, `${queue}_error`, '');
    await ch.consume(queue, (msg) => onRequest(ch, kind, msg).catch((e) => log(`request failed: ${e.message}`)), { noAck: false });
  }
  log(`node worker ${workerId} serving ${kinds.join(', ')}`);
}

main().catch((e) => { log(`cannot start: ${e.message}`); process.exit(1); });
