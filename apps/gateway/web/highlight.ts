import hljs from 'highlight.js/lib/core';
import cpp from 'highlight.js/lib/languages/cpp';

hljs.registerLanguage('cpp', cpp);
// Descriptions tag CUDA and C code blocks too; C++ highlighting reads well for all of them.
for (const alias of ['cuda', 'cu', 'c', 'h', 'opencl', 'cl']) hljs.registerAliases(alias, { languageName: 'cpp' });

/** Highlights code blocks below `root`; highlight.js escapes the text it wraps. */
export function highlightWithin(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('pre code').forEach((code) => {
    if (code.dataset.highlighted) return;
    const language = /language-(\S+)/.exec(code.className)?.[1];
    if (language && !hljs.getLanguage(language)) return;
    if (!language) code.classList.add('language-cpp');
    hljs.highlightElement(code);
  });
}
