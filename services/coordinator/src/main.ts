import { parseArgs } from 'node:util';
import { CliError } from './cli/client.ts';

const USAGE = `usage: coordinator <command> [options]

  run SWEEP.json [--workers N] [--out DIR] [--samples N]
                      run a whole sweep on this machine (coordinator + N local workers, no services needed)
  serve [--listen HOST:PORT] [--store DIR|s3://B/P] [--bus nats://H:P] [--journal DIR|nats://H:P|memory]
        [--config FILE] [--token-file F] [--tls-key F --tls-cert F [--tls-client-ca F]] [--lease-timeout MS]
        [--metrics-listen HOST:PORT]   Prometheus /metrics (default 127.0.0.1:9464, '' disables)
                      run the coordinator service for remote workers
  submit SWEEP.json [--watch]          queue a sweep on a running coordinator; prints its id
  status [ID] [--json]                 list sweeps, or one sweep's trials
  watch ID                             follow a sweep until it ends
  cancel ID                            stop a sweep
  best ID [--json]                     the winner and the generator handed over
  samples ID -n N [-o FILE] [--seed S] stream synthetic minority rows from the best generator as CSV
  report ID [-o report.html]           HTML report: leaderboard, F1-vs-step, losses, contamination, marginals

Client commands take --coordinator HOST:PORT (env GANSWEEP_COORDINATOR, default 127.0.0.1:7070) and
--token-file F (env GANSWEEP_TOKEN / GANSWEEP_TOKEN_FILE). See README.md and docs/operations.md.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const common = {
    coordinator: { type: 'string' },
    'token-file': { type: 'string' },
    'tls-ca': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    json: { type: 'boolean' },
    watch: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const parse = <O extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(options: O) => {
    try {
      return parseArgs({ args: rest, options: { ...common, ...options }, allowPositionals: true });
    } catch (e) {
      throw new CliError(`${(e as Error).message}\n\n${USAGE}`, 2);
    }
  };
  const positional = (ps: string[], what: string) => {
    const p = ps[0];
    if (!p) throw new CliError(`coordinator ${command}: missing ${what}\n\n${USAGE}`, 2);
    return p;
  };
  switch (command) {
    case 'run': {
      const { values, positionals } = parse({
        workers: { type: 'string' },
        out: { type: 'string' },
        samples: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
      });
      const { runEmbedded } = await import('./cli/run.ts');
      await runEmbedded({
        sweepFile: positional(positionals, 'SWEEP.json'),
        workers: values.workers !== undefined ? Number(values.workers) : undefined,
        out: values.out,
        samples: values.samples !== undefined ? Number(values.samples) : undefined,
        quiet: values.quiet,
      });
      return 0;
    }
    case 'serve': {
      const { values } = parse({
        config: { type: 'string' },
        listen: { type: 'string' },
        store: { type: 'string' },
        bus: { type: 'string' },
        journal: { type: 'string' },
        'tls-client-ca': { type: 'string' },
        'lease-timeout': { type: 'string' },
        'metrics-listen': { type: 'string' },
      });
      const { serve } = await import('./cli/serve.ts');
      return serve(values);
    }
    case 'submit': {
      const { values, positionals } = parse({});
      const { submit } = await import('./cli/commands.ts');
      return submit(positional(positionals, 'SWEEP.json'), values);
    }
    case 'status': {
      const { values, positionals } = parse({});
      const { status } = await import('./cli/commands.ts');
      return status(positionals[0], values);
    }
    case 'watch':
    case 'cancel':
    case 'best': {
      const { values, positionals } = parse({});
      const cmds = await import('./cli/commands.ts');
      return cmds[command](positional(positionals, 'sweep ID'), values);
    }
    case 'report': {
      const { values, positionals } = parse({ o: { type: 'string', short: 'o' } });
      const { report } = await import('./cli/commands.ts');
      return report(positional(positionals, 'sweep ID'), values);
    }
    case 'samples': {
      const { values, positionals } = parse({
        n: { type: 'string', short: 'n' },
        o: { type: 'string', short: 'o' },
        seed: { type: 'string' },
      });
      const { samples } = await import('./cli/commands.ts');
      return samples(positional(positionals, 'sweep ID'), values);
    }
    default:
      throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof CliError) {
      process.stderr.write(`coordinator: ${e.message}\n`);
      process.exit(e.exitCode);
    }
    process.stderr.write(`coordinator: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
