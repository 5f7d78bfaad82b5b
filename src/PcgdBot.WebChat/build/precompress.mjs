// Copies the page's files and the Web Chat bundle into one folder with a Brotli (.br) and a gzip (.gz) form of each, made
// once at build time at the highest levels, so the host serves them compressed without spending CPU per request.
// usage: node build/precompress.mjs OUT_DIR PAGE_DIR BUNDLE_FILE
import { mkdirSync, readdirSync, readFileSync, writeFileSync, statSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const [out, pageDir, bundle] = process.argv.slice(2);
if (!out || !pageDir || !bundle) {
  console.error('usage: node build/precompress.mjs OUT_DIR PAGE_DIR BUNDLE_FILE');
  process.exit(2);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const files = readdirSync(pageDir).map(name => join(pageDir, name)).filter(path => statSync(path).isFile());
files.push(bundle);
for (const file of files) {
  const name = basename(file);
  const content = readFileSync(file);
  writeFileSync(join(out, name), content);
  writeFileSync(join(out, name + '.br'), brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  }));
  writeFileSync(join(out, name + '.gz'), gzipSync(content, { level: 9 }));
}
writeFileSync(join(out, '.stamp'), new Date().toISOString());
console.log(`PcgdBot.WebChat: ${files.length} assets precompressed into ${out}`);
