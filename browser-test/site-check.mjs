#!/usr/bin/env node
// Opens the static site (scripts/build_site.py) in Chromium from the file system: the index lists every
// notebook, a notebook page shows its outputs (tables, diagrams), and no page asks for anything over
// the network (every http(s) request is counted and refused).
//   node browser-test/site-check.mjs SITE_DIR [--page 04a-opening-the-connection.html] [--expect-text TEXT]...
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const site = path.resolve(args[0] ?? 'site');
let pageName = '04a-opening-the-connection.html';
const texts = [];
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--page') pageName = args[++i];
  else if (args[i] === '--expect-text') texts.push(args[++i]);
}
let passed = 0;
let failed = 0;
const check = (ok, what) => { console.log(`[site] ${ok ? 'ok' : 'FAILED'}: ${what}`); ok ? passed++ : failed++; };
const browser = await chromium.launch({ executablePath: process.env.TLSLAB_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const remote = [];
  await page.route(/^https?:/, (route) => { remote.push(route.request().url()); route.abort(); });
  const index = JSON.parse(fs.readFileSync(path.join(site, 'site.json'), 'utf8'));
  await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
  const links = await page.locator('li a').count();
  check(links === index.length && links > 0, `index.html links every notebook page (${links} of ${index.length})`);
  await page.locator(`a[href="${pageName}"]`).click();
  await page.waitForLoadState('load');
  const outputs = page.locator('.jp-OutputArea-output');
  check((await outputs.count()) > 0, `${pageName} shows outputs (${await outputs.count()})`);
  const img = outputs.locator('img, svg').first();
  await img.scrollIntoViewIfNeeded();
  check(await img.evaluate((e) => (e.tagName.toLowerCase() !== 'img' || (e.complete && e.naturalWidth > 0)) && e.getBoundingClientRect().width > 0),
    `${pageName} shows a diagram (an image in its outputs)`);
  for (const t of texts) check(await outputs.getByText(t).first().isVisible().catch(() => false), `text "${t}" visible`);
  fs.mkdirSync(path.join(here, 'out'), { recursive: true });
  await page.screenshot({ path: path.join(here, 'out', 'site.png') });
  check(remote.length === 0, `no network requests (${remote.length}${remote.length ? ': ' + remote.slice(0, 3).join(', ') : ''})`);
} catch (e) {
  check(false, e.message.split('\n')[0]);
} finally {
  await browser.close();
}
console.log(`site: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
