/**
 * Names no lab program needs and a student should be told about before the sandbox stops them
 * less kindly: leaving the process, starting programs, inline assembly, files, dynamic loading,
 * signals and non-local jumps, the environment, the network. A lab adds its own with
 * `keywords.forbid` in mp.yaml.
 *
 * Only names that mean one thing in C, C++ and CUDA are listed, because the check matches the
 * name wherever it is used (`std::exit`, `::system`, a member `obj.exit` alike: the scanner does
 * not know types, and a field called `exit` is rare enough to rename). Left out on purpose:
 * - `remove`: also `std::remove` from <algorithm>, which labs allow.
 * - `thread`, `bind`, `accept`, `raise`, `clone`, `read`, `write`, `close`: ordinary words for
 *   variables and methods. Threads and descriptors are the sandbox's business (process limits
 *   and the seccomp whitelist), and without <fstream>, <thread> or <unistd.h> on the lab's
 *   include list most of these cannot be reached anyway.
 * `signal` stays although a signal-processing lab may like the name: a program that installs
 * its own SIGSEGV handler hides its crash from the student, and renaming a variable is cheap.
 */
export const DEFAULT_FORBIDDEN_KEYWORDS: readonly string[] = Object.freeze([
  // leaving the process from anywhere but main: labs report failures with wbLog and wbCheck, and
  // all but `exit` also skip libwb's exit-time report
  'exit',
  '_exit',
  '_Exit',
  'quick_exit',
  'abort',
  // starting other programs
  'system',
  'popen',
  'fork',
  'vfork',
  'execl',
  'execlp',
  'execle',
  'execv',
  'execvp',
  'execvpe',
  'execve',
  'fexecve',
  'posix_spawn',
  'posix_spawnp',
  // inline assembly and raw system calls
  'asm',
  '__asm',
  '__asm__',
  'syscall',
  // files outside libwb's import and export
  'fopen',
  'fopen64',
  'freopen',
  'fdopen',
  'open',
  'open64',
  'openat',
  'creat',
  'unlink',
  'unlinkat',
  'rename',
  'renameat',
  'rmdir',
  'chdir',
  'chroot',
  // loading code and mapping memory behind the allocator's back
  'dlopen',
  'dlsym',
  'mmap',
  'mprotect',
  // other processes, signals and non-local jumps
  'ptrace',
  'kill',
  'signal',
  'sigaction',
  'setjmp',
  'longjmp',
  'sigsetjmp',
  'siglongjmp',
  // the environment and the network
  'getenv',
  'secure_getenv',
  'setenv',
  'putenv',
  'socket',
  'connect',
]);
