// Drives the web app in headless Chromium: a broadcaster and a viewer, each in
// their own browser context, meet in the broadcaster's chat.
//
//   node web_app.mjs http://127.0.0.1:PORT/
//
// Exits 0 when every step held; otherwise prints the failed step and the
// pages' console and exits 1.
import puppeteer from 'puppeteer-core';

const base = process.argv[2];
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const log = [];
const WAIT = { timeout: 30_000 };

async function openApp(browser, name) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('console', (m) => log.push(`[${name}] ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[${name}] page error: ${e.message}`));
  await page.goto(base, { waitUntil: 'load' });
  return page;
}

async function register(page, login) {
  await page.type('#login', login);
  await page.type('#password', 'correct horse battery staple');
  await page.type('#email', `${login}@example.org`);
  await page.click('#register-btn');
  await page.waitForFunction((l) => document.getElementById('whoami-name').textContent.includes(l), WAIT, login);
}

async function watch(page, channel) {
  await page.$eval('#channel-input', (el) => { el.value = ''; });
  await page.type('#channel-input', channel);
  await page.click('#open-channel');
  await page.waitForFunction((c) => document.getElementById('channel-name').textContent === c, WAIT, channel);
}

async function say(page, text) {
  await page.type('#chat-input', text);
  await page.click('#chat-send');
}

const chatHas = (page, text) =>
  page.waitForFunction((t) => [...document.querySelectorAll('#chat-log li')].some((li) => li.textContent.includes(t)),
    WAIT, text);

const textOf = (page, id) => page.$eval(`#${id}`, (el) => el.textContent);

let step = 'launch';
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  step = 'register the broadcaster';
  const alice = await openApp(browser, 'alice');
  await register(alice, 'alice');

  step = 'go live';
  await alice.type('#golive-title', 'Speedrun night');
  await alice.type('#golive-category', 'games');
  await alice.click('#golive-btn');
  await watch(alice, 'alice');
  await alice.waitForFunction(() => document.getElementById('channel-live').textContent === 'LIVE', WAIT);
  if (!(await textOf(alice, 'channel-title')).includes('Speedrun night')) throw new Error('title not shown');

  step = 'a viewer opens the channel';
  const bob = await openApp(browser, 'bob');
  await register(bob, 'bob');
  await watch(bob, 'alice');

  step = 'chat reaches both pages';
  await say(bob, 'hello from bob');
  await chatHas(bob, 'hello from bob');
  await chatHas(alice, 'hello from bob');
  await say(alice, 'welcome bob');
  await chatHas(bob, 'welcome bob');

  step = 'follow';
  await bob.click('#follow-btn');
  await bob.waitForFunction(() => document.getElementById('follow-btn').textContent === 'Unfollow', WAIT);
  if ((await textOf(bob, 'follower-count')) !== '1') throw new Error('follower count not 1');

  step = 'a reload keeps the session and the chat resumes';
  await bob.reload({ waitUntil: 'load' });
  await bob.waitForFunction(() => document.getElementById('whoami-name').textContent.includes('bob'), WAIT);
  await watch(bob, 'alice');
  await say(alice, 'after the reload');
  await chatHas(bob, 'after the reload');

  step = 'going offline shows on the viewer page';
  await alice.click('#gooffline-btn');
  await bob.waitForFunction(() => document.getElementById('channel-live').textContent === 'offline', WAIT);

  step = 'log out';
  await bob.click('#logout-btn');
  await bob.waitForFunction(() => !document.getElementById('auth-form').hidden, WAIT);
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  console.error(`failed at "${step}": ${e.message}\n${log.join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
