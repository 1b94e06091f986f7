// End-to-end tests of the web UI in headless Chromium (Debian's, driven by
// playwright-core) against a real `echotune serve` with the demo data, at a
// laptop (1280×800) and a phone (390×844) size. The server talks to a fake
// Spotify (fake_spotify.mjs) and a fake LLM (fake_llm.mjs) on 127.0.0.1: the
// demo listener signs in with a one-time link; a second part connects Spotify
// through the real PKCE flow and drives the player. Screenshots of every page
// go to --out (build/web-e2e). Run by ctest (web_e2e); exits non-zero on failure.
// Usage: node e2e/run.mjs --binary ../build/echotune [--out ../build/web-e2e] [--db existing.db]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { chromiumPath, startEchotune } from './server.mjs';
import { CLIENT_ID, startFakeSpotify, TRACKS } from './fake_spotify.mjs';
import { ANSWER, CHUNKS, KEY as LLM_KEY, MODEL as LLM_MODEL, startFakeLlm } from './fake_llm.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const binary = resolve(args.binary ?? '../build/echotune');
const out = resolve(args.out ?? '../build/web-e2e');
mkdirSync(out, { recursive: true });
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const SIZES = [
  { name: 'laptop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];
const results = [];
function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e.message });
    console.log(`  FAIL ${name}: ${e.message}`);
    // What the page looked like, and what it said, when the step failed.
    const file = `${out}/failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`;
    await currentPage?.screenshot({ path: file, fullPage: true }).then(() => console.log(`       screenshot: ${file}`), () => undefined);
    const alerts = await currentPage?.locator('[role=alert]').allInnerTexts().catch(() => []);
    if (alerts?.length) console.log(`       the page says: ${alerts.join(' | ')}`);
  }
}
let currentPage = null;

async function axe(page, label) {
  await page.addScriptTag({ path: axePath });
  const r = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, target: v.nodes[0]?.target }));
  });
  const bad = r.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of r) console.log(`       axe ${label}: ${v.impact} ${v.id} ×${v.nodes} (${v.help}) e.g. ${JSON.stringify(v.target)}`);
  check(bad.length === 0, `${label}: ${bad.length} serious/critical accessibility violations: ${bad.map((v) => v.id).join(', ')}`);
}

async function shot(page, size, name) {
  // Nothing may stick out sideways (the phone layout in particular).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  // The whole page, with the sticky header and now-playing bar where they sit
  // in the flow rather than where they stick at the current scroll position.
  await page.screenshot({ path: `${out}/${size}-${name}.png`, fullPage: true, style: 'header.top, footer.nowplaying { position: static !important; }' });
  check(overflow <= 0, `${name}: the page is ${overflow}px wider than the ${size} screen`);
  if (size === 'phone') await page.screenshot({ path: `${out}/${size}-${name}-top.png` });
}

// Every distinct text of the newest assistant answer while it streams
// (recorded in the page by a MutationObserver, so no sampling interval can
// miss a step). `stop()` returns them.
async function recordAnswer(page) {
  await page.locator('.messages').waitFor();
  await page.evaluate(() => {
    const seen = [];
    const note = () => {
      const t = [...document.querySelectorAll('.msg.assistant')].pop()?.querySelector('p')?.textContent ?? '';
      if (seen[seen.length - 1] !== t) seen.push(t);
    };
    const obs = new MutationObserver(note);
    obs.observe(document.querySelector('.messages'), { subtree: true, childList: true, characterData: true });
    window.__answerTexts = () => {
      obs.disconnect();
      return seen;
    };
  });
  return { stop: () => page.evaluate(() => window.__answerTexts()) };
}

// The answer grew chunk by chunk: several partial texts, each a prefix of
// the next, then the whole answer.
function checkGrew(texts) {
  const partial = texts.filter((t) => t && t !== ANSWER);
  check(texts[texts.length - 1] === ANSWER, `the answer ended as "${texts[texts.length - 1]}", expected "${ANSWER}"`);
  check(partial.length >= CHUNKS.length / 2, `only ${partial.length} partial texts seen while streaming: ${JSON.stringify(texts)}`);
  for (let i = 1; i < texts.length; ++i) {
    check(texts[i].startsWith(texts[i - 1]), `streamed text went from "${texts[i - 1]}" to "${texts[i]}"`);
  }
}

