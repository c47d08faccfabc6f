/**
 * `tsx scripts/check-system-packages.ts`: only the system-package preflight
 * of `npm test` (install what is missing as root, else print the command).
 */
import { systemPreflight } from './system-preflight';

process.exit(systemPreflight({ env: process.env }));
