// Side-by-side benchmark of Stepwise and the peer engine aws-local-stepfunctions on the six
// workloads of ../shared/bench, run by scripts/bench.sh (which installs the peer and passes the
// paths below). Prints Markdown tables of medians, then the targets, each marked met or not.
//
// usage: node bench_compare.mjs --stepwise BIN --shared DIR --cache DIR --runs R
//                               [--peer-node NODE] [--time /usr/bin/time]
//   --stepwise   the stepwise program
//   --shared     ../shared/bench (workloads/, check_output.mjs)
//   --cache      .cache/bench: generated big-payload sizes and outputs go here; with --peer-node,
//                run_peer.mjs and check_output.mjs are there beside node_modules
//   --peer-node  Node 22 to run the peer with; absent: the Stepwise side only
//   --time       GNU time, to measure the peak RSS of both engines the same way (%M)
// Exit status: 0, or 1 when an execution failed or an output check did not hold.
//
// Kept to what Node 18 has, so the system Node of Debian 12 can run it.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const required of ['stepwise', 'shared', 'cache', 'runs']) {
  if (!args[required]) {
    console.error(`bench_compare: --${required} is required`);
    process.exit(2);
  }
}
const runs = Math.max(1, parseInt(args.runs, 10));
const peerNode = args['peer-node'] || null;
const timeBin = args.time || null;
const { runChecks } = await import(pathToFileURL(path.join(args.shared, 'check_output.mjs')).href);

const workloadDir = path.join(args.shared, 'workloads');
const genDir = path.join(args.cache, 'workloads');
const outDir = path.join(args.cache, 'out');
fs.mkdirSync(genDir, { recursive: true });
fs.mkdirSync(outDir, { recursive: true });

// ---------------------------------------------------------------------------------------------
// big-payload at other sizes: the records array of the shipped input scaled, built exactly as
// gen_workloads.mjs builds it (records appended until the serialized input reaches the target).
// Each size also runs a 10-state prefix of the machine, so that the cost of one more state can be
// told apart from what an execution pays once (start-up, one walk of the payload, ...): marginal
// per state = (run_ms of N states - run_ms of 10 states) / (N - 10). The peer's N is 100 (its
// states take milliseconds); Stepwise's is 1,000, the machine extended with states of the same
// shape, since its states take about a microsecond: with 100 the difference would be within the
// noise of the fixed costs.

const pad = (n, w) => String(n).padStart(w, '0');
const makeRecord = (k) => ({
  id: k,
  name: `record-${pad(k, 5)}`,
  tags: ['alpha', 'beta', `t${k % 7}`],
  value: (k * 37) % 1000,
  ok: k % 3 === 0,
  nested: { x: k, y: `y${k % 11}`, z: null },
});

function bigPayloadInput(targetBytes) {
  const records = [];
  const input = { payload: { records, step: -1 }, note: 'dropped by the first OutputPath' };
  // JSON.stringify(input).length, kept up to date without serializing the whole input each time.
  let length = JSON.stringify(input).length;
  for (let k = 0; length < targetBytes; k++) {
    const record = makeRecord(k);
    length += JSON.stringify(record).length + (records.length > 0 ? 1 : 0);
    records.push(record);
  }
  return input;
}

// Writes NAME.asl.json (big-payload's machine with `states` states, each as big-payload's states
// are) and NAME.meta.json into the cache; returns the workload.
function bigPayloadWorkload(name, inputFile, records, states, engines = kAllEngines) {
  const asl = JSON.parse(fs.readFileSync(path.join(workloadDir, 'big-payload.asl.json'), 'utf8'));
  const shape = Object.values(asl.States)[0];
  const stateName = (i) => `S${pad(i, 4)}`;
  asl.StartAt = stateName(0);
  asl.States = {};
  for (let i = 0; i < states; i++) {
    const state = { ...shape, Parameters: { ...shape.Parameters, step: i } };
    delete state.Next;
    delete state.End;
    if (i + 1 < states) state.Next = stateName(i + 1);
    else state.End = true;
    asl.States[stateName(i)] = state;
  }
  const meta = {
    name,
    transitions: states,
    transitionsFormula: `N = ${states} Pass states`,
    records: records.length,
    checks: [
      { pointer: '/payload/step', equals: states - 1 },
      { pointer: '/payload/records', length: records.length },
      { pointer: `/payload/records/${records.length - 1}`, equals: records[records.length - 1] },
      { pointer: '/note', absent: true },
      { pointer: '/wrapped', absent: true },
    ],
  };
  const aslFile = path.join(genDir, `${name}.asl.json`);
  writeFresh(aslFile, JSON.stringify(asl, null, 1) + '\n');
  writeFresh(path.join(genDir, `${name}.meta.json`), JSON.stringify(meta, null, 2) + '\n');
  return workload(name, aslFile, inputFile, engines);
}

