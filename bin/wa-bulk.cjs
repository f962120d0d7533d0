#!/usr/bin/env node
// Headless entry over the same services as the app. `npm ci` builds out/ (the prepare script).
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(built)) {
  process.stderr.write('wa-bulk: the app is not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
require(built).runFromProcess();
