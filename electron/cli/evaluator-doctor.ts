/**
 * `doctor evaluator-keys`: which evaluator key gives which level, from the
 * counter's configuration (evaluation.device) or as asked on the command
 * line — the table IT checks a keypad against, four-key keypads included.
 *
 *   npm run doctor -- evaluator-keys [--layout five|four] [--hid] [--json]
 */
import { strings } from '../../shared/i18n';
import { evaluatorMapping } from '../devices/evaluator/factory';
import { defaultDataDir } from '../services/app/data-dir';
import { resolveConfig } from '../services/config/config-file';
import { EXIT, type DoctorIo } from './idcard-doctor';

export function runEvaluatorKeys(argv: string[], io: DoctorIo, dataDir = defaultDataDir()): number {
  let layout: 'five' | 'four' | undefined;
  let hid = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--layout') {
      const value = argv[++i];
      if (value !== 'five' && value !== 'four') {
        io.err(strings.evaluation.doctor.usage);
        return EXIT.usage;
      }
      layout = value;
    } else if (flag === '--hid') hid = true;
    else if (flag === '--json') json = true;
    else {
      io.err(strings.idcard.doctor.unknownFlag(flag));
      io.err(strings.evaluation.doctor.usage);
      return EXIT.usage;
    }
  }
  // Read only: the doctor never writes the counter's configuration. config.json over the centre file (fleet configuration).
  const { config } = resolveConfig(dataDir);
  const device = { ...config.evaluation.device, ...(layout ? { layout } : {}), ...(hid ? { profile: 'hid' as const } : {}) };
  const mapping = evaluatorMapping(device, layout === 'four' ? 4 : null);
  if (json) {
    io.out(JSON.stringify(mapping, null, 2));
    return EXIT.ok;
  }
  const m = strings.evaluation.mapping;
  const c = m.columns;
  io.out(m.title);
  io.out(mapping.source);
  io.out([c.key, c.deviceLabel, c.level, c.national, c.provincial].join('\t'));
  for (const r of mapping.rows) io.out([r.keyText, r.deviceLabel, r.levelLabel, r.nationalCode, r.provincialCode].join('\t'));
  if (mapping.unreachable.length) io.out(m.unreachable(mapping.unreachable.map((l) => strings.evaluation.levels[l]).join('、')));
  return EXIT.ok;
}
