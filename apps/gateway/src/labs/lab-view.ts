import { Grade, Mp, toolchainSpec } from '@wb/common';

/** One lab in the labs list (`GET /` as JSON), in course order, with the user's standing and counting grade. */
export function labListEntry(mp: Mp, standing: { status: string; passed: boolean } | undefined, grade: Grade | undefined) {
  const c = mp.config;
  return {
    id: c.id,
    title: c.title,
    order: c.order ?? null,
    toolchain: c.toolchain,
    toolchainName: toolchainSpec(c.toolchain).badge,
    device: toolchainSpec(c.toolchain).device,
    deadline: c.deadline ?? null,
    best: standing ? (standing.passed ? 'passed' : standing.status) : null,
    grade: grade ? { score: grade.score, maxScore: grade.maxScore } : null,
  };
}

/** What a client (the `wb` tool, the web page) needs to know about a lab; never hidden datasets. */
export function labInfo(mp: Mp) {
  const c = mp.config;
  return {
    id: c.id,
    title: c.title,
    order: c.order ?? null,
    toolchain: c.toolchain,
    device: toolchainSpec(c.toolchain).device,
    language: c.language,
    deadline: c.deadline ?? null,
    outputType: c.output_type,
    tolerance: c.tolerance ?? null,
    compileFlags: c.compile.flags,
    build: buildRecipe(mp),
    limits: { compileS: c.limits.compile_s, runS: c.limits.run_s, programBytes: c.limits.program_bytes },
    datasets: publicDatasets(mp).map((d) => ({ id: d.id, name: d.name })),
  };
}

export function publicDatasets(mp: Mp) {
  return mp.datasets.filter((d) => !d.hidden);
}

/**
 * How the `wb` client builds the lab's program locally, exactly as a worker does: the compiler,
 * the file to save the program as, the toolchain's own flags (after the lab's compileFlags),
 * the libwb archive under libwb's build folder, and the libraries linked after it. The client
 * needs no table of toolchains of its own, so a new toolchain needs no new client.
 */
function buildRecipe(mp: Mp) {
  const spec = toolchainSpec(mp.config.toolchain);
  return {
    compiler: spec.compiler,
    sourceFile: spec.sourceFile,
    flags: spec.flags,
    libwbArchive: spec.libwbArchive,
    libraries: spec.libraries,
  };
}
