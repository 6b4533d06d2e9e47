import type { SweepEventMsg, SweepMsg, SweepServiceClient } from '@gansweep/contract';
import { describeGrpcError } from '@gansweep/contract';
import { progressLine } from './render.ts';
import { CliError } from './client.ts';

/**
 * Follows a sweep until it ends, drawing a progress line on stderr (rewritten in place on a terminal, at most every
 * few seconds otherwise). Resolves with the last snapshot.
 */
export function watchSweep(
  client: SweepServiceClient,
  address: string,
  sweepId: string,
  options: { quiet?: boolean } = {},
): Promise<SweepMsg> {
  const tty = process.stderr.isTTY;
  const start = Date.now();
  let last: SweepMsg | undefined;
  let lastPrinted = 0;
  let lastLine = '';
  return new Promise((resolve, reject) => {
    const stream = client.WatchSweep({ sweepId });
    stream.on('data', (ev: SweepEventMsg) => {
      last = ev.sweep!;
      if (options.quiet) return;
      const line = progressLine(last, Date.now() - start);
      const ended = ['done', 'failed', 'cancelled'].includes(last.state);
      if (tty) process.stderr.write(`\r\x1b[2K${line}`);
      else if ((Date.now() - lastPrinted > 3000 || ended) && line !== lastLine) {
        process.stderr.write(line + '\n');
        lastPrinted = Date.now();
        lastLine = line;
      }
    });
    stream.on('error', (e) => {
      if (tty && !options.quiet) process.stderr.write('\n');
      reject(new CliError(describeGrpcError(e, address)));
    });
    stream.on('end', () => {
      if (tty && !options.quiet) process.stderr.write('\n');
      if (last) resolve(last);
      else reject(new CliError(`watch of ${sweepId} ended without any update`));
    });
  });
}
