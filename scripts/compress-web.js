#!/usr/bin/env node
// Post-build step of the web app (`npm run build`): writes Brotli (.br) and gzip (.gz)
// siblings of every text file in the build, which the server sends to clients that accept
// them. Usage: node scripts/compress-web.js [DIR] (default: ALIANZA_WEB_DIR or web/dist).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.webmanifest']);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = path.resolve(process.argv[2] ?? process.env.ALIANZA_WEB_DIR ?? path.join(root, 'web', 'dist'));
const br = promisify(brotliCompress);
const gz = promisify(gzip);

function filesUnder(folder) {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

async function compress(file) {
  const data = readFileSync(file);
  const [brotli, gzipped] = await Promise.all([
    br(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzipped);
  return { original: data.length, brotli: brotli.length, gzipped: gzipped.length };
}

let files;
try {
  files = filesUnder(dir).filter((file) => COMPRESSIBLE.has(path.extname(file)));
} catch (err) {
  process.stderr.write(`compress-web: cannot read ${dir}: ${err.message}\n`);
  process.exit(1);
}
// zlib works on libuv's thread pool, so the files compress in parallel.
const sizes = await Promise.all(files.map(compress));
const kB = (n) => `${(sizes.reduce((sum, s) => sum + s[n], 0) / 1024).toFixed(0)} kB`;
const shown = path.relative(process.cwd(), dir);
process.stdout.write(`compress-web: ${files.length} files in ${shown.startsWith('..') ? dir : shown || '.'}: ${kB('original')} → ${kB('brotli')} br, ${kB('gzipped')} gz\n`);
