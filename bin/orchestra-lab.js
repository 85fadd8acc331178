#!/usr/bin/env node
// The headless CLI: runs TypeScript sources directly through tsx, so a checkout works after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
