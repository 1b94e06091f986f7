// Web UI figures (issue 14), printed, never asserted:
//  1. JS transferred by the first load of `/` (gzip, as served), against the 250 KB bar;
//  2. time to interactive of `/` (the chat page) on loopback in headless Chromium;
//  3. analytics: time from the data arriving to the five charts drawn, for a
//     listener with 100,000 listens (period "all").
// Runs a real `echotune serve` with the demo data (or --db).
// Usage: node bench/web_bench.mjs --binary build-bench/echotune [--db existing.db] [--runs 10]
// (scripts/bench runs it when web/node_modules and chromium are there.)
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(resolve(root, 'web/package.json'));
const { chromium } = require('playwright-core');
const { startEchotune, chromiumPath } = await import(resolve(root, 'web/e2e/server.mjs'));

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const binary = resolve(args.binary ?? resolve(root, 'build/echotune'));
const runs = Number(args.runs ?? 10);
const LISTENS = Number(args.listens ?? 100000);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(0)} ms`;

async function signIn(server, user) {
  const link = server.loginLink(user);
  const code = link.slice(link.indexOf('#code=') + 6);
  const r = await fetch(`${server.base}/auth/link`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
  const body = await r.json();
  return { token: body.data.token, id: body.data.user._id };
}

// A listener with LISTENS plays spread over the past year, through POST /api/history.
async function seedHeavyListener(server, dbPath) {
  const who = await signIn(server, 'demo-cosmoduende');
  const ids = execFileSync('sqlite3', [dbPath, 'SELECT spotifyId FROM echotune_track_metadata ORDER BY popularity DESC LIMIT 5000'])
    .toString().trim().split('\n');
  const now = Date.now();
  const t0 = Date.now();
  for (let batch = 0; batch < LISTENS / 1000; ++batch) {
    const listens = [];
    for (let i = 0; i < 1000; ++i) {
      const n = batch * 1000 + i;
      listens.push({
        trackId: ids[(n * 7919) % ids.length],
        playedAt: new Date(now - (n % 365) * 86400000 - (n % 1440) * 60000 - n).toISOString(),
        durationMs: 120000 + (n % 120) * 1000,
      });
    }
    const r = await fetch(`${server.base}/api/history`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${who.token}` }, body: JSON.stringify({ listens }),
    });
    if (!r.ok) throw new Error(`POST /api/history: ${r.status} ${await r.text()}`);
  }
  console.log(`seeded ${LISTENS.toLocaleString()} listens for demo-cosmoduende in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return who;
}

const server = await startEchotune({ binary, webDir: resolve(root, 'web/dist'), db: args.db });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const demo = await signIn(server, 'demo-efrrowini');

  // 1. First-load JS, as transferred (the server sends the precompressed .gz).
  {
    const ctx = await browser.newContext();
    await ctx.addInitScript((t) => localStorage.setItem('echotune.token', t), demo.token);
    const page = await ctx.newPage();
    const scripts = [];
    page.on('requestfinished', async (req) => {
      if (req.resourceType() === 'script') {
        const sizes = await req.sizes();
        const res = await req.response();
        scripts.push({ url: req.url().replace(server.base, ''), bytes: sizes.responseBodySize, encoding: res?.headers()['content-encoding'] ?? 'identity' });
      }
    });
    // Not "networkidle": the live Socket.IO connection keeps the network busy.
    await page.goto(`${server.base}/`, { waitUntil: 'load' });
    await page.waitForSelector('main#main .chat');
    await page.waitForTimeout(1500); // lazily loaded chunks (socket.io-client) arrive

    const total = scripts.reduce((a, s) => a + s.bytes, 0);
    console.log('\n== first load of / (signed in, chat page) ==');
    for (const s of scripts) console.log(`  ${s.url}: ${(s.bytes / 1024).toFixed(1)} KB (${s.encoding})`);
    console.log(`  JS transferred: ${(total / 1024).toFixed(1)} KB (bar: <= 250 KB gzipped)`);
    await ctx.close();
  }

  // 2. Time to interactive of `/`: navigation start → the chat page settled
  //    (its availability check answered: content a user can act on) and then
  //    the main thread idle, on a cold cache each run. Also printed: DOMContentLoaded.
  {
    const tti = [];
    const dcl = [];
    const seen = [];
    for (let i = 0; i < runs; ++i) {
      const ctx = await browser.newContext();
      await ctx.addInitScript((t) => {
        localStorage.setItem('echotune.token', t);
        new MutationObserver(() => {
          if (!window.__seen && document.querySelector('main#main .notice-panel, main#main .chat')) window.__seen = performance.now();
        }).observe(document, { subtree: true, childList: true });
      }, demo.token);
      const page = await ctx.newPage();
      await page.goto(`${server.base}/`);
      await page.waitForSelector('main#main .notice-panel, main#main .chat');
      const t = await page.evaluate(() => new Promise((res) => requestIdleCallback(() => res(performance.now()), { timeout: 2000 })));
      const nav = await page.evaluate(() => ({ dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, seen: window.__seen }));
      tti.push(t);
      dcl.push(nav.dcl);
      seen.push(nav.seen);
      await ctx.close();
    }
    console.log('\n== time to interactive of / (chat page, loopback, cold cache) ==');
    console.log(`  DOMContentLoaded: median ${ms(pct(dcl, 50))}`);
    console.log(`  chat page settled: median ${ms(pct(seen, 50))}, p90 ${ms(pct(seen, 90))}`);
    console.log(`  settled + main thread idle (TTI): median ${ms(pct(tti, 50))}, p90 ${ms(pct(tti, 90))}, max ${ms(Math.max(...tti))} (bar: <= 1000 ms)`);
    console.log(`  (load average while measuring: ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
  }

  // 3. Analytics render time for a listener with 100,000 listens.
  {
    const heavy = await seedHeavyListener(server, server.env.ECHOTUNE_DB_PATH);
    const render = [];
    const fetchMs = [];
    for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); ++i) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await ctx.addInitScript((t) => localStorage.setItem('echotune.token', t), heavy.token);
      const page = await ctx.newPage();
      await page.goto(`${server.base}/analytics`);
      await page.waitForFunction(() => window.__echotuneCharts?.period === '30d', null, { timeout: 120000 });
      const t0 = Date.now();
      await page.getByRole('button', { name: 'All time', exact: true }).click();
      await page.waitForFunction(() => window.__echotuneCharts?.period === 'all', null, { timeout: 120000 });
      fetchMs.push(Date.now() - t0);
      render.push(await page.evaluate(() => window.__echotuneCharts.renderedMs));
      await ctx.close();
    }
    console.log(`\n== analytics, ${LISTENS.toLocaleString()} listens, period all ==`);
    console.log(`  charts drawn after data arrived: median ${ms(pct(render, 50))}, max ${ms(Math.max(...render))} (bar: <= 500 ms)`);
    console.log(`  click to charts drawn (five API calls included): median ${ms(pct(fetchMs, 50))}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
