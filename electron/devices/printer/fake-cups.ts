/**
 * Tests only: fake `lp`, `lpstat` and `lpq` scripts on a PATH of their own,
 * backed by a folder as CUPS' spool, so print paths run against the real
 * commands' contract without CUPS (the approach of the earlier CUPS tests,
 * grown a spool). What each script does:
 *
 * - lp logs its arguments to lp.log; with `fail` present prints its text on
 *   stderr and exits 1; with `hold` present writes `held-<pid>` and waits
 *   for `release` (and drops the marker); then files job N as jobs/N (printer, title, copies,
 *   state: completed, or pending with `keep-pending`), with `die-after-submit`
 *   kills itself before answering, else answers "request id is P-N (1 file(s))".
 * - lpstat -p -d prints `printers`; lpstat -W which -o P lists jobs as CUPS does.
 * - lpq -P P lists the pending jobs of P with their titles (cut at 31 bytes).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LPSTAT_PRINTERS = `printer Front_Laser is idle.  enabled since Mon 23 Nov 2026 08:00:01 AM CST
printer Receipt80 disabled since Mon 23 Nov 2026 08:10:00 AM CST -
	Paused
system default destination: Front_Laser
`;

const LP = `#!/bin/sh
S="$FAKE_CUPS_SPOOL"
echo "$@" >> "$S/lp.log"
dest=""; title=""; copies=1
while [ $# -gt 0 ]; do
  case "$1" in
    -d) dest="$2"; shift 2 ;;
    -t) title="$2"; shift 2 ;;
    -n) copies="$2"; shift 2 ;;
    -o) shift 2 ;;
    --) shift; break ;;
    *) shift ;;
  esac
done
if [ -f "$S/fail" ]; then cat "$S/fail" >&2; exit 1; fi
if [ -f "$S/hold" ]; then
  : > "$S/held-$$"
  # A test that ends without releasing removes the spool: no lp outlives it.
  while [ ! -f "$S/release" ] && [ -d "$S" ]; do sleep 0.02; done
  rm -f "$S/held-$$"
fi
n=$(( $(cat "$S/next-id" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$S/next-id"
state=completed
[ -f "$S/keep-pending" ] && state=pending
mkdir -p "$S/jobs"
printf '%s\\n%s\\n%s\\n%s\\n' "$dest" "$title" "$copies" "$state" > "$S/jobs/$n"
[ -f "$S/die-after-submit" ] && kill -9 $$
echo "request id is $dest-$n (1 file(s))"
`;

const LPSTAT = `#!/bin/sh
S="$FAKE_CUPS_SPOOL"
which=not-completed; dest=""; mode=""
while [ $# -gt 0 ]; do
  case "$1" in
    -W) which="$2"; shift 2 ;;
    -o) mode=jobs; shift; if [ $# -gt 0 ] && [ "\${1#-}" = "$1" ]; then dest="$1"; shift; fi ;;
    -p|-d) mode=printers; shift ;;
    *) shift ;;
  esac
done
if [ "$mode" = printers ]; then cat "$S/printers"; exit 0; fi
for f in "$S"/jobs/*; do
  [ -f "$f" ] || continue
  { read d; read t; read c; read st; } < "$f"
  [ -n "$dest" ] && [ "$d" != "$dest" ] && continue
  case "$which" in
    completed) [ "$st" = completed ] || continue ;;
    not-completed) [ "$st" = pending ] || continue ;;
  esac
  printf '%-23s %-13s %8s   %s\\n' "$d-\${f##*/}" counter 1024 "Mon 23 Nov 2026 09:00:00 AM CST"
done
exit 0
`;

const LPQ = `#!/bin/sh
S="$FAKE_CUPS_SPOOL"
dest=""
while [ $# -gt 0 ]; do case "$1" in -P) dest="$2"; shift 2 ;; *) shift ;; esac; done
echo "$dest is ready and printing"
echo "Rank    Owner   Job     File(s)                         Total Size"
for f in "$S"/jobs/*; do
  [ -f "$f" ] || continue
  { read d; read t; read c; read st; } < "$f"
  [ "$d" = "$dest" ] && [ "$st" = pending ] || continue
  printf '%-7s %-7.7s %-7d %-31.31s %.0f bytes\\n' 1st counter "\${f##*/}" "$t" 1024
done
`;

export interface FakeCups {
  /** The bin folder's parent: rm it to clean up. */
  dir: string;
  /** The fake CUPS' state. */
  spool: string;
  /** PATH with the fakes first, and FAKE_CUPS_SPOOL. */
  env: NodeJS.ProcessEnv;
  /** Every lp call's arguments, one line each. */
  lpCalls(): string[];
  /** The jobs CUPS holds: id (P-N), title, state. */
  jobs(): { id: string; title: string; copies: number; state: string }[];
  /** Turns a switch (fail, hold, release, keep-pending, die-after-submit) on, with optional content. */
  set(flag: string, content?: string): void;
  unset(flag: string): void;
  /** Process ids of the lp calls now held (`hold`). */
  held(): number[];
  /** Releases held lps, kills any still alive, removes everything. */
  cleanup(): void;
}

export function fakeCups(printers = LPSTAT_PRINTERS): FakeCups {
  const dir = mkdtempSync(join(tmpdir(), 'counter-fake-cups-'));
  const bin = join(dir, 'bin');
  const spool = join(dir, 'spool');
  mkdirSync(bin);
  mkdirSync(join(spool, 'jobs'), { recursive: true });
  for (const [name, text] of [
    ['lp', LP],
    ['lpstat', LPSTAT],
    ['lpq', LPQ],
  ] as const) {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), 0o755);
  }
  writeFileSync(join(spool, 'printers'), printers);
  const held = () =>
    readdirSync(spool)
      .filter((n) => n.startsWith('held-'))
      .map((n) => Number(n.slice('held-'.length)));
  return {
    dir,
    spool,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_CUPS_SPOOL: spool },
    lpCalls: () => (existsSync(join(spool, 'lp.log')) ? readFileSync(join(spool, 'lp.log'), 'utf8').split('\n').filter(Boolean) : []),
    jobs: () =>
      readdirSync(join(spool, 'jobs'))
        .sort((a, b) => Number(a) - Number(b))
        .map((n) => {
          const [printer, title, copies, state] = readFileSync(join(spool, 'jobs', n), 'utf8').split('\n');
          return { id: `${printer}-${n}`, title: title!, copies: Number(copies), state: state! };
        }),
    set: (flag, content = '') => writeFileSync(join(spool, flag), content),
    unset: (flag) => rmSync(join(spool, flag), { force: true }),
    held,
    cleanup: () => {
      writeFileSync(join(spool, 'release'), '');
      // Released lps leave on their own; one still there is killed, if it is ours (pid not reused).
      for (const pid of held()) {
        try {
          if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(bin, 'lp'))) process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
