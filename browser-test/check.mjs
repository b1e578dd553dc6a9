#!/usr/bin/env node
// Opens a notebook in a real JupyterLab with Debian's Chromium, runs all its cells the way a student
// does (menu Run → Run All Cells), waits for the kernel, then checks that outputs are visible.
//
//   node browser-test/check.mjs [NOTEBOOK] [--expect-text TEXT]... [--expect-selector CSS]...
//                               [--timeout SECONDS] [--port N]
//
// NOTEBOOK defaults to notebooks/00-start-here.ipynb. --expect-text looks for TEXT in the cells'
// outputs; --expect-selector for an element matching CSS inside the outputs (e.g. 'img', 'table'; an
// image must also have loaded). The script starts JupyterLab itself (from .venv, 127.0.0.1, a free
// port, its own token and fresh settings) and always stops it. A screenshot lands in browser-test/out/
// (with TLSLAB_BROWSER_DEBUG=1 also one per step), next to JupyterLab's log.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { allCellsRan, kernelIdle, menu, notebookPanel } from './lab-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const notebooksDir = path.join(root, 'notebooks');
const outDir = path.join(here, 'out');
const CHROMIUM = process.env.TLSLAB_CHROMIUM || '/usr/bin/chromium';

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error('usage: node browser-test/check.mjs [NOTEBOOK] [--expect-text TEXT]... [--expect-selector CSS]... [--timeout SECONDS] [--port N]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { notebook: 'notebooks/00-start-here.ipynb', texts: [], selectors: [], timeoutMs: 180_000, port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--expect-text') opts.texts.push(value());
    else if (a === '--expect-selector') opts.selectors.push(value());
    else if (a === '--timeout') opts.timeoutMs = Number(value()) * 1000;
    else if (a === '--port') opts.port = Number(value());
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else opts.notebook = a;
  }
  if (!(opts.timeoutMs > 0)) usage('--timeout wants a number of seconds');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const started = Date.now();
const secs = (t = started) => ((Date.now() - t) / 1000).toFixed(1);
const log = (msg) => console.log(`[browser ${secs()} s] ${msg}`);
let shotNo = 0;
async function debugShot(page, name) {
  if (process.env.TLSLAB_BROWSER_DEBUG) await page.screenshot({ path: path.join(outDir, `debug-${++shotNo}-${name}.png`) });
}

// The notebook, as a path inside notebooks/ (JupyterLab serves that folder).
let nbPath = path.resolve(opts.notebook);
if (!fs.existsSync(nbPath)) nbPath = path.resolve(root, opts.notebook);
if (!fs.existsSync(nbPath)) usage(`no such notebook: ${opts.notebook}`);
const nbRel = path.relative(notebooksDir, nbPath);
if (nbRel.startsWith('..')) usage(`${opts.notebook} is not inside notebooks/`);
const stem = path.basename(nbPath, '.ipynb');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- JupyterLab ---------------------------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tlslab-browser-'));
const token = randomBytes(24).toString('hex');
const port = opts.port || (await freePort());
const base = `http://127.0.0.1:${port}`;
fs.mkdirSync(outDir, { recursive: true });
const labLogPath = path.join(outDir, `jupyterlab-${stem}.log`);

