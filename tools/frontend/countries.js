// Writes the country list Ariadne offers for citizenship: ISO 3166-1 alpha-3 codes (stored) with
// their names in en, ru and az (shown), from the pinned i18n-iso-countries package.
const fs = require("fs");
const codes = require("i18n-iso-countries/codes.json");
const names = Object.fromEntries(["en", "ru", "az"].map((l) => [l, require(`i18n-iso-countries/langs/${l}.json`).countries]));
const first = (v) => (Array.isArray(v) ? v[0] : v);
const rows = codes.map(([a2, a3]) => ({ code: a3, en: first(names.en[a2]), ru: first(names.ru[a2]), az: first(names.az[a2]) }))
  .filter((r) => r.en && r.ru && r.az)
  .sort((a, b) => a.code.localeCompare(b.code));
fs.writeFileSync(process.argv[2], JSON.stringify(rows, null, 0) + "\n");
console.log(`${rows.length} countries`);
