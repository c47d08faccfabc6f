/**
 * `npm run lead -- add|reset|remove|list`: IT sets up the window leads (组长)
 * who may unlock statistics, 差评 follow-ups and exports. The commands are
 * those of every staff account (staff-accounts-cli.ts).
 */
import { STAFF_NO_PATTERN } from '../../shared/domain/lead/pin-format';
import { strings } from '../../shared/i18n';
import { runCli } from './run-cli';
import { runAccountsCommand } from './staff-accounts-cli';

runCli((argv) => runAccountsCommand({ kind: 'lead', staffNoPattern: STAFF_NO_PATTERN, badStaffNo: strings.lead.config.staffNo, texts: strings.lead.cli }, argv));
