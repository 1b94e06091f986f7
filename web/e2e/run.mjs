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
import { resolve } from 'node:path';
import { chromiumPath, startEchotune } from './server.mjs';
import { CLIENT_ID, startFakeSpotify } from './fake_spotify.mjs';
import { CHUNKS, KEY as LLM_KEY, MODEL as LLM_MODEL, startFakeLlm } from './fake_llm.mjs';
import { check, checkGrew, harness, recordAnswer } from './harness.mjs';
import { spotifySteps } from './spotify_steps.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const binary = resolve(args.binary ?? '../build/echotune');
const out = resolve(args.out ?? '../build/web-e2e');
mkdirSync(out, { recursive: true });

const SIZES = [
  { name: 'laptop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];
const t = harness(out);
const { results, step, axe, shot } = t;

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
      t.usePage(page);
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

      await spotifySteps(t, { page, size, tag, out, server, spotify, llm, liveFrames });

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
