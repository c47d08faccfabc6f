/**
 * `npm run it-account -- add|reset|remove|list`: IT sets up the IT accounts
 * that unlock 设备与诊断 on the clerk screen (device settings, tests, the
 * diagnostic bundle). The commands are those of every staff account
 * (staff-accounts-cli.ts); the installed app runs the same as
 * `窗口受理终端 --it-account …` (it-commands.ts).
 */
import { runCli } from './run-cli';
import { IT_ACCOUNTS, runAccountsCommand } from './staff-accounts-cli';

runCli((argv, io) => runAccountsCommand(IT_ACCOUNTS, argv, io));
