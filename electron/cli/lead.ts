/**
 * `npm run lead -- add|reset|remove|list`: IT sets up the window leads (组长)
 * who may unlock statistics, 差评 follow-ups and exports. The commands are
 * those of every staff account (staff-accounts-cli.ts); the installed app runs
 * the same as `窗口受理终端 --lead …` (it-commands.ts).
 */
import { runCli } from './run-cli';
import { LEAD_ACCOUNTS, runAccountsCommand } from './staff-accounts-cli';

runCli((argv, io) => runAccountsCommand(LEAD_ACCOUNTS, argv, io));
