import { CompilerVersions } from './compiler-versions';

/** Answers from a table instead of running compilers, and counts the questions. */
class FakeVersions extends CompilerVersions {
  readonly asked: string[] = [];

  constructor(private readonly answers: Record<string, string>) {
    super();
  }

  protected override async probe(command: string): Promise<string> {
    this.asked.push(command);
    const answer = this.answers[command];
    if (answer === undefined) throw new Error(`spawn ${command} ENOENT`);
    return answer;
  }
}

describe('CompilerVersions', () => {
  it('asks each compiler once, however many compiles ask at the same time', async () => {
    const versions = new FakeVersions({ 'g++': 'g++ (Debian 12.2.0-14) 12.2.0' });
    const all = await Promise.all([versions.of('g++'), versions.of('g++'), versions.of('g++')]);
    expect(await versions.of('g++')).toBe(all[0]);
    expect(all[0]).toBe('g++: g++ (Debian 12.2.0-14) 12.2.0');
    expect(versions.asked).toEqual(['g++']);
  });

  it("includes nvcc's host compilers, which build the host half of a CUDA program", async () => {
    const versions = new FakeVersions({ nvcc: 'Cuda compilation tools, release 12.4', gcc: 'gcc 12', 'g++': 'g++ 12' });
    expect(await versions.of('nvcc')).toBe('nvcc: Cuda compilation tools, release 12.4\ngcc: gcc 12\ng++: g++ 12');
  });

  it('asks again after a failure instead of remembering it', async () => {
    const answers: Record<string, string> = {};
    const versions = new FakeVersions(answers);
    await expect(versions.of('g++')).rejects.toThrow(/ENOENT/);
    answers['g++'] = 'g++ 12';
    expect(await versions.of('g++')).toBe('g++: g++ 12');
  });

  it('runs the real command', async () => {
    // node stands in for a compiler: it is on every machine that runs these tests.
    expect(await new CompilerVersions().of(process.execPath)).toBe(`${process.execPath}: ${process.version}`);
  });
});
