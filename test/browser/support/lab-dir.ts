import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/processes';

export const XSS_LAB = 'xss-lab';

/** Markup that would run if any page put lab or program text into HTML unescaped. */
export const XSS_PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src="x" onerror="window.__xss = 2">',
  '</textarea></script><svg onload="window.__xss = 3">',
];

/**
 * A labs folder for the browser tests: a copy of vector-add-cpp (the catalogue skips symbolic
 * links) and a second copy whose title and description are hostile.
 */
export function labsWithHostileDescription(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wb-browser-mps-'));
  const source = join(ROOT, 'mps', 'vector-add-cpp');
  cpSync(source, join(dir, 'vector-add-cpp'), { recursive: true });
  const lab = join(dir, XSS_LAB);
  cpSync(source, lab, { recursive: true });
  const config = readFileSync(join(source, 'mp.yaml'), 'utf8')
    .replace(/^id: .*$/m, `id: ${XSS_LAB}`)
    .replace(/^title: .*$/m, `title: "${XSS_PAYLOADS[1].replace(/"/g, '\\"')} lab"`);
  writeFileSync(join(lab, 'mp.yaml'), config);
  writeFileSync(
    join(lab, 'description.md'),
    `# Hostile\n\n${XSS_PAYLOADS.join('\n\n')}\n\n[a link](javascript:window.__xss=4)\n\n\`\`\`cpp\nint main() { return 0; } // highlighted\n\`\`\`\n`,
  );
  return dir;
}