// Which runs a workload gets: Stepwise with history off and on, the peer.
const kAllEngines = { off: true, on: true, peer: true };

function workload(name, asl, input, engines = kAllEngines) {
  const meta = JSON.parse(fs.readFileSync(asl.replace(/\.asl\.json$/, '.meta.json'), 'utf8'));
  return { name, asl, input, meta, engines };
}

// Replaces a file, even one left read-only by an earlier version of this script.
function writeFresh(file, text) {
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, text);
}

// The generator must reproduce the shipped 200 KiB input, or the other sizes are not its shape.
const shippedInputFile = path.join(workloadDir, 'big-payload.input.json');
const shippedInput = fs.readFileSync(shippedInputFile, 'utf8');
if (JSON.stringify(bigPayloadInput(200 * 1024)) + '\n' !== shippedInput) {
  console.log('bench: warning: the big-payload generator no longer matches the shipped input');
}

// ---------------------------------------------------------------------------------------------
// The workloads.

const workloads = ['pass-chain', 'choice-loop', 'map-10k', 'parallel-fanout', 'big-payload', 'task-echo']
  .map((name) => workload(name, path.join(workloadDir, `${name}.asl.json`), path.join(workloadDir, `${name}.input.json`)));
const payloadSizes = [
  { label: '20 KiB', key: '20k', bytes: 20 * 1024 },
  { label: '200 KiB', key: '200k', bytes: 200 * 1024 },
  { label: '2 MiB', key: '2m', bytes: 2 * 1024 * 1024 },
].map((size) => {
  let inputFile = shippedInputFile;
  let records = JSON.parse(shippedInput).payload.records;
  let full = workloads.find((w) => w.name === 'big-payload');
  if (size.key !== '200k') {
    const input = bigPayloadInput(size.bytes);
    inputFile = path.join(genDir, `big-payload-${size.key}.input.json`);
    writeFresh(inputFile, JSON.stringify(input) + '\n');
    records = input.payload.records;
    full = bigPayloadWorkload(`big-payload-${size.key}`, inputFile, records, 100);
  }
  const short = bigPayloadWorkload(`big-payload-${size.key}-10`, inputFile, records, 10);
  // Only Stepwise, with history off: with history on, 1,000 states of 2 MiB print 4 GiB of events.
  const long = bigPayloadWorkload(`big-payload-${size.key}-1000`, inputFile, records, 1000,
    { off: true, on: false, peer: false });
  return { ...size, inputFile, full, short, long };
});
const allWorkloads = [...workloads];
for (const size of payloadSizes) {
  if (!allWorkloads.includes(size.full)) allWorkloads.push(size.full);
  allWorkloads.push(size.short, size.long);
}

// ---------------------------------------------------------------------------------------------
// Running one process and measuring it.

const failures = [];
const warnings = [];
const kTimeoutMs = 10 * 60 * 1000;

// Runs argv with stdout to a file; stderr is read through a pipe keeping only its first and last
// few KiB (with --history, Stepwise writes every event there: 500 MiB on the 2 MiB big-payload).
// Resolves to {status, wallMs, head, tail}. The wall time is the whole process as the script sees
// it: exec, load, run, output, exit.
function timedRun(argv, stdoutFile, cwd) {
  return new Promise((resolve) => {
    const out = fs.openSync(stdoutFile, 'w');
    let head = '';
    let tail = '';
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, 'pipe'], cwd, timeout: kTimeoutMs });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      if (head.length < 8192) head += chunk.slice(0, 8192 - head.length);
      tail = (tail + chunk).slice(-2048);
    });
    let error = null;
    child.on('error', (e) => { error = e; });
    child.on('close', (status, signal) => {
      const wallMs = performance.now() - started;
      fs.closeSync(out);
      resolve({ status, signal, error, wallMs, head, tail: tail.trim().slice(-600) });
    });
  });
}

// Peak RSS in KiB with GNU time's %M (the maximum resident set size of the process).
function readTimeRss(file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const kb = parseInt(lines[lines.length - 1], 10);
  return Number.isFinite(kb) ? kb : null;
}

