import { AnalyticsError } from '../errors.ts';
import { runHotspots } from './hotspots-command.ts';
import { runKde } from './kde-command.ts';
import { runKnox } from './knox-command.ts';
import { ANALYZE_HELP, parseAnalyzeArgs } from './options.ts';
import type { Io } from './output.ts';
import { runTrend } from './trend-command.ts';

export { ANALYZE_HELP };

/**
 * `alianza analyze <statistic> [options]`: the analytics over plain files. Returns the exit
 * status: 0 done, 64 usage error (bad or missing option), 65 bad data (unreadable file, empty
 * selection, a request too large).
 */
export async function analyze(args: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    const { statistic, values } = parseAnalyzeArgs(args);
    if (values.help || statistic === null) {
      io.stdout.write(ANALYZE_HELP);
      return statistic === null && !values.help ? 64 : 0;
    }
    if (statistic === 'gistar' || statistic === 'moran') await runHotspots(statistic, values, io);
    else if (statistic === 'kde') await runKde(values, io);
    else if (statistic === 'knox') await runKnox(values, io);
    else await runTrend(values, io);
    return 0;
  } catch (err) {
    if (err instanceof AnalyticsError) {
      io.stderr.write(`alianza analyze: ${err.message} [${err.code}]\n`);
      return err.code === 'INVALID_ARGUMENT' ? 64 : 65;
    }
    throw err;
  }
}
