/** One thing wrong with an input, named by its path (`events[0].criteria[1].max`). */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
}
