/** Only a path on this site: `//evil.example` and `/\evil.example` are other sites to a browser. */
export function localPathOr(candidate: string | undefined, fallback: string): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  return /[\u0000-\u001f]/.test(candidate) ? fallback : candidate;
}
