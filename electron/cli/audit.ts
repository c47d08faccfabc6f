/**
 * `npm run --silent audit -- verify [--data-dir DIR] [--expect ID:HASH]`:
 * checks the audit log's hash chain; the command is in audit-command.ts,
 * which the installed app runs as `窗口受理终端 --audit verify`.
 */
import { runAuditCommand } from './audit-command';
import { runCli } from './run-cli';

runCli(runAuditCommand);