// Fresh settings: no news/update toasts over the page, and no autosave (the run must not write the
// notebook back into the repository); everything else is JupyterLab's default.
const settings = {
  'apputils-extension/notification': { fetchNews: 'false', checkForUpdates: false },
  'docmanager-extension/plugin': { autosave: false },
};
for (const [name, value] of Object.entries(settings)) {
  const file = path.join(tmp, 'settings', '@jupyterlab', `${name}.jupyterlab-settings`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

const jupyter = path.join(root, '.venv', 'bin', 'jupyter');
if (!fs.existsSync(jupyter)) usage(`${jupyter} is missing: run ./tlslab setup first`);
const labArgs = ['lab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
  `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${notebooksDir}`,
  `--LabApp.user_settings_dir=${path.join(tmp, 'settings')}`,
  `--LabApp.workspaces_dir=${path.join(tmp, 'workspaces')}`];
if (process.getuid && process.getuid() === 0) labArgs.push('--allow-root');
const labLog = fs.openSync(labLogPath, 'w');
const lab = spawn(jupyter, labArgs, { cwd: notebooksDir, stdio: ['ignore', labLog, labLog], detached: true });
let labExited = false;
lab.on('exit', () => { labExited = true; });

let context;
let stopping;
async function stopAll() {
  stopping ??= (async () => {
    if (context) await context.close().catch(() => {});
    if (!labExited) {
      // Shut the server down cleanly (it stops its kernels), then make sure of it.
      await fetch(`${base}/api/shutdown`, { method: 'POST', headers: { Authorization: `token ${token}` } }).catch(() => {});
      for (let i = 0; i < 50 && !labExited; i++) await sleep(200);
      for (const sig of ['SIGTERM', 'SIGKILL']) {
        if (labExited) break;
        try { process.kill(-lab.pid, sig); } catch { /* already gone */ }
        for (let i = 0; i < 25 && !labExited; i++) await sleep(200);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  })();
  return stopping;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => { await stopAll(); process.exit(130); });
}

async function waitForServer() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (labExited) throw new Error(`JupyterLab exited at start; see ${labLogPath}`);
    try {
      const r = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await sleep(250);
  }
  throw new Error(`JupyterLab did not answer on ${base} within 90 s; see ${labLogPath}`);
}

// Set-up writes JupyterLab's overrides.json (scripts/configure_jupyter.py), so that a student's lab asks
// no news question and looks for no updates. The settings this run writes for itself don't change the
// schema's defaults; only overrides.json does, and the settings API shows them.
async function labDefaultsAsSetUp() {
  const id = '@jupyterlab/apputils-extension:notification';
  try {
    const r = await fetch(`${base}/lab/api/settings/${id}`, { headers: { Authorization: `token ${token}` } });
    if (!r.ok) throw new Error(`the settings API answered ${r.status}`);
    const props = (await r.json()).schema.properties;
    const got = { fetchNews: props.fetchNews.default, checkForUpdates: props.checkForUpdates.default };
    if (got.fetchNews !== 'false' || got.checkForUpdates !== false) {
      throw new Error(`defaults are ${JSON.stringify(got)}, not those of overrides.json: run ./tlslab setup again`);
    }
    log('ok: JupyterLab defaults to no news and no update check (overrides.json)');
    return true;
  } catch (e) {
    console.error(`[browser] FAILED: JupyterLab's notification defaults: ${e.message}`);
    return false;
  }
}

// ---- The page ------------------------------------------------------------------------------------
async function expectVisible(page, what, locator) {
  const el = locator.first();
  try {
    await el.waitFor({ state: 'attached', timeout: 15_000 });
    await el.scrollIntoViewIfNeeded({ timeout: 15_000 });
    await el.waitFor({ state: 'visible', timeout: 15_000 });
    const box = await el.boundingBox();
    if (!box || box.width < 1 || box.height < 1) throw new Error('it has no size on screen');
    const loaded = await el.evaluate((e) => e.tagName !== 'IMG' || (e.complete && e.naturalWidth > 0));
    if (!loaded) throw new Error('the image did not load');
    log(`ok: ${what} is visible`);
    return true;
  } catch (e) {
    console.error(`[browser] FAILED: ${what} is not visible in the outputs (${e.message.split('\n')[0]})`);
    return false;
  }
}

let passed = 0;
let failed = 0;
let page;
try {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run ./tlslab setup --for-tests (installs Debian's chromium)`);
  log(`starting JupyterLab on ${base} (log: ${path.relative(root, labLogPath)})`);
  await waitForServer();
  (await labDefaultsAsSetUp()) ? passed++ : failed++;
  log('JupyterLab is up; starting Chromium');

  context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error(`[browser] page error: ${e.message}`));

  const t0 = Date.now();
  await page.goto(`${base}/lab/tree/${nbRel.split(path.sep).map(encodeURIComponent).join('/')}?token=${token}`);
  await page.locator(`${notebookPanel} .jp-Notebook`).waitFor({ timeout: opts.timeoutMs });
  await kernelIdle(page, opts.timeoutMs);
  await debugShot(page, 'opened');
  log(`${nbRel} open, kernel idle after ${secs(t0)} s; Edit → Clear Outputs of All Cells, Run → Run All Cells`);

  // Clear the saved outputs first, so whatever shows afterwards came from this run.
  await menu(page, 'Edit', 'Clear Outputs of All Cells');
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .jp-OutputArea-output`).length === 0,
    notebookPanel, { timeout: 15_000 });
  await debugShot(page, 'cleared');
  const t1 = Date.now();
  await menu(page, 'Run', 'Run All Cells');
  await allCellsRan(page, opts.timeoutMs);
  await kernelIdle(page, opts.timeoutMs);
  await debugShot(page, 'ran');
  log(`all cells ran in ${secs(t1)} s`);

  const outputs = page.locator(`${notebookPanel} .jp-OutputArea-output`);
  for (const text of opts.texts) {
    (await expectVisible(page, `text "${text}"`, outputs.getByText(text))) ? passed++ : failed++;
  }
  for (const sel of opts.selectors) {
    (await expectVisible(page, `element "${sel}"`, outputs.locator(sel))) ? passed++ : failed++;
  }
} catch (e) {
  console.error(`[browser] FAILED: ${e.message.split('\n')[0]}`);
  failed++;
} finally {
  if (page) {
    const shot = path.join(outDir, `${stem}${failed ? '-failed' : ''}.png`);
    await page.screenshot({ path: shot }).then(() => log(`screenshot: ${path.relative(root, shot)}`)).catch(() => {});
  }
  await stopAll();
}
log(`done; JupyterLab stopped`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
