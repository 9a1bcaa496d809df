#!/usr/bin/env node
/**
 * The size budget: the JavaScript the first page loads (the scripts and module preloads that
 * dist/index.html names, with the modules they import statically), gzipped, must stay under
 * BUDGET. Lazy chunks are not counted: the first page does not wait for them.
 * `npm run size` builds first; `node scripts/size.mjs` measures the existing dist/.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET = 200 * 1000; // bytes, gzip
const dist = resolve(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/** The JS files index.html loads, and what they import statically, relative to dist/. */
export function firstPageScripts(html, read) {
  const found = new Set();
  const queue = [];
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const tag = match[0];
    const isScript = tag.startsWith("<script") && /\bsrc=/.test(tag);
    const isPreload = /rel=["']?modulepreload/.test(tag);
    if (!isScript && !isPreload) continue;
    const url = /(?:src|href)=["']([^"']+)["']/.exec(tag)?.[1];
    if (url && url.startsWith("/") && url.endsWith(".js")) queue.push(url.slice(1));
  }
  while (queue.length) {
    const file = queue.shift();
    if (found.has(file)) continue;
    found.add(file);
    const code = read(file);
    // Static imports of other chunks ("./x.js" or "/assets/x.js"); dynamic import() is lazy.
    for (const match of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)) {
      const spec = match[1];
      queue.push(spec.startsWith("/") ? spec.slice(1) : join(dirname(file), spec));
    }
  }
  return [...found];
}

function main() {
  if (!existsSync(join(dist, "index.html"))) {
    console.error("dist/index.html is missing: run `npm run build` first.");
    process.exit(2);
  }
  const read = (file) => readFileSync(join(dist, file), "utf8");
  const files = firstPageScripts(read("index.html"), read);
  let total = 0;
  for (const file of files) {
    const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
    total += size;
    console.log(`${(size / 1000).toFixed(1).padStart(8)} kB  ${file}`);
  }
  const verdict = total <= BUDGET ? "within" : "OVER";
  console.log(`${(total / 1000).toFixed(1).padStart(8)} kB  first-page JavaScript (gzip), ${verdict} the budget of ${BUDGET / 1000} kB`);
  if (files.length === 0) {
    console.error("index.html loads no script: the measure is broken.");
    process.exit(1);
  }
  if (total > BUDGET) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
