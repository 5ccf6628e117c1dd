// Screenshots of the Atlas web UI (the one served by the sandbox's Atlas war) for a table that Lark's lineage hook
// delivered: its lineage graph and its DataQuality business metadata. Finds the table over Atlas's REST API, logs in
// through the UI's own login form and drives Debian's Chromium with playwright-core. Run it inside the loopback-only
// network namespace "lark", where Atlas listens (run.sh does that).
//
//   node shot.mjs [--guid G | --type T --qualified-name QN] [--status PASSED|FAILED] [--out-dir DIR]
//
// Without --guid/--qualified-name it takes the most recently updated DataSet that carries DataQuality metadata.
// Environment: ATLAS_URL (http://127.0.0.1:21000), ATLAS_USER (admin), ATLAS_PASSWORD (else read from
// $LARK_RUN_DIR/atlas/admin.password, LARK_RUN_DIR defaulting to ~/.cache/lark/run), CHROMIUM (/usr/bin/chromium),
// LARK_SCREENSHOTS_DEPS (the directory whose node_modules holds playwright-core; default:
// ${LARK_CACHE:-~/.cache/lark}/atlas-screenshots, where run.sh installs it), DEBUG=1 (print the zoom steps).

import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const deps = process.env.LARK_SCREENSHOTS_DEPS
    || join(process.env.LARK_CACHE || join(homedir(), '.cache/lark'), 'atlas-screenshots');
let chromium;
try {
  ({ chromium } = createRequire(join(deps, 'package.json'))('playwright-core'));
} catch (e) {
  fail(`playwright-core is not installed in ${deps}: run packaging/tools/atlas-screenshots/run.sh (it npm-installs `
      + 'it there) or point LARK_SCREENSHOTS_DEPS at a directory whose node_modules holds it');
}

const { values: opts } = parseArgs({
  options: {
    guid: { type: 'string' },
    type: { type: 'string', default: 'clickhouse_table' },
    'qualified-name': { type: 'string' },
    status: { type: 'string' },
    'out-dir': { type: 'string', default: resolve(here, '../../../docs/images') },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '800' },
  },
});

const atlasUrl = (process.env.ATLAS_URL || 'http://127.0.0.1:21000').replace(/\/+$/, '');
const user = process.env.ATLAS_USER || 'admin';
const password = process.env.ATLAS_PASSWORD || readPasswordFile();
const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

function readPasswordFile() {
  const runDir = process.env.LARK_RUN_DIR || join(homedir(), '.cache/lark/run');
  const file = join(runDir, 'atlas/admin.password');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    fail(`no Atlas password: set ATLAS_PASSWORD or start the sandbox's Atlas (expected ${file}): ${e.message}`);
  }
}

function fail(message) {
  console.error(`atlas-screenshots: ${message}`);
  process.exit(1);
}

async function rest(path, body) {
  const response = await fetch(atlasUrl + path, {
    method: body ? 'POST' : 'GET',
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  }).catch((e) => fail(`Atlas at ${atlasUrl} is not reachable (${e.cause?.code || e.message}); is it up, and is this `
      + 'running inside the "lark" network namespace (packaging/bin/lark-netns)?'));
  if (response.status === 404) return null;
  if (response.status === 401) fail(`Atlas refused ${user}'s login (401): wrong ATLAS_USER/ATLAS_PASSWORD?`);
  if (!response.ok) fail(`${path}: Atlas answered ${response.status} ${await response.text()}`);
  return response.json();
}

/** The table to show: named on the command line, else the newest DataSet with DataQuality metadata. */
async function findTarget() {
  if (opts.guid) return opts.guid;
  if (opts['qualified-name']) {
    const found = await rest(`/api/atlas/v2/entity/uniqueAttribute/type/${encodeURIComponent(opts.type)}`
        + `?minExtInfo=true&ignoreRelationships=true&attr:qualifiedName=${encodeURIComponent(opts['qualified-name'])}`);
    if (!found) fail(`no ${opts.type} with qualifiedName ${opts['qualified-name']} in Atlas`);
    return found.entity.guid;
  }
  const statusFilter = opts.status
    ? { attributeName: 'DataQuality.status', operator: 'eq', attributeValue: opts.status }
    : { attributeName: 'DataQuality.status', operator: 'notNull' };
  const result = await rest('/api/atlas/v2/search/basic', {
    typeName: 'DataSet', excludeDeletedEntities: true, limit: 1,
    sortBy: '__modificationTimestamp', sortOrder: 'DESCENDING',
    entityFilters: statusFilter,
  });
  const hit = result?.entities?.[0];
  if (!hit) {
    fail('Atlas has no DataSet with DataQuality metadata yet. Emit a chain first, e.g. run.sh --emit (runs '
        + 'AtlasLineageIT), or name a table with --qualified-name');
  }
  return hit.guid;
}

const guid = await findTarget();
const entity = (await rest(`/api/atlas/v2/entity/guid/${guid}?minExtInfo=true`))?.entity;
if (!entity) fail(`no entity ${guid} in Atlas`);
const qn = entity.attributes.qualifiedName;
const dq = entity.businessAttributes?.DataQuality;
if (!dq) console.warn(`${qn} has no DataQuality business metadata (no Lark quality check ran on it): lineage only`);
// depth 3 is what the UI's lineage tab draws by default
const lineage = await rest(`/api/atlas/v2/lineage/${guid}?direction=BOTH&depth=3`);
const lineageNodes = Object.keys(lineage?.guidEntityMap || {}).length;
if (lineageNodes < 2) fail(`${qn} has no lineage in Atlas`);
console.log(`table ${qn} (guid ${guid}): ${lineageNodes} nodes in its lineage, DataQuality ${JSON.stringify(dq ?? null)}`);

