#!/usr/bin/env node
// Launcher for the `island-chain` bin: registers tsx so Node can load the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
