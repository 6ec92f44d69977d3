// Parses each Mermaid file given with Mermaid's own parser (in a jsdom
// window, since Mermaid expects a browser) and fails unless every one is a
// flowchart. Used by .ci/run on `hera graph -o mermaid` output; it must
// sit beside a node_modules with mermaid and jsdom (see .ci/run).
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const files = process.argv.slice(2);
let failed = 0;
for (const file of files) {
  try {
    const result = await mermaid.parse(readFileSync(file, 'utf8'));
    if (!result || result.diagramType !== 'flowchart-v2') {
      console.log(`${file}: not a flowchart (${result && result.diagramType})`);
      failed++;
    }
  } catch (error) {
    console.log(`${file}: ${String(error.message || error).split('\n').slice(0, 4).join(' | ')}`);
    failed++;
  }
}
console.log(`mermaid: ${files.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && files.length > 0 ? 0 : 1);
