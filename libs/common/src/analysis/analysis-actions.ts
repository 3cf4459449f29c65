import type { Toolchain } from '../toolchains/toolchain-specs';
import type { SanitizerTool } from './sanitizer-report';

/**
 * The two analysis actions a CUDA student can ask for beside Run: "Check memory" runs the
 * program on one dataset under compute-sanitizer, "Profile" under Nsight Compute. Each is an
 * attempt of its own kind on the lab's run queue (a GPU is needed, so only the workers that
 * serve the toolchain take it), and the tool's report becomes the attempt's `output`, read back
 * by sanitizer-report.ts and ncu-report.ts where it is shown.
 */
export type AnalysisAction = 'check' | 'profile';

export const ANALYSIS_ACTIONS: readonly AnalysisAction[] = ['check', 'profile'];

export function isAnalysisAction(kind: string): kind is AnalysisAction {
  return (ANALYSIS_ACTIONS as readonly string[]).includes(kind);
}

/** The toolchains whose workers run the tools: NVIDIA's tools profile and check CUDA kernels only. */
export function analysisAvailable(toolchain: Toolchain): boolean {
  return toolchain === 'cuda';
}

/** How the pages name each action. */
export const ANALYSIS_TITLES: Record<AnalysisAction, string> = { check: 'Check memory', profile: 'Profile' };

/**
 * The sanitizer's tools for a program: memcheck always; racecheck (shared-memory hazards) and
 * synccheck (barriers in divergent code) only where the program has shared memory to race on,
 * since each tool is one more run of the whole program.
 */
export function sanitizerTools(program: string): SanitizerTool[] {
  return /\b__shared__\b/.test(program) ? ['memcheck', 'racecheck', 'synccheck'] : ['memcheck'];
}

/** Nsight Compute's sections: the figures the profile shows, and no more (each section is replay passes). */
export const NCU_SECTIONS = ['SpeedOfLight', 'Occupancy', 'LaunchStats'] as const;

/** Launches profiled per run: a kernel in a loop would otherwise be replayed thousands of times. */
export const NCU_LAUNCH_COUNT = 20;

/** Errors the sanitizer prints per tool; the report shows them deduplicated, at most SANITIZER_ERROR_CAP. */
export const SANITIZER_PRINT_LIMIT = 200;

/** compute-sanitizer's arguments before the program's own command line. */
export function sanitizerArgs(tool: SanitizerTool, logFile: string): string[] {
  return ['--tool', tool, '--print-limit', String(SANITIZER_PRINT_LIMIT), '--log-file', logFile];
}

/** ncu's arguments before the program's own command line: CSV of the details page, to a file. */
export function ncuArgs(logFile: string): string[] {
  return [
    '--csv',
    '--page',
    'details',
    ...NCU_SECTIONS.flatMap((s) => ['--section', s]),
    '--launch-count',
    String(NCU_LAUNCH_COUNT),
    '--log-file',
    logFile,
  ];
}

/**
 * The launcher's seccomp profile for a program under a tool: the cuda one, plus the tool's fork
 * and its exec of the program (apps/gpu-worker/sandbox/src/profiles.c). NOT yet derived from a
 * trace on a GPU, as the cuda one was: test/gpu/check.sh records that trace (docs/threat-model.md).
 */
export const ANALYSIS_SANDBOX_PROFILE = 'cuda-sanitizer' as const;
