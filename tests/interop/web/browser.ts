/**
 * Debian's chromium driven by puppeteer-core for the web view tests: headless, as root without
 * the sandbox (chromium refuses to run as root with it), every wait bounded. Expressions run in
 * the page are strings: this project's TypeScript has no DOM types.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { TOOLS } from '../../helpers/interop-tools';

export const OUTPUT_DIR = path.join(__dirname, 'output');
/** The longest any single wait in these tests may take. */
export const WAIT_MS = 20_000;

export async function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: TOOLS.chromium,
    headless: true,
    timeout: WAIT_MS,
    protocolTimeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--font-render-hinting=none'],
    defaultViewport: { width: 1280, height: 900 },
  });
}

/** A page signed in (HTTP Basic) as `user`, in its own browser context (no shared credentials). */
export async function signedInPage(browser: Browser, user: string, password: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.authenticate({ username: user, password });
  return page;
}

export async function inPage<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

/** Waits until `expression` is true in the page. */
export async function waitInPage(page: Page, expression: string): Promise<void> {
  await page.waitForFunction(expression, { timeout: WAIT_MS, polling: 100 });
}

/**
 * A mouse click on `selector` in a live page. The page redraws its tables as events arrive, so the
 * element puppeteer found can be replaced before the click lands ("Node is detached from
 * document"): the click is then made again on the new element, a few times at most.
 */
export async function clickLive(page: Page, selector: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.click(selector);
      return;
    } catch (err) {
      if (attempt >= 5 || !(err instanceof Error) || !/detached/i.test(err.message)) throw err;
    }
  }
}

export function textOf(page: Page, selector: string): Promise<string> {
  return inPage<string>(page, `document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
