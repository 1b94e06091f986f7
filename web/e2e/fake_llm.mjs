// A fake LLM provider for the browser test: OpenAI's chat completions API
// (POST {OPENAI_BASE_URL}/chat/completions, Bearer key), streamed as
// server-sent events in CHUNKS.length pieces `chunkMs` apart so that the page
// can be seen showing part of the answer, or whole when stream is false.
// `holdAfter(n)` makes the next stream stop after n pieces until released
// (for a screenshot of an answer mid-stream).
// 127.0.0.1 on an ephemeral port only; every request is in `calls`.
import { json, startFake } from './fake_common.mjs';

export const KEY = 'e2e-llm-key';
export const MODEL = 'fake-gpt-e2e';
export const CHUNKS = ['Fake model here. ', 'These ', 'picks ', 'lean ', 'calm ', 'and ', 'warm, ', 'good ', 'for ', 'reading.'];
export const ANSWER = CHUNKS.join('');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startFakeLlm({ chunkMs = 80 } = {}) {
  let streams = 0;
  let hold = null; // {after, gate: Promise, release}
  const fake = await startFake('LLM', async (call, res) => {
    if (call.method !== 'POST' || call.path !== '/v1/chat/completions') {
      return json(res, 404, { error: { message: `no route ${call.method} ${call.path}` } });
    }
    if (call.headers.authorization !== `Bearer ${KEY}`) return json(res, 401, { error: { message: 'Incorrect API key provided' } });
    if (!Array.isArray(call.body?.messages)) return json(res, 400, { error: { message: 'messages is required' } });
    if (!call.body.stream) {
      return json(res, 200, {
        id: 'chatcmpl-fake', object: 'chat.completion', model: MODEL,
        choices: [{ index: 0, message: { role: 'assistant', content: ANSWER }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 50, completion_tokens: CHUNKS.length, total_tokens: 50 + CHUNKS.length },
      });
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'close' });
    let gone = false;
    res.on('close', () => (gone = true));
    const event = (obj) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
    const chunk = (delta, finish = null) => ({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', model: MODEL, choices: [{ index: 0, delta, finish_reason: finish }] });
    event(chunk({ role: 'assistant', content: '' }));
    const held = hold;
    hold = null;
    for (let i = 0; i < CHUNKS.length && !gone; ++i) {
      if (i > 0) await (held?.after === i ? held.gate : sleep(chunkMs));
      event(chunk({ content: CHUNKS[i] }));
    }
    if (!gone) {
      event(chunk({}, 'stop'));
      res.write('data: [DONE]\n\n');
      streams += 1;
    }
    res.end();
  });
  return {
    ...fake,
    baseUrl: `${fake.url}/v1`,
    completedStreams: () => streams,
    holdAfter(after) {
      let release;
      const gate = new Promise((r) => (release = r));
      hold = { after, gate };
      return release;
    },
  };
}
