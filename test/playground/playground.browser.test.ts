import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { makeSubscription } from '../factories/digests';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

const describeInBrowser = CHROMIUM_PATH ? describe : describe.skip;
const LABEL = /(\d+)–(\d+) of (\d+)/;

describeInBrowser('the playground, in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: ':memory:',
        DEFAULT_TIME_ZONE: 'UTC',
        ALERT_POLL_SECONDS: '5',
      }),
      createLogger({ level: 'error', format: 'json', write: () => {} }),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH as string,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    if (app.simulator) app.simulator.faults.failNext = { count: 0, status: 503 };
    await page.goto(`${app.url}/`);
  });
  afterEach(async () => {
    await page?.context().close();
  });

  const slack = () => page.getByTestId('slack');
  const teams = () => page.getByTestId('teams');
  const labelOf = async (pane: ReturnType<typeof slack>) => LABEL.exec((await pane.textContent()) ?? '')?.[0];

  it("answers the question on both sides, with the same rows, in the browser's time zone", async () => {
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByLabel('Question').fill('/sessions failed last 7 days');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await slack().getByText('Failed sessions · last 7 days').waitFor();
    await teams().getByText('Failed sessions · last 7 days').waitFor();
    expect(await labelOf(slack())).toMatch(/^1–10 of \d+$/);
    expect(await labelOf(teams())).toBe(await labelOf(slack()));
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: join('test-results', 'playground.png'), fullPage: false });
    if (process.env.UPDATE_SCREENSHOT)
      copyFileSync(join('test-results', 'playground.png'), join('docs', 'playground.png'));
  });

  it('pages with Next in place on each side, Slack and Teams alike', async () => {
    await slack().getByText('1–10 of').waitFor();
    await slack().getByRole('button', { name: 'Next ▶' }).click();
    await slack()
      .getByText(/11–20 of/)
      .waitFor();
    expect(await slack().getByText('Failed sessions').count()).toBe(1);
    await teams().getByRole('button', { name: /Next/ }).click();
    await teams()
      .getByText(/11–20 of/)
      .waitFor();
    await teams()
      .getByRole('button', { name: /Previous/ })
      .click();
    await teams()
      .getByText(/1–10 of/)
      .waitFor();
  });

  it('opens the details of a session, and comes back', async () => {
    await slack().getByText('1–10 of').waitFor();
    await slack().getByRole('button', { name: 'Details' }).first().click();
    await slack().getByText('Session ID').waitFor();
    await slack().getByRole('button', { name: /Back/ }).click();
    await slack().getByText('1–10 of').waitFor();
    // Teams: a session is picked first; Details with none picked says so and leaves the card.
    await teams().getByRole('button', { name: 'Details' }).click();
    await page
      .locator('#teams-note')
      .getByText(/pick|choose|session/i)
      .waitFor();
    await teams().locator('select').selectOption({ index: 1 });
    await teams().getByRole('button', { name: 'Details' }).click();
    await teams().getByText('Session ID').waitFor();
  });

  it('shows the error state when the Veeam API fails, and recovers when it is back', async () => {
    await slack().getByText('1–10 of').waitFor();
    await page.getByLabel('failing (503)').check();
    await page.getByText(/API failing/).waitFor();
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await slack().getByRole('button', { name: 'Try again' }).waitFor();
    await teams().getByRole('button', { name: 'Try again' }).waitFor();
    expect(await slack().textContent()).toMatch(/Veeam/);
    await page.getByLabel('normal').check();
    await page.getByText(/API normal/).waitFor();
    await slack().getByRole('button', { name: 'Try again' }).click();
    await slack().getByText('1–10 of').waitFor();
  });

  it('previews the digest on both sides', async () => {
    await page.getByRole('button', { name: 'Digest preview' }).click();
    await slack().getByText('Backup digest').waitFor();
    await teams().getByText('Backup digest').waitFor();
    expect(await teams().textContent()).toMatch(/Failed per day, last 7 days/);
  });

  it('takes a digest subscription as chat does, and shows the digests the schedule posts here', async () => {
    await page.getByLabel('Question').fill('digest daily 08:00');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await slack().getByText('Digest on').waitFor();
    await teams().getByText('Digest on').waitFor();
    await page.getByRole('button', { name: 'Posted digests' }).click();
    await page.getByText(/No digest has been posted here yet/).waitFor();
    // What the scheduler does at 08:00: the service posts through the playground platform by its name.
    await app.digests.post(makeSubscription('playground', 'playground', 'playground'), new Date(), false);
    await page.getByRole('button', { name: 'Posted digests' }).click();
    await slack().getByText('Backup digest').waitFor();
    await teams().getByText('Backup digest').waitFor();
    await page.getByText(/Posted at /).waitFor();
  });

  it('shows an alert arriving in its channel after "Make a policy fail now", and its buttons work there', async () => {
    await page.getByLabel('Question').fill('alerts on');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await slack().getByText('Alerts on').waitFor();
    await page.getByRole('button', { name: 'Make a policy fail now' }).click();
    // The page writes the note once the simulator has answered: wait for it, not for the click.
    const noteLine = page.locator('#channel-note').filter({ hasText: 'failed just now' });
    await noteLine.waitFor();
    const note = (await noteLine.textContent()) ?? '';
    const policy = /^(.+) failed just now/.exec(note)?.[1] ?? '';
    expect(policy).not.toBe('');
    const channel = page.getByTestId('channel');
    await channel.getByText(`Failed: ${policy}`).first().waitFor({ timeout: 20_000 });
    await channel.getByRole('button', { name: "I'm on it" }).first().click();
    await channel.getByText('is on it').first().waitFor();
    await page.getByLabel('Question').fill('alerts off');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await slack().getByText('Alerts off').waitFor();
  }, 40_000);
});
