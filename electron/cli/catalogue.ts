/**
 * `npm run --silent catalogue -- <command>`: IT's entry point to a centre's
 * service-item catalogue (事项目录); the commands are in catalogue-command.ts,
 * which the installed app runs as `窗口受理终端 --catalogue …`.
 */
import { runCatalogueCommand } from './catalogue-command';
import { runCli } from './run-cli';

runCli(runCatalogueCommand);
