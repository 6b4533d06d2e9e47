/** One problem in a sweep file, located by its JSON path ("space.lr.logUniform[0]"). */
export interface SweepIssue {
  path: string;
  message: string;
}

/** A sweep file that cannot run; the message lists every problem with its JSON path. */
export class SweepError extends Error {
  readonly code = 'INVALID_SWEEP' as const;
  readonly issues: SweepIssue[];
  readonly source: string;
  constructor(source: string, issues: SweepIssue[]) {
    const lines = issues.map((i) => `  - ${i.path || '(top level)'}: ${i.message}`);
    super(`${source}: invalid sweep file\n${lines.join('\n')}`);
    this.name = 'SweepError';
    this.issues = issues;
    this.source = source;
  }
}
