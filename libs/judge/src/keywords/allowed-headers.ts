/**
 * The headers every lab allows unless it narrows the list (`includes_only` in mp.yaml): the C
 * and C++ standard library's, libwb's, and the toolchain's own (ToolchainSpec.headers). Programs
 * of the original course include these freely, and wb.h includes most of them itself; the
 * sandbox, not the header list, stops what a standard header could reach (files, threads).
 */
export const LIBWB_HEADERS: readonly string[] = Object.freeze(['wb.h', 'wbSparse.h']);

/** C89 to C23. */
const C_HEADERS = [
  'assert.h',
  'complex.h',
  'ctype.h',
  'errno.h',
  'fenv.h',
  'float.h',
  'inttypes.h',
  'iso646.h',
  'limits.h',
  'locale.h',
  'math.h',
  'setjmp.h',
  'signal.h',
  'stdalign.h',
  'stdarg.h',
  'stdatomic.h',
  'stdbit.h',
  'stdbool.h',
  'stdckdint.h',
  'stddef.h',
  'stdint.h',
  'stdio.h',
  'stdlib.h',
  'stdnoreturn.h',
  'string.h',
  'tgmath.h',
  'threads.h',
  'time.h',
  'uchar.h',
  'wchar.h',
  'wctype.h',
];

/** C headers that C++ has no `c`-prefixed form of. */
const C_ONLY_HEADERS = new Set(['stdatomic.h', 'stdbit.h', 'stdckdint.h', 'stdnoreturn.h', 'threads.h']);

/** C++98 to C++23, and the C headers' `c`-prefixed forms. */
const CXX_HEADERS = [
  'algorithm',
  'any',
  'array',
  'atomic',
  'barrier',
  'bit',
  'bitset',
  'charconv',
  'chrono',
  'codecvt',
  'compare',
  'complex',
  'concepts',
  'condition_variable',
  'coroutine',
  'deque',
  'exception',
  'execution',
  'expected',
  'filesystem',
  'flat_map',
  'flat_set',
  'format',
  'forward_list',
  'fstream',
  'functional',
  'future',
  'generator',
  'initializer_list',
  'iomanip',
  'ios',
  'iosfwd',
  'iostream',
  'istream',
  'iterator',
  'latch',
  'limits',
  'list',
  'locale',
  'map',
  'mdspan',
  'memory',
  'memory_resource',
  'mutex',
  'new',
  'numbers',
  'numeric',
  'optional',
  'ostream',
  'print',
  'queue',
  'random',
  'ranges',
  'ratio',
  'regex',
  'scoped_allocator',
  'semaphore',
  'set',
  'shared_mutex',
  'source_location',
  'span',
  'spanstream',
  'sstream',
  'stack',
  'stacktrace',
  'stdexcept',
  'stdfloat',
  'stop_token',
  'streambuf',
  'string',
  'string_view',
  'syncstream',
  'system_error',
  'thread',
  'tuple',
  'type_traits',
  'typeindex',
  'typeinfo',
  'unordered_map',
  'unordered_set',
  'utility',
  'valarray',
  'variant',
  'vector',
  'version',
  ...C_HEADERS.filter((h) => !C_ONLY_HEADERS.has(h)).map((h) => `c${h.slice(0, -2)}`),
];

export const STANDARD_HEADERS: readonly string[] = Object.freeze([...C_HEADERS, ...CXX_HEADERS]);

/** The headers one lab allows, and how to say so to a student whose program includes another. */
export interface HeaderRules {
  allowed: ReadonlySet<string>;
  /** Ends "… is not allowed; " in the message. */
  advice: string;
}

/**
 * A lab's header rules: `labIncludes` alone when the lab narrows the list (`includes_only`),
 * else the standard headers, libwb's, the toolchain's and the lab's own.
 */
export function headerRules(labIncludes: readonly string[], toolchainHeaders: readonly string[], includesOnly: boolean): HeaderRules {
  if (includesOnly) {
    return {
      allowed: new Set(labIncludes),
      advice: labIncludes.length > 0 ? `allowed headers: ${labIncludes.join(', ')}` : 'this lab allows no headers',
    };
  }
  const extra = [...new Set([...LIBWB_HEADERS, ...toolchainHeaders, ...labIncludes])];
  return {
    allowed: new Set([...STANDARD_HEADERS, ...extra]),
    advice: `this lab allows the C and C++ standard headers and ${extra.join(', ')}: remove the #include or use one of those`,
  };
}