function check(w, engine, outputFile) {
  let output;
  try {
    output = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
  } catch (e) {
    return [`${engine}: the output is not JSON: ${e.message}`];
  }
  return runChecks(w.meta, output).map((f) => `${engine}: ${f}`);
}

function stepwiseArgv(w, history) {
  const argv = [args.stepwise, 'run', w.asl, '--input', `@${w.input}`,
    '--payload-limit', '0', '--stats'];
  if (history) argv.push('--history');
  for (const name of w.meta.echoTasks ?? []) argv.push('--task', `${name}=:echo`);
  return argv;
}

// One Stepwise run: timed on its own, then (with GNU time) once more under time for the peak RSS,
// so the wrapper's exec (about 2 ms) stays out of the whole-process time of runs that take 5 ms.
// With --history the events go to stderr after the statistics line; they are written and dropped.
async function runStepwise(w, history) {
  const label = `stepwise (history ${history ? 'on' : 'off'})`;
  const tag = `${w.name}.stepwise-${history ? 'on' : 'off'}`;
  const stdoutFile = path.join(outDir, `${tag}.json`);
  const argv = stepwiseArgv(w, history);
  const r = await timedRun(argv, stdoutFile);
  if (r.status !== 0) {
    failures.push(`${w.name}: ${label} exited with ${r.status ?? r.signal ?? r.error}: ${r.tail}`);
    return null;
  }
  let stats;
  try {
    stats = JSON.parse(r.head.split('\n')[0]);
  } catch {
    failures.push(`${w.name}: ${label} printed no --stats line`);
    return null;
  }
  const checkFailures = check(w, label, stdoutFile);
  if (checkFailures.length) {
    failures.push(...checkFailures.map((f) => `${w.name}: ${f}`));
    return null;
  }
  if (stats.transitions !== w.meta.transitions) {
    warnings.push(`${w.name}: ${label} counted ${stats.transitions} transitions, the workload ` +
      `${w.meta.transitions}; figures use the workload's count`);
  }
  let rssKb = stats.peak_rss_kb;
  if (timeBin) {
    const rssFile = path.join(outDir, `${tag}.rss`);
    const t = spawnSync(timeBin, ['-f', '%M', '-o', rssFile, ...argv],
      { stdio: ['ignore', 'ignore', 'ignore'], timeout: kTimeoutMs });
    if (t.status === 0) rssKb = readTimeRss(rssFile) ?? rssKb;
  }
  return {
    tps: w.meta.transitions / (stats.run_ms / 1000),
    runMs: stats.run_ms,
    wholeTps: w.meta.transitions / (r.wallMs / 1000),
    rssKb,
  };
}

// One peer run: run_peer.mjs in the cache directory, under GNU time when present (its runs take
// seconds, so the wrapper's exec does not matter), the output dumped and checked the same way.
async function runPeer(w) {
  const stdoutFile = path.join(outDir, `${w.name}.peer.stdout`);
  const dumpFile = path.join(outDir, `${w.name}.peer.json`);
  const rssFile = path.join(outDir, `${w.name}.peer.rss`);
  fs.rmSync(dumpFile, { force: true });
  let argv = [peerNode, path.join(args.cache, 'run_peer.mjs'), w.asl, w.input, '--dump', dumpFile];
  if (timeBin) argv = [timeBin, '-f', '%M', '-o', rssFile, ...argv];
  const r = await timedRun(argv, stdoutFile, args.cache);
  const stdout = fs.readFileSync(stdoutFile, 'utf8');
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) {
    failures.push(`${w.name}: the peer exited with ${r.status ?? r.signal ?? r.error}: ` +
      `${stdout.trim().slice(-400)} ${r.tail}`);
    return null;
  }
  const fields = Object.fromEntries(line.slice(7).split(' ').map((kv) => kv.split('=')));
  const checkFailures = fields.ok === 'true' ? check(w, 'peer', dumpFile) : [`peer: ok=${fields.ok}`];
  if (checkFailures.length) {
    failures.push(...checkFailures.map((f) => `${w.name}: ${f}`));
    return null;
  }
  const rssKb = timeBin ? readTimeRss(rssFile) : null;
  return {
    tps: Number(fields.tps),
    runMs: Number(fields.run_ms),
    wholeTps: w.meta.transitions / (r.wallMs / 1000),
    rssKb: rssKb ?? Number(fields.rss_mb) * 1024,
    node: fields.node,
  };
}

