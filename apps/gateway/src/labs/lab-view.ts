import type { Mp } from '@wb/common';

/** What a client (the `wb` tool, the web page) needs to know about a lab; never hidden datasets. */
export function labInfo(mp: Mp) {
  const c = mp.config;
  return {
    id: c.id,
    title: c.title,
    toolchain: c.toolchain,
    language: c.language,
    deadline: c.deadline ?? null,
    outputType: c.output_type,
    tolerance: c.tolerance ?? null,
    compileFlags: c.compile.flags,
    limits: { compileS: c.limits.compile_s, runS: c.limits.run_s, programBytes: c.limits.program_bytes },
    datasets: publicDatasets(mp).map((d) => ({ id: d.id, name: d.name })),
  };
}

export function publicDatasets(mp: Mp) {
  return mp.datasets.filter((d) => !d.hidden);
}
