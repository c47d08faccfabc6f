/**
 * `npm run --silent camera -- detect IMAGE... [--json]` and
 * `npm run --silent camera -- crop IMAGE --out FILE.jpg [--mode colour|grey|bw]`:
 * page detection and straightening on image files (camera-command.ts).
 */
import { runCameraCommand } from './camera-command';
import { runCli } from './run-cli';

runCli(runCameraCommand);