// ---------------------------------------------------------------------------------------------
// Run everything: per workload, R rounds of (Stepwise off, Stepwise on, peer), interleaved so that
// any drift of the machine's load falls on all three alike.

const median = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summarize = (samples) => {
  const ok = samples.filter(Boolean);
  if (ok.length === 0) return null;
  const keys = ['tps', 'runMs', 'wholeTps', 'rssKb'];
  return Object.fromEntries(keys.map((k) => [k, median(ok.map((s) => s[k]))]));
};

const results = {};
let peerNodeVersion = null;
for (const w of allWorkloads) {
  const samples = { off: [], on: [], peer: [] };
  const started = performance.now();
  for (let r = 0; r < runs; r++) {
    if (w.engines.off) samples.off.push(await runStepwise(w, false));
    if (w.engines.on) samples.on.push(await runStepwise(w, true));
    if (peerNode && w.engines.peer) {
      const p = await runPeer(w);
      samples.peer.push(p);
      if (p) peerNodeVersion = p.node;
    }
  }
  results[w.name] = { off: summarize(samples.off), on: summarize(samples.on), peer: summarize(samples.peer) };
  process.stderr.write(`bench: ${w.name}: ${runs} runs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
for (const f of fs.readdirSync(outDir)) {
  if (f.endsWith('.stdout') || f.endsWith('.rss')) fs.rmSync(path.join(outDir, f));
}

// ---------------------------------------------------------------------------------------------
// Report.

const int = (x) => (x == null ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const times = (x) => (x == null ? 'n/a' : x >= 100 ? `${Math.round(x)}×` : `${x.toFixed(1)}×`);
const mib = (kb) => (kb == null ? 'n/a' : (kb / 1024).toFixed(1));
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
const us = (ms) => (ms == null ? 'n/a' : (ms * 1000).toFixed(ms * 1000 >= 100 ? 0 : 1));
const us2 = (ms) => (ms == null ? 'n/a' : (ms * 1000).toFixed(2));

console.log('');
console.log(`### Stepwise vs aws-local-stepfunctions (medians of ${runs} runs, each a separate process)`);
console.log('');
console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} ` +
  `at the end. Peer: aws-local-stepfunctions 3 on Node ${peerNodeVersion ?? 'n/a'}.`);
console.log('In-process tps: execution start to end (Stepwise: --stats run_ms; peer: run_peer.mjs run_ms, ' +
  'the cold run). Whole-process tps: transitions / wall time of the process. ' +
  (timeBin ? 'Peak RSS: GNU time %M for both engines.'
    : "Peak RSS: Stepwise's peak_rss_kb; peer's rss_mb (RSS at the end of its run; GNU time not found)."));
console.log('Stepwise runs with --payload-limit 0: several outputs exceed AWS\'s 256 KiB payload quota, ' +
  'which the peer does not enforce.');
console.log('');
console.log('| workload | stepwise tps (history off) | stepwise tps (history on) | peer tps | ratio off | ratio on ' +
  '| whole-process tps ours / peer | peak RSS ours / peer (MiB) | mem ratio | peak RSS ours, history on (MiB) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const w of workloads) {
  const { off, on, peer } = results[w.name];
  console.log(`| ${w.name} | ${int(off?.tps)} | ${int(on?.tps)} | ${int(peer?.tps)} ` +
    `| ${times(ratio(off?.tps, peer?.tps))} | ${times(ratio(on?.tps, peer?.tps))} ` +
    `| ${int(off?.wholeTps)} / ${int(peer?.wholeTps)} | ${mib(off?.rssKb)} / ${mib(peer?.rssKb)} ` +
    `| ${ratio(off?.rssKb, peer?.rssKb)?.toFixed(3) ?? 'n/a'} | ${mib(on?.rssKb)} |`);
}

console.log('');
console.log('### big-payload: cost per state by payload size (in-process, medians)');
console.log('');
console.log('Per state: run time of the 100-state machine / 100, including what an execution pays once. ' +
  'Marginal: the cost of one more state, (run time of N states - run time of 10) / (N - 10), with ' +
  'N = 1,000 for Stepwise (history off) and 100 for the peer; a value below 0 is noise around ~0.');
console.log('');
console.log('| payload | input bytes | stepwise µs/state (history off) | stepwise µs/state (history on) ' +
  '| peer µs/state | peer / stepwise (off) | stepwise marginal µs/state | peer marginal µs/state |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const perState = (size, key) => {
  const full = results[size.full.name][key];
  return full ? full.runMs / size.full.meta.transitions : null;
};
const marginal = (size, key) => {
  const long = key === 'peer' ? size.full : size.long;
  const a = results[long.name][key];
  const b = results[size.short.name][key];
  if (!a || !b) return null;
  return (a.runMs - b.runMs) / (long.meta.transitions - size.short.meta.transitions);
};
for (const size of payloadSizes) {
  const inputBytes = fs.statSync(size.inputFile).size;
  console.log(`| ${size.label} | ${inputBytes.toLocaleString('en-US')} | ${us(perState(size, 'off'))} ` +
    `| ${us(perState(size, 'on'))} | ${us(perState(size, 'peer'))} ` +
    `| ${times(ratio(perState(size, 'peer'), perState(size, 'off')))} ` +
    `| ${us2(marginal(size, 'off'))} | ${us(marginal(size, 'peer'))} |`);
}

// Targets (from the issue).
const mark = (met) => (met == null ? 'not evaluated' : met ? '**met**' : '**not met**');
const below = (ratioOf, min) => {
  const misses = [];
  let worst = null;
  for (const w of workloads) {
    const r = ratioOf(results[w.name]);
    if (r == null) return { met: null, text: 'no peer figures' };
    if (worst == null || r < worst.r) worst = { r, name: w.name };
    if (r < min) misses.push(`${w.name} ${times(r)}`);
  }
  return { met: misses.length === 0, text: `lowest ${worst.name} ${times(worst.r)}` + (misses.length ? `; below: ${misses.join(', ')}` : '') };
};
const tOff = below((r) => ratio(r.off?.tps, r.peer?.tps), 100);
const tOn = below((r) => ratio(r.on?.tps, r.peer?.tps), 30);

// "Independent of size": the marginal per-state time at the largest payload within 2× of the
// smallest's, while the payload grows 100×. (A negative marginal is noise: treated as 0.)
const sizeTrend = (key, of) => {
  const xs = payloadSizes.map((size) => of(size, key));
  return xs.some((x) => x == null) ? null : Math.max(xs[2], 0) / Math.max(xs[0], 1e-6);
};
const oursTrendTotal = sizeTrend('off', perState);
const oursTrend = sizeTrend('off', marginal);
const peerTrend = sizeTrend('peer', marginal);

const memOf = (key) => {
  let worst = null;
  for (const w of workloads) {
    const r = ratio(results[w.name][key]?.rssKb, results[w.name].peer?.rssKb);
    if (r == null) return null;
    if (worst == null || r > worst.r) worst = { r, name: w.name };
  }
  return worst;
};
const memOff = memOf('off');
const memOn = memOf('on');

console.log('');
console.log('### Targets');
console.log('');
console.log(`- In-process tps ≥ 100× the peer's on every workload, history off: ${mark(tOff.met)} (${tOff.text})`);
console.log(`- In-process tps ≥ 30× the peer's on every workload, history on: ${mark(tOn.met)} (${tOn.text})`);
console.log(`- big-payload cost per state independent of payload size (marginal µs/state at 2 MiB within 2× of ` +
  `20 KiB's, history off): ${mark(oursTrend == null ? null : oursTrend < 2)} (2 MiB / 20 KiB, marginal: ` +
  `stepwise ${oursTrend?.toFixed(2) ?? 'n/a'}, peer ${peerTrend?.toFixed(1) ?? 'n/a'}; per state of the ` +
  `100-state run, once-per-execution costs included: stepwise ${oursTrendTotal?.toFixed(2) ?? 'n/a'})`);
console.log(`- Peak memory below a quarter of the peer's on every workload: ` +
  `${mark(memOff == null ? null : memOff.r < 0.25)} with history off (highest ${memOff ? `${memOff.name} ${memOff.r.toFixed(3)}` : 'n/a'}); ` +
  `${mark(memOn == null ? null : memOn.r < 0.25)} with history on (highest ${memOn ? `${memOn.name} ${memOn.r.toFixed(3)}` : 'n/a'})`);

if (warnings.length) {
  console.log('');
  for (const w of warnings) console.log(`bench: warning: ${w}`);
}
if (failures.length) {
  console.log('');
  console.log(`bench: FAILED: ${failures.length} run(s) failed or did not pass the output checks:`);
  for (const f of [...new Set(failures)]) console.log(`  ${f}`);
  process.exit(1);
}
