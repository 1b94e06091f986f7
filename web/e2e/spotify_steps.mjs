// The browser test's part for a listener who connects Spotify (the fake of
// fake_spotify.mjs): the PKCE sign-in, the now-playing bar and its live
// updates, every player button, the device picker, Play/Queue on
// recommendation and chat cards, and a playlist sent to Spotify. Each
// command is checked where it lands: in the fake's recorded requests.
import { check, checkGrew, recordAnswer } from './harness.mjs';
import { TRACKS } from './fake_spotify.mjs';

// `liveFrames`: the Socket.IO packets the page received so far.
export async function spotifySteps({ step, axe, shot }, { page, size, tag, out, server, spotify, llm, liveFrames }) {
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
}
