// Screenshots of each role's home and of the case workspace, for reviewers who do not run Ariadne.
// Run by tools/screens/screens.sh against a running demo; writes docs/screens/*.png.
const { chromium } = require(process.env.PLAYWRIGHT_PACKAGE);
const base = process.env.BASE || "http://127.0.0.1:5099";
const out = process.env.OUT;
const password = "Qizil-Gunes-Demo-2026"; // DemoSeeder.Password
const roles = ["duty", "investigator", "border", "shelter", "chief", "coordinator", "auditor", "admin"];

async function signIn(browser, who, lang, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addCookies([{ name: ".AspNetCore.Culture", value: encodeURIComponent(`c=${lang}|uic=${lang}`), url: base }]);
  const page = await context.newPage();
  await page.goto(base + "/Account/SignIn");
  await page.fill("#Input_UserName", who);
  await page.fill("#Input_Password", password);
  await page.click("main form.app-form button[type=submit]");
  await page.waitForLoadState("networkidle");
  return page;
}

(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  // One sign-in per role (the sign-in rate limit counts every attempt from this address); the language is a cookie.
  for (const who of roles) {
    const page = await signIn(browser, who, "az", 1280);
    for (const lang of ["az", "ru"]) {
      await page.context().addCookies([{ name: ".AspNetCore.Culture", value: encodeURIComponent(`c=${lang}|uic=${lang}`), url: base }]);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(base + "/");
      await page.screenshot({ path: `${out}/home-${who}-${lang}.png`, fullPage: true });
      if (who === "investigator") {
        await page.goto(base + "/Cases");
        await page.screenshot({ path: `${out}/cases-${lang}.png`, fullPage: true });
        const first = page.locator("main tbody a").first();
        if (await first.count()) {
          await first.click();
          await page.waitForLoadState("networkidle");
          await page.screenshot({ path: `${out}/case-workspace-${lang}.png`, fullPage: true });
          await page.setViewportSize({ width: 390, height: 900 });
          await page.screenshot({ path: `${out}/case-workspace-${lang}-phone.png`, fullPage: true });
          await page.goto(page.url().replace(/\/Cases\/Detail.*$/, "") + "/Cases/Identification?id=" + page.url().match(/[0-9a-f-]{36}/)[0]);
          await page.screenshot({ path: `${out}/identification-${lang}-phone.png`, fullPage: true });
        }
      }
      if (who === "investigator") {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(base + "/Accommodation/Beds?Search.Need=Woman");
        await page.screenshot({ path: `${out}/beds-${lang}.png`, fullPage: true });
        await page.setViewportSize({ width: 390, height: 900 });
        await page.screenshot({ path: `${out}/beds-${lang}-phone.png`, fullPage: true });
      }
      if (who === "shelter") {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(base + "/Accommodation/Shelters");
        await page.screenshot({ path: `${out}/shelter-${lang}.png`, fullPage: true });
        const resident = page.locator("main [data-bed-state=Occupied] a").first();
        if (await resident.count()) {
          await resident.click();
          await page.waitForLoadState("networkidle");
          await page.screenshot({ path: `${out}/placement-${lang}.png`, fullPage: true });
          await page.setViewportSize({ width: 390, height: 900 });
          await page.screenshot({ path: `${out}/placement-${lang}-phone.png`, fullPage: true });
        }
      }
      if (who === "duty") {
        await page.setViewportSize({ width: 390, height: 900 });
        await page.goto(base + "/Referrals");
        await page.screenshot({ path: `${out}/desk-${lang}-phone.png`, fullPage: true });
      }
      if (who === "border") {
        await page.setViewportSize({ width: 390, height: 900 });
        await page.goto(base + "/Referrals/New");
        await page.screenshot({ path: `${out}/referral-form-${lang}-phone.png`, fullPage: true });
      }
    }
    await page.context().close();
  }
  await browser.close();
})();
