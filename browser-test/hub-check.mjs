#!/usr/bin/env node
// Signs into a running `./tlslab hub` in Chromium as a student would (login form: name + workshop code),
// waits for JupyterLab, opens a notebook of the student's own copy, runs all its cells (Run → Run All
// Cells) and checks that outputs are visible.
//
//   node browser-test/hub-check.mjs --url https://127.0.0.1:PORT --cert HUB_CERT_PEM --name NAME --code CODE
//        [--notebook notebooks/00-start-here.ipynb] [--expect-text TEXT]... [--expect-selector CSS]...
//        [--timeout SECONDS]
//
// Chromium trusts the hub's certificate by its public key only (--ignore-certificate-errors-spki-list
// with the SHA-256 of --cert's key): any other certificate still fails. A screenshot lands in
// browser-test/out/hub-NAME.png.
import { chromium } from 'playwright-core';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { allCellsRan, kernelIdle, menu, notebookPanel } from './lab-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outDir = path.join(here, 'out');
const CHROMIUM = process.env.TLSLAB_CHROMIUM || '/usr/bin/chromium';

function usage(msg) {
  if (msg) console.error(`hub-check.mjs: ${msg}`);
  console.error('usage: node browser-test/hub-check.mjs --url URL --cert PEM --name NAME --code CODE [--notebook PATH] [--expect-text TEXT]... [--expect-selector CSS]... [--timeout SECONDS]');
  process.exit(2);
}
const opts = { notebook: 'notebooks/00-start-here.ipynb', texts: [], selectors: [], timeoutMs: 240_000 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
  if (a === '--url') opts.url = value().replace(/\/$/, '');
  else if (a === '--cert') opts.cert = value();
  else if (a === '--name') opts.name = value();
  else if (a === '--code') opts.code = value();
  else if (a === '--notebook') opts.notebook = value();
  else if (a === '--expect-text') opts.texts.push(value());
  else if (a === '--expect-selector') opts.selectors.push(value());
  else if (a === '--timeout') opts.timeoutMs = Number(value()) * 1000;
  else usage(`unknown argument ${a}`);
}
if (!opts.url || !opts.name || !opts.code) usage('--url, --name and --code are needed');

const started = Date.now();
const secs = (t = started) => ((Date.now() - t) / 1000).toFixed(1);
const log = (msg) => console.log(`[hub browser ${secs()} s] ${msg}`);
async function expectVisible(what, locator) {
  const el = locator.first();
  try {
    await el.waitFor({ state: 'attached', timeout: 15_000 });
    await el.scrollIntoViewIfNeeded({ timeout: 15_000 });
    await el.waitFor({ state: 'visible', timeout: 15_000 });
    const loaded = await el.evaluate((e) => e.tagName !== 'IMG' || (e.complete && e.naturalWidth > 0));
    if (!loaded) throw new Error('the image did not load');
    log(`ok: ${what} is visible`);
    return true;
  } catch (e) {
    console.error(`[hub browser] FAILED: ${what} is not visible (${e.message.split('\n')[0]})`);
    return false;
  }
}

let passed = 0;
let failed = 0;
let context;
let page;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslab-hub-browser-'));
try {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run ./tlslab setup --for-tests`);
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];
  if (opts.cert) {
    const cert = new X509Certificate(fs.readFileSync(opts.cert));
    const spki = createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    args.push(`--ignore-certificate-errors-spki-list=${spki}`);
    log(`trusting the hub's key only (SPKI sha256 ${spki})`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM, headless: true, args, viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error(`[hub browser] page error: ${e.message}`));

  await page.goto(`${opts.url}/hub/login`);
  await page.locator('#username_input').fill(opts.name);
  await page.locator('#password_input').fill(opts.code);
  const t0 = Date.now();
  await page.locator('#login_submit').click();
  // The hub spawns the server (a progress page), then sends the browser to JupyterLab.
  await page.waitForURL(new RegExp(`/user/${opts.name}/lab`), { timeout: opts.timeoutMs });
  log(`signed in as ${opts.name}; JupyterLab of the student's own server after ${secs(t0)} s`);

  const nbUrl = `${opts.url}/user/${opts.name}/lab/tree/${opts.notebook.split('/').map(encodeURIComponent).join('/')}`;
  await page.goto(nbUrl);
  await page.locator(`${notebookPanel} .jp-Notebook`).waitFor({ timeout: opts.timeoutMs });
  await kernelIdle(page, opts.timeoutMs);
  log(`${opts.notebook} open, kernel idle; Clear Outputs of All Cells, Run All Cells`);
  await menu(page, 'Edit', 'Clear Outputs of All Cells');
  const t1 = Date.now();
  await menu(page, 'Run', 'Run All Cells');
  await allCellsRan(page, opts.timeoutMs);
  await kernelIdle(page, opts.timeoutMs);
  log(`all cells ran in ${secs(t1)} s`);
  const outputs = page.locator(`${notebookPanel} .jp-OutputArea-output`);
  for (const text of opts.texts) (await expectVisible(`text "${text}"`, outputs.getByText(text))) ? passed++ : failed++;
  for (const sel of opts.selectors) (await expectVisible(`element "${sel}"`, outputs.locator(sel))) ? passed++ : failed++;
} catch (e) {
  console.error(`[hub browser] FAILED: ${e.message.split('\n')[0]}`);
  failed++;
} finally {
  if (page) {
    const shot = path.join(outDir, `hub-${opts.name}${failed ? '-failed' : ''}.png`);
    await page.screenshot({ path: shot }).then(() => log(`screenshot: ${path.relative(root, shot)}`)).catch(() => {});
  }
  if (context) await context.close().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`hub-browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
