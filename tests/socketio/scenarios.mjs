// Socket.IO scenarios against a running `echotune serve`, with the stock
// socket.io-client. Driven by tests/e2e/socketio_client_test.cpp:
//   node scenarios.mjs <scenario> <baseUrl> <token> [json]
// Exits 0 when every check passed; prints what failed otherwise.
import { io } from 'socket.io-client';

const [scenario, url, token, extra] = process.argv.slice(2);
const args = extra ? JSON.parse(extra) : {};

function fail(message) {
  console.error(`FAIL ${scenario}: ${message}`);
  process.exit(1);
}
function check(cond, message) {
  if (!cond) fail(message);
}
function within(ms, promise, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), ms))]);
}
function connect(options) {
  const socket = io(url, { reconnection: false, timeout: 5000, ...options });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}
function nextEvent(socket, name) {
  return new Promise((resolve) => socket.once(name, resolve));
}

const scenarios = {
  // Default options: long-polling first, then the upgrade to WebSocket.
  async 'polling-upgrade'() {
    const socket = await within(5000, connect({ auth: { token } }), 'connect');
    check(socket.io.engine.transport.name === 'polling' || socket.io.engine.transport.name === 'websocket', 'transport');
    await within(5000, new Promise((resolve) => {
      if (socket.io.engine.transport.name === 'websocket') resolve();
      socket.io.engine.once('upgrade', resolve);
    }), 'upgrade to websocket');
    const ack = await within(5000, socket.emitWithAck('request_recommendations', { limit: 5 }), 'ack');
    check(ack.success === true, `ack: ${JSON.stringify(ack)}`);
    check(Array.isArray(ack.data) && ack.data.length <= 5, 'recommendations data');
    socket.disconnect();
  },

  async websocket() {
    const socket = await within(5000, connect({ auth: { token }, transports: ['websocket'] }), 'connect');
    check(socket.io.engine.transport.name === 'websocket', 'websocket transport');
    const ack = await within(5000, socket.emitWithAck('request_recommendations', { limit: 5, strategy: 'hybrid' }), 'ack');
    check(ack.success === true && ack.data.length === 5, `ack: ${JSON.stringify(ack).slice(0, 300)}`);
    // The same data as GET /api/recommendations (served from the cache now).
    const res = await fetch(`${url}/api/recommendations?limit=5&strategy=hybrid`, { headers: { Authorization: `Bearer ${token}` } });
    const rest = await res.json();
    check(JSON.stringify(rest.data) === JSON.stringify(ack.data), 'ack data differs from GET /api/recommendations');
    const noArgs = await within(5000, socket.emitWithAck('request_recommendations'), 'ack without args');
    check(noArgs.success === true, 'no-argument request');
    const bad = await within(5000, socket.emitWithAck('request_recommendations', { limit: 'many' }), 'bad ack');
    check(bad.success === false && bad.code === 'VALIDATION_ERROR' && /limit/.test(bad.error), `bad limit: ${JSON.stringify(bad)}`);
    const unknown = await within(5000, socket.emitWithAck('request_recommendations', { colour: 'red' }), 'unknown ack');
    check(unknown.success === false && unknown.code === 'VALIDATION_ERROR' && unknown.details.field === 'colour',
      `unknown field: ${JSON.stringify(unknown)}`);
    const notObject = await within(5000, socket.emitWithAck('request_recommendations', 42), 'non-object ack');
    check(notObject.success === false && notObject.code === 'VALIDATION_ERROR', 'non-object argument');
    // Unknown events are ignored; the socket stays usable.
    socket.emit('no_such_event', 1);
    const again = await within(5000, socket.emitWithAck('unsubscribe_now_playing'), 'ack after unknown event');
    check(again.success === true, 'socket usable after an unknown event');
    socket.disconnect();
  },

  async 'auth-failure'() {
    for (const [options, pattern] of [
      [{ auth: { token: 'not-a-jwt' } }, /auth\.token/],
      [{ auth: {} }, /auth\.token is required/],
      [{ auth: { token }, transports: ['websocket'] }, null],
    ]) {
      if (pattern === null) {
        const s = await within(5000, connect(options), 'good token after bad ones');
        s.disconnect();
        continue;
      }
      try {
        const s = await within(5000, connect(options), 'connect');
        s.disconnect();
        fail(`connected with ${JSON.stringify(options)}`);
      } catch (err) {
        check(pattern.test(err.message), `connect_error message: ${err.message}`);
      }
    }
  },

  // POST 5 listens, then recommendation_update within 2 s.
  async 'recommendation-update'() {
    const socket = await within(5000, connect({ auth: { token }, transports: ['websocket'] }), 'connect');
    const update = nextEvent(socket, 'recommendation_update');
    const started = Date.now();
    const res = await fetch(`${url}/api/history`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args.body),
    });
    check(res.status === 200, `POST /api/history: ${res.status}`);
    const data = await within(2000, update, 'recommendation_update within 2 s');
    console.log(`recommendation_update after ${Date.now() - started} ms`);
    check(Array.isArray(data.tracks) && data.tracks.length > 0 && data.recommendationId, 'update shape');
    socket.disconnect();
  },

  // subscribe → now_playing; playback_command acks; unsubscribe.
  async spotify() {
    const socket = await within(5000, connect({ auth: { token } }), 'connect');
    const playing = nextEvent(socket, 'now_playing');
    const sub = await within(5000, socket.emitWithAck('subscribe_now_playing'), 'subscribe ack');
    check(sub.success === true && sub.data.subscribed === true, `subscribe: ${JSON.stringify(sub)}`);
    const np = await within(5000, playing, 'now_playing after subscribe');
    check(typeof np === 'object' && np !== null, 'now_playing data');
    const cmd = await within(5000, socket.emitWithAck('playback_command', 'pause'), 'playback ack');
    check(cmd.success === true, `playback_command: ${JSON.stringify(cmd)}`);
    const obj = await within(5000, socket.emitWithAck('playback_command', { text: 'skip' }), 'playback ack 2');
    check(obj.success === true, `playback_command {text}: ${JSON.stringify(obj)}`);
    const bad = await within(5000, socket.emitWithAck('playback_command'), 'bad playback ack');
    check(bad.success === false && bad.code === 'VALIDATION_ERROR', `empty playback_command: ${JSON.stringify(bad)}`);
    const unsub = await within(5000, socket.emitWithAck('unsubscribe_now_playing'), 'unsubscribe ack');
    check(unsub.success === true && unsub.data.subscribed === false, 'unsubscribe');
    socket.disconnect();
  },

  // Chat turns against a failing provider until its breaker opens → provider_health.
  async 'provider-health'() {
    const socket = await within(5000, connect({ auth: { token }, transports: ['websocket'] }), 'connect');
    const opened = new Promise((resolve) => {
      socket.on('provider_health', (e) => { if (e.circuitState === 'OPEN') resolve(e); });
    });
    for (let i = 0; i < (args.turns ?? 5); ++i) {
      const res = await fetch(`${url}/api/chat/message`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: `hello ${i}` }),
      });
      check(res.status === 200, `chat turn ${i}: ${res.status}`);
    }
    const e = await within(5000, opened, 'provider_health with circuitState OPEN');
    check(e.provider === 'openai', `provider_health: ${JSON.stringify(e)}`);
    socket.disconnect();
  },

  // Connects and waits for one event (used by the multi-instance test).
  async 'await-event'() {
    const socket = await within(5000, connect({ auth: { token }, transports: ['websocket'] }), 'connect');
    console.log('READY');
    const data = await within(args.timeoutMs ?? 10000, nextEvent(socket, args.event), args.event);
    console.log(`EVENT ${JSON.stringify(data).slice(0, 200)}`);
    socket.disconnect();
  },
};

if (!scenarios[scenario]) fail('unknown scenario');
try {
  await scenarios[scenario]();
  console.log(`OK ${scenario}`);
  process.exit(0);
} catch (err) {
  fail(err.message);
}