async function go(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

async function run() {
  const spotify = await startFakeSpotify();
  const llm = await startFakeLlm();
  const server = await startEchotune({
    binary,
    webDir: resolve('dist'),
    db: args.db,
    env: (base) => ({
      SPOTIFY_CLIENT_ID: CLIENT_ID,
      SPOTIFY_CLIENT_SECRET: '',
      SPOTIFY_ACCOUNTS_URL: spotify.url,
      SPOTIFY_API_URL: spotify.url,
      SPOTIFY_REDIRECT_URI: `${base}/signin/callback`, // the page that finishes the login
      SPOTIFY_SYNC_INTERVAL_S: '0',
      SPOTIFY_NOW_PLAYING_POLL_MS: '200',
      OPENAI_API_KEY: LLM_KEY,
      OPENAI_BASE_URL: llm.baseUrl,
      LLM_FALLBACK_CHAIN: 'openai',
      // No other provider may be reached from here, whatever the environment has.
      GEMINI_API_KEY: '',
      OPENROUTER_API_KEY: '',
      ANTHROPIC_API_KEY: '',
    }),
  });
  // Chromium's sandbox cannot start as root (CI containers run as root); as
  // anyone else it stays on.
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...sandbox, '--disable-dev-shm-usage'] });
  try {
    for (const size of SIZES) {
      console.log(`${size.name} ${size.viewport.width}×${size.viewport.height}`);
      const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch, acceptDownloads: true, bypassCSP: true });
      const page = await context.newPage();
      currentPage = page;
      page.setDefaultTimeout(20_000);
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      // Socket.IO frames the page receives (the live steps look for their event).
      const liveFrames = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => liveFrames.push(String(f.payload))));
      // Before the upgrade to WebSocket (slow under load) packets come by long-polling.
      page.on('response', async (r) => {
        if (!r.url().includes('/socket.io/') || r.request().method() !== 'GET' || r.url().includes('transport=websocket')) return;
        const body = await r.text().catch(() => '');
        for (const packet of body.split('\x1e')) liveFrames.push(packet);
      });
      const tag = (s) => `${size.name}: ${s}`;

      await step(tag('sign-in page without a session'), async () => {
        await page.goto(`${server.base}/`);
        await page.getByRole('button', { name: 'Connect Spotify' }).waitFor();
        await shot(page, size.name, 'signin');
        await axe(page, 'signin');
      });

      await step(tag('a used or wrong link is refused with a message'), async () => {
        await page.goto(`${server.base}/signin#code=${'0'.repeat(64)}`);
        await page.getByText('invalid, expired or already used').waitFor();
      });

      await step(tag('sign in with the one-time link'), async () => {
        const link = server.loginLink();
        check(link.includes('/signin#code='), `unexpected link ${link}`);
        await page.goto(link);
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        check(!(await page.url()).includes('code='), 'the code stays in the address bar');
        // The link is single use: a second browser gets the refusal.
        const other = await context.browser().newContext({ bypassCSP: true });
        const p2 = await other.newPage();
        await p2.goto(link);
        await p2.getByText('invalid, expired or already used').waitFor();
        await other.close();
      });

      await step(tag('chat: the answer streams in piece by piece and names the fake provider and model'), async () => {
        await page.getByRole('heading', { name: 'Chat' }).waitFor();
        await page.getByRole('option', { name: 'OpenAI' }).waitFor({ state: 'attached' });
        const since = llm.calls.length;
        const release = llm.holdAfter(4); // stops after 4 of the pieces until the screenshots are taken
        const answer = page.locator('.msg.assistant').last();
        const recorder = await recordAnswer(page);
        await page.getByLabel('Message').fill('recommend something calm for reading');
        await page.getByRole('button', { name: 'Send' }).click();
        try {
          const partial = CHUNKS.slice(0, 4).join('');
          await page.waitForFunction((want) => [...document.querySelectorAll('.msg.assistant')].pop()?.querySelector('p')?.textContent === want, partial,
            { timeout: 15_000 }).catch(() => { throw new Error(`the answer never showed its first 4 pieces "${partial}"`); });
          check(await answer.locator('.typing').isVisible(), 'no typing indicator while the answer streams');
          check((await answer.locator('.meta').count()) === 0, 'the answer shows its provider before it is complete');
          await shot(page, size.name, 'chat-streaming');
        } finally {
          release();
        }
        await answer.locator('.meta').waitFor();
        checkGrew(await recorder.stop());
        const meta = await answer.locator('.meta').innerText();
        check(meta === `openai · ${LLM_MODEL}`, `the answer names "${meta}", expected "openai · ${LLM_MODEL}" (the fake LLM)`);
        check((await answer.locator('.typing').count()) === 0, 'the typing indicator stays after the answer');
        const asked = await llm.waitForCall((c) => c.body?.stream === true, { since, what: 'a streamed chat completion' });
        check(JSON.stringify(asked.body.messages).includes('recommend something calm for reading'), 'the prompt sent to the LLM lacks the message');
        check((await answer.locator('.action-tracks li').count()) >= 3, 'fewer than 3 recommended tracks in the card');
        check((await answer.getByRole('button', { name: /^Play / }).count()) === 0, 'Play buttons shown to a listener without Spotify');
        await page.locator('.session-row').first().waitFor();
        await shot(page, size.name, 'chat');
        await axe(page, 'chat');
      });

      await step(tag('like a recommendation and see it disappear'), async () => {
        await page.getByRole('link', { name: 'Discover' }).click();
        const first = page.locator('li.rec').first();
        await first.waitFor();
        const id = await first.getAttribute('data-track');
        const name = await first.locator('h2').innerText();
        check((await first.locator('.breakdown .part').count()) >= 1, 'no score breakdown on the card');
        await shot(page, size.name, 'recommendations');
        await axe(page, 'recommendations');
        await first.getByRole('button', { name: `Like ${name}`, exact: true }).click();
        await page.locator(`li.rec[data-track="${id}"]`).waitFor({ state: 'detached' });
        await page.getByText(`Liked “${name}”`).waitFor();
      });

      await step(tag('dislike removes a card; mood and energy change the list'), async () => {
        const first = page.locator('li.rec').first();
        const id = await first.getAttribute('data-track');
        const name = await first.locator('h2').innerText();
        await first.getByRole('button', { name: `Dislike ${name}`, exact: true }).click();
        await page.locator(`li.rec[data-track="${id}"]`).waitFor({ state: 'detached' });
        await page.locator('select[name=mood]').selectOption('chill');
        await page.getByRole('checkbox', { name: 'Energy' }).check();
        await page.getByText('Finding music for you').waitFor({ state: 'detached' });
        await page.locator('li.rec').first().waitFor();
      });

      await step(tag('five new listens refresh the list live (recommendation_update)'), async () => {
        const ids = (await page.locator('li.rec').evaluateAll((els) => els.map((e) => e.getAttribute('data-track')))).slice(0, 5);
        check(ids.length === 5, `only ${ids.length} cards to listen to`);
        const reloaded = page.waitForRequest((r) => r.url().includes('/api/recommendations') && r.method() === 'GET', { timeout: 20_000 });
        const status = await page.evaluate(async (trackIds) => {
          const t0 = Date.now();
          const listens = trackIds.map((trackId, i) => ({ trackId, playedAt: new Date(t0 - i * 240_000).toISOString() }));
          const r = await fetch('/api/history', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${localStorage.getItem('echotune.token')}` },
            body: JSON.stringify({ listens }),
          });
          return r.status;
        }, ids);
        check(status === 201 || status === 200, `POST /api/history answered ${status}`);
        // Generous: the refresh runs on the worker pool, which ctest shares with other suites.
        const deadline = Date.now() + 20_000;
        while (!liveFrames.some((f) => f.startsWith('42["recommendation_update"'))) {
          check(Date.now() < deadline, `no recommendation_update arrived over Socket.IO within 20 s (${liveFrames.length} packets seen: ${liveFrames.slice(-5).join(' | ').slice(0, 300)})`);
          await page.waitForTimeout(50);
        }
        await reloaded; // the page reloads its list on the event
        await page.locator('li.rec').first().waitFor();
      });

      await step(tag('generate, save and edit a playlist'), async () => {
        await page.getByRole('link', { name: 'Playlists' }).click();
        await page.getByLabel('Describe it').fill('chill acoustic evening');
        await page.getByLabel('Tracks', { exact: true }).fill('6');
        await page.getByRole('button', { name: 'Generate' }).click();
        const preview = page.getByLabel('Preview');
        await preview.waitFor();
        const name = `E2E ${size.name} mix`;
        await preview.getByLabel('Name').fill(name);
        await preview.locator('ol li').first().waitFor();
        await shot(page, size.name, 'playlist-preview');
        await page.getByRole('button', { name: 'Save playlist' }).click();
        await page.getByRole('heading', { name: `Edit “${name}”` }).waitFor();
        // Rename.
        await page.getByLabel('Playlist name').fill(`${name} 2`);
        await page.getByRole('button', { name: 'Rename' }).click();
        await page.getByRole('heading', { name: `Edit “${name} 2”` }).waitFor();
        // Reorder with the keyboard: Alt+↓ on the first track.
        const items = page.locator('.tracklist.editable li');
        const before = await items.allInnerTexts();
        await items.first().focus();
        await page.keyboard.press('Alt+ArrowDown');
        await page.getByText(/Moved “.*” to position 2/).waitFor();
        const after = await items.allInnerTexts();
        check(after[0] === before[1] && after[1] === before[0], 'keyboard reorder did not swap the first two tracks');
        // Reorder by drag: the third track onto the first.
        await items.nth(2).dragTo(items.nth(0));
        await page.getByText(/Moved “.*” to position 1/).waitFor();
        // Remove a track.
        const count = await items.count();
        await items.first().getByRole('button', { name: /^Remove / }).click();
        await page.waitForFunction((n) => document.querySelectorAll('.tracklist.editable li').length === n - 1, count);
        // Search finds it.
        await page.getByLabel('Search').fill('E2E');
        await page.locator('.plist-item', { hasText: `${name} 2` }).first().waitFor();
        await shot(page, size.name, 'playlists');
        await axe(page, 'playlists');
      });

      await step(tag('open every analytics chart and period'), async () => {
        await page.getByRole('link', { name: 'Analytics' }).click();
        await page.waitForFunction(() => window.__echotuneCharts?.period === '30d');
        for (const [p, label] of [['7d', '7d'], ['90d', '90d'], ['all', 'All time'], ['30d', '30d']]) {
          await page.getByRole('button', { name: label, exact: true }).click();
          await page.waitForFunction((want) => window.__echotuneCharts?.period === want, p);
          check((await page.locator('.charts canvas').count()) === 5, `period ${p}: not 5 charts`);
        }
        for (const h of ['Top artists', 'Top genres', 'Top tracks', 'Listening time per day', 'Energy by weekday']) {
          await page.getByRole('heading', { name: h }).scrollIntoViewIfNeeded();
        }
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my data' }).click()]);
        check(download.suggestedFilename().startsWith('echotune-export-'), `export file name ${download.suggestedFilename()}`);
        await shot(page, size.name, 'analytics');
        await axe(page, 'analytics');
      });

      await step(tag('settings: an invalid value shows the API message; a change persists after reload'), async () => {
        await page.getByRole('link', { name: 'Settings' }).click();
        await page.getByLabel(/Energy level/).fill('2');
        await page.getByRole('button', { name: 'Save settings' }).click();
        await page.locator('#err-energyLevel').waitFor();
        await shot(page, size.name, 'settings-error');
        await page.getByLabel(/Energy level/).fill('0.3');
        const theme = size.name === 'laptop' ? 'light' : 'dark';
        await page.getByLabel('Theme').selectOption(theme);
        await page.getByLabel(/Favourite genres/).fill('indie, folk');
        await page.getByRole('button', { name: 'Save settings' }).click();
        await page.getByText('Settings saved.').waitFor();
        await page.reload();
        await page.getByLabel(/Favourite genres/).waitFor();
        check((await page.getByLabel(/Energy level/).inputValue()) === '0.3', 'energy level not kept');
        check((await page.getByLabel('Theme').inputValue()) === theme, 'theme not kept');
        check((await page.getByLabel(/Favourite genres/).inputValue()) === 'indie, folk', 'genres not kept');
        check((await page.evaluate(() => document.documentElement.dataset.theme)) === theme, 'theme not applied');
        await shot(page, size.name, 'settings');
        await axe(page, 'settings');
      });

      await step(tag('keyboard: skip link and navigation are reachable'), async () => {
        await page.goto(`${server.base}/analytics`);
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => document.activeElement?.textContent);
        check(first === 'Skip to content', `first Tab stop is ${first}`);
        await page.keyboard.press('Tab');
        const second = await page.evaluate(() => document.activeElement?.textContent);
        check(second === 'Chat', `second Tab stop is ${second}`);
        await go(page, '/no-such-page');
        await page.getByRole('heading', { name: 'Not found' }).waitFor();
      });

      // --- A listener who connects Spotify (the fake) -------------------------
      spotify.reset();
      const bar = page.locator('footer.nowplaying');
      const barButton = (name) => bar.getByRole('button', { name, exact: true });
      // Clicks and waits for the Web API call it must cause.
      const clickFor = async (target, method, path, what = `${method} ${path}`) => {
        const since = spotify.calls.length;
        await target.click();
        return spotify.waitForCall((c) => c.method === method && c.path === path, { since, what });
      };

      await step(tag('Connect Spotify: PKCE sign-in through the accounts service'), async () => {
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('button', { name: 'Connect Spotify' }).click();
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        const authorize = await spotify.waitForCall((c) => c.path === '/authorize', { what: 'the browser at /authorize' });
        check(authorize.query.get('code_challenge_method') === 'S256' && authorize.query.get('code_challenge')?.length === 43,
          `authorize without an S256 challenge: ${authorize.query}`);
        check(authorize.query.get('redirect_uri') === `${server.base}/signin/callback`, `redirect_uri ${authorize.query.get('redirect_uri')}`);
        const exchange = await spotify.waitForCall((c) => c.path === '/api/token', { what: 'the code exchange' });
        check(exchange.body?.grant_type === 'authorization_code' && exchange.body?.code_verifier?.length >= 43, 'the code exchange has no PKCE verifier');
        check(!page.url().includes('code='), `the code stays in the address bar: ${page.url()}`);
      });

      await step(tag('now-playing bar: the fake\'s track, then a change pushed live (now_playing)'), async () => {
        await bar.getByText(TRACKS[0].name).waitFor();
        check((await bar.innerText()).includes(TRACKS[0].artists[0].name), 'the bar lacks the artist');
        await bar.screenshot({ path: `${out}/${size.name}-nowplaying-bar.png` });
        await shot(page, size.name, 'chat-connected');
        await axe(page, 'chat with the now-playing bar');
        // Scrolled to the end, the composer is above the bar, not under it.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const [send, barBox] = [await page.getByRole('button', { name: 'Send' }).boundingBox(), await bar.boundingBox()];
        check(send.y + send.height <= barBox.y + 1, `the now-playing bar (top ${barBox.y}) covers the Send button (bottom ${send.y + send.height})`);
        await page.screenshot({ path: `${out}/${size.name}-nowplaying-bottom.png` });
        // The listener picks another song in the Spotify app: no request from the page, only the push.
        const frames = liveFrames.length;
        spotify.playElsewhere(2);
        await bar.getByText(TRACKS[2].name).waitFor({ timeout: 10_000 }).catch(() => {
          throw new Error(`the bar did not follow the track change within 10 s (${liveFrames.length - frames} Socket.IO packets came)`);
        });
        check(liveFrames.slice(frames).some((f) => f.startsWith('42["now_playing"') && f.includes(TRACKS[2].name)),
          'the change did not come as a now_playing event');
      });

      await step(tag('player buttons: pause, play, next, previous, shuffle, repeat, volume'), async () => {
        await clickFor(barButton('Pause'), 'PUT', '/v1/me/player/pause');
        await barButton('Play').waitFor();
        check(!spotify.player().is_playing, 'the fake still plays');
        await clickFor(barButton('Play'), 'PUT', '/v1/me/player/play');
        await barButton('Pause').waitFor();
        await clickFor(barButton('Next'), 'POST', '/v1/me/player/next');
        await bar.getByText(TRACKS[0].name).waitFor();
        await clickFor(barButton('Previous'), 'POST', '/v1/me/player/previous');
        await bar.getByText(TRACKS[2].name).waitFor();
        const shuffle = await clickFor(barButton('Shuffle'), 'PUT', '/v1/me/player/shuffle');
        check(shuffle.query.get('state') === 'true', `shuffle state=${shuffle.query.get('state')}`);
        await bar.locator('button[aria-label=Shuffle][aria-pressed=true]').waitFor();
        const repeat = await clickFor(barButton('Repeat: off'), 'PUT', '/v1/me/player/repeat');
        check(repeat.query.get('state') === 'context', `repeat state=${repeat.query.get('state')}`);
        await barButton('Repeat: context').waitFor();
        // Five key presses on the slider end in one call with the final value.
        const before = spotify.calls.length;
        const slider = bar.getByRole('slider', { name: 'Volume' });
        await slider.focus();
        for (let i = 0; i < 5; ++i) await page.keyboard.press('ArrowLeft');
        await spotify.waitForCall((c) => c.path === '/v1/me/player/volume', { since: before, what: 'a volume call' });
        await page.waitForFunction(() => document.querySelector('footer.nowplaying input[type=range]')?.value === '35');
        const volumes = spotify.commands(before).filter((c) => c.includes('/volume'));
        check(volumes.length === 1 && volumes[0].endsWith('volume_percent=35'), `volume calls ${JSON.stringify(volumes)}, expected one to 35`);
        check(spotify.player().volume_percent === 35, `the fake's volume is ${spotify.player().volume_percent}`);
      });

      await step(tag('device picker: lists the devices and moves playback'), async () => {
        const picker = bar.getByRole('combobox', { name: 'Device' });
        await picker.focus();
        await picker.locator('option', { hasText: 'My Laptop' }).waitFor({ state: 'attached' });
        const since = spotify.calls.length;
        await picker.selectOption('dev-laptop');
        const transfer = await spotify.waitForCall((c) => c.method === 'PUT' && c.path === '/v1/me/player', { since, what: 'the transfer' });
        check(JSON.stringify(transfer.body?.device_ids) === '["dev-laptop"]', `transfer body ${transfer.text}`);
        await page.waitForFunction(() => document.querySelector('footer.nowplaying select')?.value === 'dev-laptop');
        check(spotify.player().device.id === 'dev-laptop', 'the fake did not move playback');
      });

      await step(tag('Play and Queue on recommendation cards'), async () => {
        await page.getByRole('link', { name: 'Discover' }).click();
        const cards = page.locator('li.rec');
        await cards.nth(1).waitFor();
        const first = { id: await cards.nth(0).getAttribute('data-track'), name: await cards.nth(0).locator('h2').innerText() };
        const second = { id: await cards.nth(1).getAttribute('data-track'), name: await cards.nth(1).locator('h2').innerText() };
        spotify.nameTrack(first.id, first.name, await cards.nth(0).locator('.artist').innerText());
        const play = await clickFor(cards.nth(0).getByRole('button', { name: `Play ${first.name}`, exact: true }), 'PUT', '/v1/me/player/play', `a play of ${first.name}`);
        check(JSON.stringify(play.body?.uris) === JSON.stringify([`spotify:track:${first.id}`]), `play body ${play.text}`);
        await page.getByText(`Playing “${first.name}”.`).waitFor();
        await bar.getByText(first.name).waitFor(); // pushed by now_playing
        const queued = await clickFor(cards.nth(1).getByRole('button', { name: `Queue ${second.name}`, exact: true }), 'POST', '/v1/me/player/queue', `a queue of ${second.name}`);
        check(queued.query.get('uri') === `spotify:track:${second.id}`, `queued ${queued.query.get('uri')}`);
        await page.getByText(`Queued “${second.name}”.`).waitFor();
        await shot(page, size.name, 'recommendations-connected');
      });

      await step(tag('chat: a connected listener\'s answer streams, knows the playback, and its cards play'), async () => {
        await page.getByRole('link', { name: 'Chat' }).click();
        const since = llm.calls.length;
        const recorder = await recordAnswer(page);
        await page.getByLabel('Message').fill('recommend something upbeat for cooking');
        await page.getByRole('button', { name: 'Send' }).click();
        const answer = page.locator('.msg.assistant').last();
        await answer.locator('.meta').waitFor();
        checkGrew(await recorder.stop());
        const prompt = JSON.stringify((await llm.waitForCall((c) => c.body?.stream === true, { since })).body.messages);
        const playing = spotify.player().item.name;
        check(prompt.includes(playing), `the prompt does not mention the playing track "${playing}"`);
        const tracks = answer.locator('.action-tracks li');
        await tracks.nth(1).waitFor();
        const card = async (i) => ({ id: await tracks.nth(i).getAttribute('data-track'), name: await tracks.nth(i).locator('.t-name').innerText() });
        const [a, b] = [await card(0), await card(1)];
        spotify.nameTrack(a.id, a.name, 'From the chat');
        const play = await clickFor(answer.getByRole('button', { name: `Play ${a.name}`, exact: true }), 'PUT', '/v1/me/player/play', `a play of ${a.name}`);
        check(JSON.stringify(play.body?.uris) === JSON.stringify([`spotify:track:${a.id}`]), `play body ${play.text}`);
        await bar.getByText(a.name).waitFor(); // pushed by now_playing
        const queued = await clickFor(answer.getByRole('button', { name: `Queue ${b.name}`, exact: true }), 'POST', '/v1/me/player/queue', `a queue of ${b.name}`);
        check(queued.query.get('uri') === `spotify:track:${b.id}`, `queued ${queued.query.get('uri')}`);
        await answer.getByText(`Queued “${b.name}”.`).waitFor();
        await shot(page, size.name, 'chat-connected-answer');
      });

      await step(tag('a generated playlist is sent to Spotify'), async () => {
        await page.getByRole('link', { name: 'Playlists' }).click();
        await page.getByLabel('Describe it').fill('rainy sunday jazz');
        await page.getByLabel('Tracks', { exact: true }).fill('5');
        await page.getByRole('button', { name: 'Generate' }).click();
        const name = `E2E ${size.name} to Spotify`;
        await page.getByLabel('Preview').getByLabel('Name').fill(name);
        await page.getByRole('button', { name: 'Save playlist' }).click();
        await page.getByRole('heading', { name: `Edit “${name}”` }).waitFor();
        const count = await page.locator('.tracklist.editable li').count();
        await page.getByRole('button', { name: 'Send to Spotify' }).click();
        await page.getByText('Sent to Spotify.').waitFor();
        const created = [...spotify.playlists.values()].find((p) => p.name === name);
        check(created, `no playlist "${name}" in the fake (it has ${JSON.stringify([...spotify.playlists.values()].map((p) => p.name))})`);
        check(created.uris.length === count && created.uris.every((u) => u.startsWith('spotify:track:')), `the fake playlist has ${created.uris.length} tracks, expected ${count}`);
        await shot(page, size.name, 'playlist-sent');
      });

      await step(tag('no uncaught errors in the page'), async () => {
        check(pageErrors.length === 0, pageErrors.join('; '));
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    await spotify.close();
    await llm.close();
  }
}

run()
  .catch((e) => {
    results.push({ name: 'setup', ok: false, error: e.stack ?? String(e) });
    console.error(e);
  })
  .finally(() => {
    const failed = results.filter((r) => !r.ok);
    console.log(`web e2e: ${results.length - failed.length} passed, ${failed.length} failed; screenshots in ${out}`);
    process.exit(failed.length ? 1 : 0);
  });
