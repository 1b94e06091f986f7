// The soak of issue 15 (run through scripts/soak): a real `echotune serve` on
// loopback with its own redis-server (and mongo-wire with --backend mongo),
// the demo data, a fake LLM, steady mixed traffic over every endpoint family,
// and scheduled faults: Redis killed and restarted twice, then the store's
// disk full (SQLite on a small tmpfs) or MongoDB stopped (SIGSTOP) for a while.
// Prints: requests, 5xx inside/outside the fault windows, acknowledged vs
// stored listens, RSS at start and end, p50/p99 per route. Exit 1 when a goal
// is missed (5xx outside the windows, a listen lost, or the service died).
// Node ≥ 18, no dependencies beyond web/e2e/fake_llm.mjs. 127.0.0.1 only.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, statSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY as LLM_KEY, startFakeLlm } from '../web/e2e/fake_llm.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const minutes = Number(args.minutes ?? 10);
const rate = Number(args.rate ?? 40); // requests per second
const backend = args.backend ?? 'sqlite';
const binary = resolve(args.binary ?? join(root, 'build/echotune'));
const diskMb = Number(args['disk-mb'] ?? 512);
const cacheMb = Number(args['cache-mb'] ?? 256); // ECHOTUNE_CACHE_MAX_MB, the in-process cache's bound
// The demo's catalogue files cut to their first N rows (0: whole). mongo-wire
// (mongomock) cannot take the whole demo catalogue in one run, so 300 there.
const demoRows = Number(args['demo-rows'] ?? (backend === 'mongo' ? 300 : 0));
if (!(minutes > 0 && minutes <= 24 * 60) || !(rate > 0 && rate <= 1000) || !['sqlite', 'mongo'].includes(backend) ||
    !(Number.isInteger(demoRows) && demoRows >= 0)) {
  console.error('usage: scripts/soak [--minutes N (10)] [--rate R req/s (40)] [--backend sqlite|mongo] [--binary PATH] [--disk-mb N (512)] [--cache-mb N (256)] [--demo-rows N (0 = all; mongo: 300)]');
  process.exit(2);
}
if (!existsSync(binary)) {
  console.error(`soak: no binary at ${binary} (build it: cmake --build build --target echotune)`);
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...m) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}]`, ...m);
const dir = mkdtempSync(join(tmpdir(), 'echotune-soak-'));
const children = [];
let mounted = false;

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`soak: unknown argument ${argv[i]}`);
    out[m[1]] = m[2] ?? argv[++i];
  }
  return out;
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitPort(port, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await new Promise((res) => {
      const s = new Socket();
      s.once('connect', () => (s.destroy(), res(true)));
      s.once('error', () => res(false));
      s.connect(port, '127.0.0.1');
    });
    if (ok) return true;
    await sleep(50);
  }
  return false;
}

function track(child, name) {
  children.push(child);
  child.on('exit', (code, sig) => {
    if (!shuttingDown && !child.expectedExit) log(`${name} exited unexpectedly (code ${code}, signal ${sig})`);
  });
  return child;
}

// ---- dependencies --------------------------------------------------------------------------
const redisPort = await freePort();
let redis = null;
async function startRedis() {
  redis = track(spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' }), 'redis-server');
  if (!(await waitPort(redisPort, 10_000))) throw new Error('redis-server did not start');
}
function killRedis() {
  redis.expectedExit = true;
  redis.kill('SIGKILL');
}

let mongo = null;
let mongoUri = null;
async function startMongo() {
  const script = process.env.ECHOTUNE_MONGO_WIRE ?? resolve(root, '../shared/tools/mongo-wire/mongomock_wire.py');
  const port = await freePort();
  // Debian's python3 has mongomock and pymongo (apt); a pyenv shim earlier in PATH may not.
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  mongo = track(spawn(python, [script, '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore' }), 'mongo-wire');
  if (!(await waitPort(port, 20_000))) throw new Error('mongo-wire did not start');
  mongoUri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
}

// The SQLite store on a tmpfs of its own, so that it can be filled.
const dbDir = join(dir, 'db');
mkdirSync(dbDir);
if (backend === 'sqlite') {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${diskMb}m`, 'tmpfs', dbDir], { stdio: 'ignore' });
    mounted = true;
  } catch {
    log('cannot mount a tmpfs (not root?): the disk-full fault is skipped');
  }
}

