#!/usr/bin/env node
import { runApp } from '../lib/app';

process.exitCode = runApp({ directory: process.cwd(), stderr: (text) => console.error(text) });
