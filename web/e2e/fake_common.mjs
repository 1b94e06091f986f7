// What the Node fakes of the browser test share: a loopback-only HTTP server
// on an ephemeral port, a log of the requests it answered, and a wait for a
// request the test expects (with a message that says what did come).
import { createServer } from 'node:http';

export function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// `handle(call, res)` answers one request; `call` is {method, path, query
// (URLSearchParams), headers, text, body (parsed JSON or form, else null)}.
// Only 127.0.0.1 is ever listened on.
export async function startFake(name, handle) {
  const calls = [];
  const waiters = new Set();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const text = await readBody(req);
    let body = null;
    const type = req.headers['content-type'] ?? '';
    try {
      if (type.includes('json') || /^\s*[[{]/.test(text)) body = text ? JSON.parse(text) : null;
      else if (type.includes('x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(text));
    } catch {
      body = null;
    }
    const call = { method: req.method, path: url.pathname, query: url.searchParams, headers: req.headers, text, body, at: Date.now() };
    calls.push(call);
    for (const w of waiters) w();
    try {
      await handle(call, res);
    } catch (e) {
      if (!res.headersSent) json(res, 500, { error: { status: 500, message: `${name} fake: ${e.message}` } });
      else res.end();
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  const line = (c) => `${c.method} ${c.path}${[...c.query].length ? `?${c.query}` : ''}`;
  return {
    url,
    calls,
    line,
    // Resolves with the first call (from index `since` on) that `match` accepts.
    waitForCall(match, { since = 0, timeout = 10_000, what = 'the expected request' } = {}) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const hit = calls.slice(since).find(match);
          if (!hit) return false;
          finish();
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          finish();
          const seen = calls.slice(since).map(line).slice(-8).join(', ') || 'nothing';
          reject(new Error(`the ${name} fake did not get ${what} within ${timeout} ms (it got: ${seen})`));
        }, timeout);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(look);
        };
        if (!look()) waiters.add(look);
      });
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
