// Starts a real `echotune serve` for the browser tests: a fresh embedded
// store with the demo data (echotune init-db + demo), the built web/dist, a
// free loopback port. Only 127.0.0.1 is used.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// `db`: an existing store to use as is (faster reruns while developing).
// `env(base)`: more variables, given the address the server will have.
export async function startEchotune({ binary, webDir, db, env: more = () => ({}) }) {
  const dir = mkdtempSync(join(tmpdir(), 'echotune-web-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    ECHOTUNE_DB_PATH: db ?? join(dir, 'echotune.db'),
    ECHOTUNE_WEB_DIR: resolve(webDir),
    JWT_SECRET: 'web-e2e-secret',
    LOG_LEVEL: 'warn',
    // A browser session makes many requests; the production limits are per 15 minutes.
    RATE_LIMIT_GLOBAL: '100000',
    RATE_LIMIT_AUTH: '1000',
    RATE_LIMIT_RECS: '10000',
    RATE_LIMIT_SPOTIFY: '10000',
    RATE_LIMIT_CHAT: '10000',
    ...more(`http://127.0.0.1:${port}`),
  };
  const cwd = process.env.ECHOTUNE_SOURCE_DIR ?? resolve('..');
  if (!db) {
    execFileSync(binary, ['init-db'], { env, cwd, stdio: 'ignore' });
    execFileSync(binary, ['demo'], { env, cwd, stdio: 'ignore', timeout: 600_000 });
  }
  const child = spawn(binary, ['serve'], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`echotune serve did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    env,
    log: () => log,
    // A fresh one-time link from the command line, as a user would get it.
    loginLink(user = 'demo-efrrowini') {
      return execFileSync(binary, ['login-link', '--user', user, '--base-url', base], { env, cwd }).toString().trim();
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function chromiumPath() {
  for (const p of ['/usr/lib/chromium/chromium', '/usr/bin/chromium']) {
    try {
      execFileSync('test', ['-x', p]);
      return p;
    } catch {
      /* next */
    }
  }
  throw new Error('Debian chromium is not installed (scripts/install-deps --test)');
}