let shuttingDown = false;
function cleanup() {
  shuttingDown = true;
  for (const c of children) {
    try {
      c.kill('SIGCONT');
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  if (mounted) {
    try {
      execFileSync('umount', ['-l', dbDir], { stdio: 'ignore' });
    } catch {
      /* best effort */
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
process.on('SIGINT', () => (cleanup(), process.exit(130)));
process.on('SIGTERM', () => (cleanup(), process.exit(143)));

await startRedis();
if (backend === 'mongo') await startMongo();
const llm = await startFakeLlm({ chunkMs: 1 });
llm.calls.length = 0;

const port = await freePort();
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME ?? dir,
  HOST: '127.0.0.1',
  PORT: String(port),
  JWT_SECRET: 'soak-secret',
  LOG_LEVEL: 'warn',
  ECHOTUNE_CACHE_MAX_MB: String(cacheMb),
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  RATE_LIMIT_GLOBAL: '100000000',
  RATE_LIMIT_AUTH: '100000000',
  RATE_LIMIT_RECS: '100000000',
  RATE_LIMIT_CHAT: '100000000',
  RATE_LIMIT_SPOTIFY: '100000000',
  OPENAI_API_KEY: LLM_KEY,
  OPENAI_BASE_URL: llm.baseUrl,
  LLM_FALLBACK_CHAIN: 'openai',
  SPOTIFY_CLIENT_ID: 'soak-client',
  SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:9',
  SPOTIFY_SYNC_INTERVAL_S: '0',
  ECHOTUNE_SHARED_DATA: resolve(root, '../shared/data'),
  ...(backend === 'mongo'
    ? { MONGODB_URI: mongoUri, MONGODB_DB_NAME: 'echotune_soak', ECHOTUNE_TOKEN_KEY: '00'.repeat(32) }
    : { ECHOTUNE_DB_PATH: join(dbDir, 'echotune.db') }),
};

// A copy of the demo's data folder with every catalogue CSV cut to its header
// and first `rows` records (records are single lines in these files); the
// export samples are linked as they are.
function trimmedDemoData(shared, rows) {
  const out = join(dir, 'demo-data');
  for (const sub of ['spotify-songs-2020', 'spotify-hit-predictor']) {
    mkdirSync(join(out, sub), { recursive: true });
    for (const name of readdirSync(join(shared, sub)).filter((n) => n.endsWith('.csv'))) {
      const lines = readFileSync(join(shared, sub, name), 'utf8').split('\n');
      writeFileSync(join(out, sub, name), lines.slice(0, rows + 1).join('\n') + '\n');
    }
  }
  symlinkSync(join(shared, 'spotify-export-samples'), join(out, 'spotify-export-samples'));
  return out;
}
if (demoRows > 0) env.ECHOTUNE_SHARED_DATA = trimmedDemoData(env.ECHOTUNE_SHARED_DATA, demoRows);

log(`backend ${backend} + redis, ${minutes} min at ${rate} req/s; loading the demo data${demoRows > 0 ? ` (${demoRows} rows per catalogue file)` : ''}…`);
const t0 = Date.now();
execFileSync(binary, ['init-db'], { env, cwd: root, stdio: 'ignore' });
const demoOut = execFileSync(binary, ['demo'], { env, cwd: root, timeout: 1_800_000 }).toString();
const userIds = [...demoOut.matchAll(/echotune token --user ([0-9a-f]{24})/g)].map((m) => m[1]);
if (userIds.length === 0) throw new Error(`demo printed no users:\n${demoOut}`);
const tokens = userIds.map((id) => execFileSync(binary, ['token', '--user', id], { env, cwd: root }).toString().trim());
log(`demo loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${userIds.length} users`);

let serveLog = '';
const serve = track(spawn(binary, ['serve'], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }), 'echotune serve');
const keepLog = (d) => (serveLog = (serveLog + d).slice(-20000));
serve.stdout.on('data', keepLog);
serve.stderr.on('data', keepLog);
const base = `http://127.0.0.1:${port}`;
{
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/health`);
      const h = await r.json();
      if (r.ok && h.data.services.recommendations?.status === 'healthy') break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || serve.exitCode !== null) throw new Error(`echotune serve did not start:\n${serveLog}`);
    await sleep(200);
  }
}

function rssKb(pid, field = 'VmRSS') {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  } catch {
    return null;
  }
}
// Anonymous (heap: caches, SQLite's page cache), file-backed and shared (the
// SQLite file mapped with mmap_size, shmem when it lives on a tmpfs; the WAL index).
const rssParts = (pid) => ['RssAnon', 'RssFile', 'RssShmem'].map((f) => `${f.slice(3)} ${(rssKb(pid, f) / 1024).toFixed(1)}`).join(', ');
// What the service may hold by design: the in-process cache's bound, SQLite's
// page cache (cache_size 128 MiB on each of the pool's 4 connections) and the
// mapped database file (mmap_size 1 GiB, so the whole file).
const sqlitePageCacheMb = backend === 'sqlite' ? 4 * 128 : 0;

// ---- stored listens ------------------------------------------------------------------------
function sqliteCount() {
  return Number(execFileSync('sqlite3', [join(dbDir, 'echotune.db'), 'SELECT COUNT(*) FROM echotune_listening_history']).toString().trim());
}

// A minimal OP_MSG {count: coll} to mongo-wire (no driver needed).
function bsonDoc(fields) {
  const parts = [];
  for (const [k, v] of Object.entries(fields)) {
    const key = Buffer.from(`${k}\0`);
    const s = Buffer.from(`${v}\0`);
    const len = Buffer.alloc(4);
    len.writeInt32LE(s.length);
    parts.push(Buffer.from([0x02]), key, len, s);
  }
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(4);
  head.writeInt32LE(body.length + 5);
  return Buffer.concat([head, body, Buffer.from([0])]);
}
async function mongoCount() {
  const port = Number(/:(\d+)\//.exec(mongoUri)[1]);
  const doc = bsonDoc({ count: 'echotune_listening_history', $db: 'echotune_soak' });
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + 4 + 1 + doc.length, 0);
  header.writeInt32LE(1, 4);
  header.writeInt32LE(2013, 12);
  const msg = Buffer.concat([header, Buffer.alloc(4), Buffer.from([0]), doc]);
  const reply = await new Promise((res, rej) => {
    const s = new Socket();
    let buf = Buffer.alloc(0);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) (s.destroy(), res(buf));
    });
    s.once('error', rej);
    s.connect(port, '127.0.0.1', () => s.write(msg));
  });
  // Walk the reply document for "n" (int32, int64 or double).
  let i = 21 + 4;
  while (i < reply.length) {
    const type = reply[i];
    const end = reply.indexOf(0, i + 1);
    const name = reply.toString('utf8', i + 1, end);
    i = end + 1;
    if (name === 'n') return type === 0x10 ? reply.readInt32LE(i) : type === 0x12 ? Number(reply.readBigInt64LE(i)) : reply.readDoubleLE(i);
    if (type === 0x01 || type === 0x12 || type === 0x09) i += 8;
    else if (type === 0x10) i += 4;
    else if (type === 0x08) i += 1;
    else if (type === 0x02) i += 4 + reply.readInt32LE(i);
    else if (type === 0x03 || type === 0x04) i += reply.readInt32LE(i);
    else break;
  }
  throw new Error('mongo-wire count reply without n');
}
const storedListens = () => (backend === 'mongo' ? mongoCount() : sqliteCount());

// ---- traffic -------------------------------------------------------------------------------
const stats = new Map(); // route -> {n, latencies[], s5xx, s4xx, other{}}
const windows = []; // [{name, from, to}] ms since epoch; `to` null while open
const graceMs = 20_000; // after a fault ends, the dependency may take a moment to be back
let acknowledged = 0;
let unknownOutcome = 0; // listens whose request failed without an answer
let inflight = 0;
let dropped = 0;
let sent = 0;
const fivexx = { inside: 0, outside: 0, samples: [] };

function inWindow(at) {
  return windows.some((w) => at >= w.from && at <= (w.to ?? Infinity) + graceMs);
}

async function call(route, method, path, body, token, expect = [200]) {
  const st = stats.get(route) ?? { n: 0, lat: [], s5xx: 0, s4xx: 0, codes: {} };
  stats.set(route, st);
  const start = Date.now();
  let status = 0;
  let json = null;
  try {
    const r = await fetch(base + path, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    status = r.status;
    const text = await r.text();
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  } catch (e) {
    status = 0; // no answer (connection refused, reset, timeout)
  }
  const ms = Date.now() - start;
  st.n++;
  st.lat.push(ms);
  const key = status === 0 ? 'no answer' : String(status);
  if (!expect.includes(status)) st.codes[`${key}${json?.code ? ` ${json.code}` : ''}`] = (st.codes[`${key}${json?.code ? ` ${json.code}` : ''}`] ?? 0) + 1;
  if (status >= 500 || status === 0) {
    st.s5xx++;
    const inside = inWindow(start);
    for (const w of windows) if (start >= w.from && start <= (w.to ?? Infinity) + graceMs) w.failures = (w.failures ?? 0) + 1;
    fivexx[inside ? 'inside' : 'outside']++;
    if (!inside && fivexx.samples.length < 10) fivexx.samples.push(`${route} ${key} ${json?.code ?? ''} ${json?.error ?? ''}`);
  } else if (status >= 400) st.s4xx++;
  return { status, json };
}

// Per-user state.
const users = tokens.map((token, i) => ({ token, i, minute: 0, trackIds: [], playlists: [], session: null }));
const epoch = Date.now() - 400 * 86400_000;
for (const u of users) {
  const r = await call('GET /api/recommendations', 'GET', '/api/recommendations?limit=50', null, u.token);
  u.trackIds = (r.json?.data ?? []).map((t) => t.trackId);
  if (u.trackIds.length === 0) throw new Error('no recommendations for a demo user');
}
stats.clear();
const before = await storedListens();

const pick = (a) => a[Math.floor(Math.random() * a.length)];
const moods = ['happy', 'calm', 'energetic', 'sad', 'focus'];
const prompts = ['calm jazz for reading', 'upbeat pop for running', 'energetic rock workout', 'chill evening acoustic', 'focus music without vocals'];
// Weighted families of every endpoint that needs no Spotify account.
const actions = [
  [10, async (u) => {
    const n = 1 + Math.floor(Math.random() * 5);
    const listens = [];
    for (let k = 0; k < n; k++) {
      listens.push({ trackId: pick(u.trackIds), playedAt: new Date(epoch + 60_000 * (u.minute++ * users.length + u.i)).toISOString(), durationMs: 200_000 });
    }
    const r = await call('POST /api/history', 'POST', '/api/history', { listens }, u.token);
    if (r.status === 200) acknowledged += r.json.data.inserted;
    else if (r.status === 0) unknownOutcome += n;
  }],
  [8, (u) => call('GET /api/recommendations', 'GET', `/api/recommendations?limit=20&strategy=${pick(['hybrid', 'content', 'collaborative', 'popular'])}`, null, u.token)],
  [3, (u) => call('GET /api/recommendations', 'GET', `/api/recommendations?limit=10&mood=${pick(moods)}`, null, u.token)],
  [4, (u) => call('POST /api/recommendations/feedback', 'POST', '/api/recommendations/feedback', { trackId: pick(u.trackIds), action: pick(['like', 'save', 'dislike']) }, u.token, [200, 201, 404])],
  [2, async (u) => {
    const r = await call('POST /api/playlists/generate', 'POST', '/api/playlists/generate', { prompt: pick(prompts), trackCount: 15 }, u.token, [201]);
    if (r.status === 201 && u.playlists.length < 20) u.playlists.push(r.json.data.id ?? r.json.data._id);
  }],
  [3, (u) => call('GET /api/playlists', 'GET', '/api/playlists', null, u.token)],
  [1, (u) => call('GET /api/playlists/search', 'GET', `/api/playlists/search?q=${pick(['calm', 'pop', 'rock', 'focus'])}`, null, u.token)],
  [2, (u) => (u.playlists.length
    ? call('PATCH /api/playlists/{id}', 'PATCH', `/api/playlists/${pick(u.playlists)}`, Math.random() < 0.5 ? { name: `Soak ${Date.now()}` } : { add: [pick(u.trackIds)] }, u.token)
    : null)],
  [3, (u) => call('GET /api/user/settings', 'GET', '/api/user/settings', null, u.token)],
  [2, (u) => call('PATCH /api/user/settings', 'PATCH', '/api/user/settings', { energyLevel: Math.round(Math.random() * 10) / 10, theme: pick(['dark', 'light']) }, u.token)],
  [4, (u) => call('GET /api/analytics/*', 'GET', `/api/analytics/${pick(['top-artists', 'top-tracks', 'top-genres', 'listening-time', 'energy-trend'])}?period=${pick(['7d', '30d', '90d', 'all'])}`, null, u.token)],
  [1, (u) => call('GET /api/analytics/export', 'GET', '/api/analytics/export?period=30d', null, u.token)],
  [2, async (u) => {
    if (!u.session || Math.random() < 0.05) {
      const r = await call('POST /api/chat/start', 'POST', '/api/chat/start', {}, u.token, [201]);
      if (r.status === 201) u.session = r.json.data.sessionId;
      return;
    }
    await call('POST /api/chat/message', 'POST', '/api/chat/message', { sessionId: u.session, message: pick(['recommend something calm', 'what did I play most?', 'play some jazz']) }, u.token);
  }],
  [1, (u) => (u.session ? call('GET /api/chat/history', 'GET', `/api/chat/history?sessionId=${u.session}`, null, u.token) : null)],
  [2, () => call('GET /auth/login', 'GET', '/auth/login')],
  [3, () => call('GET /api/health', 'GET', '/api/health')],
  [1, () => call('GET /api/llm/providers', 'GET', '/api/llm/providers')],
  [1, () => call('GET /metrics', 'GET', '/metrics')],
];
const totalWeight = actions.reduce((s, [w]) => s + w, 0);
function randomAction() {
  let x = Math.random() * totalWeight;
  for (const [w, f] of actions) if ((x -= w) < 0) return f;
  return actions[0][1];
}

// ---- faults --------------------------------------------------------------------------------
const durationMs = minutes * 60_000;
function openWindow(name) {
  const w = { name, from: Date.now(), to: null };
  windows.push(w);
  log(`fault: ${name}`);
  return w;
}
const filler = join(dbDir, 'filler');
const schedule = [
  [0.15, () => { killRedis(); openWindow('redis killed'); }],
  [0.25, async () => { await startRedis(); windows.at(-1).to = Date.now(); log('redis restarted'); }],
  [0.45, () => { killRedis(); openWindow('redis killed'); }],
  [0.55, async () => { await startRedis(); windows.at(-1).to = Date.now(); log('redis restarted'); }],
];
if (backend === 'sqlite' && mounted) {
  schedule.push([0.65, () => {
    openWindow('disk full');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(1 << 20, 'f');
    try {
      for (;;) writeSync(fd, chunk);
    } catch {
      try {
        for (;;) writeSync(fd, chunk, 0, 4096);
      } catch {
        /* full */
      }
    }
    closeSync(fd);
  }]);
  schedule.push([0.75, () => { unlinkSync(filler); windows.at(-1).to = Date.now(); log('disk space back'); }]);
}
if (backend === 'mongo') {
  schedule.push([0.65, () => { mongo.kill('SIGSTOP'); openWindow('mongodb stopped'); }]);
  schedule.push([0.75, () => { mongo.kill('SIGCONT'); windows.at(-1).to = Date.now(); log('mongodb resumed'); }]);
}

// ---- run -----------------------------------------------------------------------------------
const start = Date.now();
const rssStart = rssKb(serve.pid);
const partsStart = rssParts(serve.pid);
let rssMax = rssStart;
const rssSamples = [];
const maxInflight = 64;
let nextFault = 0;
const timer = setInterval(() => {
  if (inflight >= maxInflight) {
    dropped++;
    return;
  }
  inflight++;
  sent++;
  const u = pick(users);
  Promise.resolve(randomAction()(u)).catch((e) => log(`driver error: ${e.message}`)).finally(() => inflight--);
}, 1000 / rate);
let lastProgress = start;
while (Date.now() - start < durationMs) {
  await sleep(250);
  const frac = (Date.now() - start) / durationMs;
  while (nextFault < schedule.length && frac >= schedule[nextFault][0]) await schedule[nextFault++][1]();
  const rss = rssKb(serve.pid);
  if (rss) rssMax = Math.max(rssMax, rss);
  if (Date.now() - lastProgress >= 30_000) {
    lastProgress = Date.now();
    rssSamples.push(rss);
    log(`${sent} requests, ${fivexx.inside} 5xx in fault windows, ${fivexx.outside} outside, RSS ${(rss / 1024).toFixed(1)} MiB`);
  }
  if (serve.exitCode !== null) break;
}
clearInterval(timer);
while (nextFault < schedule.length) await schedule[nextFault++][1]();  // close any open fault
const drainDeadline = Date.now() + 70_000;
while (inflight > 0 && Date.now() < drainDeadline) await sleep(100);
const rssEnd = rssKb(serve.pid);
const partsEnd = rssParts(serve.pid);
let dbMb = 0;
try {
  dbMb = backend === 'sqlite' ? statSync(join(dbDir, 'echotune.db')).size / (1 << 20) : 0;
} catch {
  /* no file */
}
const alive = serve.exitCode === null;
let stored = null;
try {
  stored = (await storedListens()) - before;
} catch (e) {
  log(`could not count stored listens: ${e.message}`);
}

// ---- report --------------------------------------------------------------------------------
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
const lines = [];
const total = [...stats.values()].reduce((s, r) => s + r.n, 0);
lines.push(`EchoTune soak: backend ${backend} + redis, ${((Date.now() - start) / 60000).toFixed(1)} min at ${rate} req/s (${dropped} ticks skipped at ${maxInflight} in flight)`);
lines.push(`faults: ${windows.map((w) => `${w.name} ${((w.from - start) / 1000).toFixed(0)}–${(((w.to ?? Date.now()) - start) / 1000).toFixed(0)} s (${w.failures ?? 0} 5xx)`).join('; ') || 'none'}`);
if (backend === 'sqlite' && !mounted) lines.push('disk-full fault skipped: could not mount a tmpfs');
lines.push(`requests: ${total}; 5xx or no answer: ${fivexx.inside} inside fault windows (+${graceMs / 1000} s grace), ${fivexx.outside} outside (goal 0)`);
for (const s of fivexx.samples) lines.push(`  outside-window failure: ${s}`);
lines.push(`listens: acknowledged ${acknowledged}, stored ${stored ?? '?'} (goal equal)${unknownOutcome ? `, ${unknownOutcome} in requests without an answer` : ''}`);
lines.push(`RSS of echotune serve: start ${(rssStart / 1024).toFixed(1)} MiB, end ${(rssEnd / 1024).toFixed(1)} MiB, max ${(rssMax / 1024).toFixed(1)} MiB; every 30 s: ${rssSamples.map((r) => (r / 1024).toFixed(0)).join(' ')}`);
const boundMb = cacheMb + sqlitePageCacheMb + dbMb;
const growthMb = (rssEnd - rssStart) / 1024;
lines.push(`RSS MiB by kind: start ${partsStart}; end ${partsEnd}`);
lines.push(`RSS growth ${growthMb.toFixed(1)} MiB; the caches' bounds: in-process cache ${cacheMb} + SQLite page cache ${sqlitePageCacheMb} + mapped database file ${dbMb.toFixed(1)} = ${boundMb.toFixed(0)} MiB (${growthMb <= boundMb ? 'within' : 'BEYOND'}); growth over the second half: ${rssSamples.length >= 2 ? `${((rssSamples.at(-1) - rssSamples[Math.floor(rssSamples.length / 2)]) / 1024).toFixed(1)} MiB` : 'n/a'}`);
lines.push(`service alive at the end: ${alive ? 'yes' : 'NO'}; fake LLM calls: ${llm.calls.length}`);
lines.push('');
lines.push(`${'route'.padEnd(34)} ${'requests'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'4xx'.padStart(5)} ${'5xx'.padStart(5)}  unexpected`);
for (const [route, s] of [...stats.entries()].sort()) {
  const sorted = s.lat.slice().sort((a, b) => a - b);
  const unexpected = Object.entries(s.codes).map(([k, v]) => `${k}×${v}`).join(', ');
  lines.push(`${route.padEnd(34)} ${String(s.n).padStart(8)} ${String(pct(sorted, 50)).padStart(7)} ${String(pct(sorted, 99)).padStart(7)} ${String(sorted.at(-1) ?? 0).padStart(7)} ${String(s.s4xx).padStart(5)} ${String(s.s5xx).padStart(5)}  ${unexpected}`);
}
console.log(`\n${lines.join('\n')}\n`);
if (!alive) console.log(`echotune serve log (tail):\n${serveLog.slice(-4000)}`);
await llm.close();
cleanup();
const ok = alive && fivexx.outside === 0 && stored === acknowledged && growthMb <= boundMb;
process.exit(ok ? 0 : 1);
