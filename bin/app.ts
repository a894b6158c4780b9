#!/usr/bin/env node
import { runApp } from '../lib/app';
import { appExit } from '../lib/cli/outcomes';

process.exitCode = appExit(runApp({ directory: process.cwd(), stderr: (text) => console.error(text) }));