mkdirSync(opts['out-dir'], { recursive: true });
// a fresh, throw-away profile (--user-data-dir) every run
const profile = mkdtempSync(join(tmpdir(), 'lark-chromium-'));
let browser;
try {
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: Number(opts.width), height: Number(opts.height) },
    // the machine's network is closed: without the background-networking flags Chromium keeps dialling Google
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(60_000);

  // the UI's own login form (/login.jsp); a session cookie carries the rest
  await page.goto(`${atlasUrl}/login.jsp`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(/index\.html/, { timeout: 30_000 }), page.click('#signIn')]).catch(() => {
    throw new Error(`the Atlas UI did not log ${user} in (wrong ATLAS_USER/ATLAS_PASSWORD?); it shows ${page.url()}`);
  });
  // fold the search side bar away: the page gets the whole width (the UI keeps that across pages)
  await page.click('[data-id="menuHamburger"]');

  const detail = (tab) => `${atlasUrl}/index.html#!/detailPage/${guid}?tabActive=${tab}`;

  // lineage tab: dagre-d3 draws one <g class="node"> per entity of the graph (the relationship tab has its own svg)
  await page.goto(detail('lineage'));
  await page.waitForFunction((n) => document.querySelectorAll('#tab-lineage svg g.node').length >= n, lineageNodes);
  await page.waitForTimeout(1500); // let the graph's zoom transition settle
  await centreLineageGraph(page);
  const drawn = await page.$$eval('#tab-lineage svg g.node', (nodes) => nodes.map((n) => n.textContent.trim()));
  console.log(`lineage graph: ${drawn.length} nodes: ${drawn.join(', ')}`);
  await save(page, 'atlas-lineage.png');

  if (dq) {
    // properties tab: the Business Metadata panel with the DataQuality attributes
    await page.goto(detail('properties'));
    const panel = page.locator('#businessMetadataCollapse');
    await panel.getByText('DataQuality', { exact: true }).waitFor();
    for (const attribute of Object.keys(dq)) await panel.getByText(attribute, { exact: false }).first().waitFor();
    if (dq.status) await panel.getByText(String(dq.status), { exact: true }).first().waitFor();
    await page.waitForTimeout(500);
    await save(page, 'atlas-data-quality.png');
  }
} finally {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
}

/**
 * Atlas centres the graph on the current entity, so a table with only upstream lineage leaves the left half of the
 * chain outside the picture. Zoom (mouse wheel) to the largest size at which the whole graph fits, then drag it to
 * the middle, the way a person would.
 */
async function centreLineageGraph(page) {
  const boxes = () => page.evaluate(() => {
    const rect = (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
    const svg = document.querySelector('#tab-lineage svg');
    const box = rect(svg);
    box.h = Math.min(box.h, window.innerHeight - box.y); // only what is on screen counts
    return { svg: box, graph: rect(svg.querySelector('g.output')) };
  });
  // the zoom is animated: wait until the graph stops changing size
  const settled = async () => {
    let last = await boxes();
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(150);
      const now = await boxes();
      if (now.graph.w === last.graph.w && now.graph.h === last.graph.h) return now;
      last = now;
    }
    return last;
  };
  const fits = ({ svg, graph }) => graph.w <= svg.w * 0.95 && graph.h <= svg.h * 0.95;
  // d3's zoom turns a wheel delta into a scale factor of 2^(-deltaY / 500), in finer steps than the UI's buttons
  let now = await settled();
  for (let i = 0; i < 4; i++) {
    const factor = Math.min(0.9 * now.svg.w / now.graph.w, 0.9 * now.svg.h / now.graph.h, 2);
    if (factor > 0.97 && factor < 1.1) break;
    await page.mouse.move(now.svg.x + now.svg.w / 2, now.svg.y + now.svg.h / 2);
    await page.mouse.wheel(0, -500 * Math.log2(factor));
    now = await settled();
    if (process.env.DEBUG) console.log(`zoom x${factor.toFixed(2)}: ${JSON.stringify(now.graph)}`);
  }
  if (!fits(now)) console.warn('the lineage graph is larger than the picture even at the smallest zoom');
  const { svg, graph } = await boxes();
  const dx = svg.x + svg.w / 2 - (graph.x + graph.w / 2);
  const dy = svg.y + svg.h / 2 - (graph.y + graph.h / 2);
  // grab the background: a point of the svg that is outside the graph (its top left corner, below the buttons)
  const from = { x: svg.x + 10, y: svg.y + 60 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 10 });
  await page.mouse.up();
  await page.waitForTimeout(500);
  const after = (await boxes()).graph;
  if (after.x < svg.x || after.x + after.w > svg.x + svg.w) {
    console.warn(`lineage graph still wider than the picture (${Math.round(after.w)} of ${Math.round(svg.w)} px)`);
  }
}

async function save(page, name) {
  const file = join(opts['out-dir'], name);
  await page.screenshot({ path: file });
  console.log(`${file}: ${Math.round(statSync(file).size / 1024)} KiB`);
}
