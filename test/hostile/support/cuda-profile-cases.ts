import { execFileSync } from 'node:child_process';

/** The programs of programs/ that the cuda profile suite runs too, built with nvcc. */
export const CUDA_PROFILE_CASES = [
  'pass',
  'shared-anonymous-memory',
  'memfd-memory',
  'malloc-touch',
  'fill-run-folder',
  'inode-exhaustion',
];

/** CUDA programs compile wherever nvcc is, GPU or not. */
export function hasNvcc(): boolean {
  try {
    execFileSync('nvcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
