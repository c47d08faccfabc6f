/**
 * `npm run clerk -- add|reset|remove|list`: IT sets up the window clerks
 * (窗口工作人员) who may sign in at this counter, each with a PIN. The
 * commands are those of every staff account (staff-accounts-cli.ts).
 */
import { STAFF_NUMBER_PATTERN } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { runCli } from './run-cli';
import { runAccountsCommand } from './staff-accounts-cli';

runCli((argv) =>
  runAccountsCommand({ kind: 'clerk', staffNoPattern: STAFF_NUMBER_PATTERN, badStaffNo: strings.credentials.clerkConfig.staffNo, texts: strings.credentials.clerkCli }, argv),
);
