// Copies the Noto Emoji pictures that src/main/resources/storefront/pictures/pictures.json names out
// of the npm package @iconify-json/noto into noto-emoji.json beside it: the application serves
// product pictures from that file and fetches nothing at run time. Run it after changing the
// mapping (Node.js and npm, nothing else):
//
//   node tools/vendor-pictures.mjs
//
// It also draws the shop's icon, src/main/resources/static/favicon.svg (Noto's shopping bags on the
// shop's green). favicon.ico is that icon at 48 × 48: a PNG screenshot of it by headless Chromium,
// in an ICO file's one entry.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = '@iconify-json/noto@1.2.9';
const folder = new URL('../src/main/resources/storefront/pictures/', import.meta.url).pathname;
const mapping = JSON.parse(readFileSync(join(folder, 'pictures.json'), 'utf8'));
const wanted = new Set([
  ...Object.values(mapping.byType), ...Object.values(mapping.byCategory), ...mapping.bookCovers,
  ...Object.values(mapping.bookSubjects), mapping.unknown,
]);

const work = mkdtempSync(join(tmpdir(), 'noto-'));
try {
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
  const set = JSON.parse(readFileSync(join(work, 'package', 'icons.json'), 'utf8'));
  const info = JSON.parse(readFileSync(join(work, 'package', 'info.json'), 'utf8'));
  const icons = {};
  for (const name of [...wanted].sort()) {
    const icon = set.icons[name] ?? set.icons[set.aliases?.[name]?.parent];
    if (!icon) {
      throw new Error(`${PACKAGE} has no picture called ${name}`);
    }
    icons[name] = icon.body;
  }
  writeFileSync(join(folder, 'noto-emoji.json'), JSON.stringify({
    source: `${PACKAGE}: ${info.name} by ${info.author.name} (${info.author.url}), ${info.license.spdx}`,
    width: set.width,
    height: set.height,
    icons,
  }, null, 1) + '\n');
  const bags = set.icons['shopping-bags'].body;
  writeFileSync(new URL('../src/main/resources/static/favicon.svg', import.meta.url).pathname,
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#2f5d50"/>'
    + `<svg x="7" y="6" width="50" height="50" viewBox="0 0 128 128">${bags}</svg></svg>`);
  console.log(`${Object.keys(icons).length} pictures from ${PACKAGE}`);
}
finally {
  rmSync(work, { recursive: true, force: true });
}
