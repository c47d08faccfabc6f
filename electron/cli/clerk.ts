/**
 * `npm run clerk -- add|reset|remove|list`: IT sets up the window clerks
 * (窗口工作人员) who may sign in at this counter, each with a PIN. The
 * commands are those of every staff account (staff-accounts-cli.ts); the
 * installed app runs the same as `窗口受理终端 --clerk …` (it-commands.ts).
 */
import { runCli } from './run-cli';
import { CLERK_ACCOUNTS, runAccountsCommand } from './staff-accounts-cli';

runCli((argv, io) => runAccountsCommand(CLERK_ACCOUNTS, argv, io));
