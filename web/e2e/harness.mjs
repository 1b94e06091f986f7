// The pieces of the browser test that are not about one page: steps that
// record their outcome (with a screenshot and the page's alerts on failure),
// the axe scan, screenshots, and the checks of a streamed chat answer.
import { createRequire } from 'node:module';
import { ANSWER, CHUNKS } from './fake_llm.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export function check(cond, message) {
  if (!cond) throw new Error(message);
}

// Screenshots go to `out`; `results` collects every step's outcome.
export function harness(out) {
  const results = [];
  let currentPage = null;

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

  return { results, step, axe, shot, usePage: (page) => (currentPage = page) };
}

// Every distinct text of the newest assistant answer while it streams
// (recorded in the page by a MutationObserver, so no sampling interval can
// miss a step). `stop()` returns them.
export async function recordAnswer(page) {
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

// The answer of the fake LLM grew piece by piece: several partial texts, each
// a prefix of the next, then the whole answer.
export function checkGrew(texts) {
  const partial = texts.filter((t) => t && t !== ANSWER);
  check(texts[texts.length - 1] === ANSWER, `the answer ended as "${texts[texts.length - 1]}", expected "${ANSWER}"`);
  check(partial.length >= CHUNKS.length / 2, `only ${partial.length} partial texts seen while streaming: ${JSON.stringify(texts)}`);
  for (let i = 1; i < texts.length; ++i) {
    check(texts[i].startsWith(texts[i - 1]), `streamed text went from "${texts[i - 1]}" to "${texts[i]}"`);
  }
}
