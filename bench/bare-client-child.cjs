// The anchor of start-to-qr.bench.ts: a bare whatsapp-web.js Client, as a plain Node process would start it.
// `node bench/bare-client-child.cjs DATA_PATH BROWSER_ARGS_JSON`; runs until it is killed.
const { Client, LocalAuth } = require('whatsapp-web.js');

const [dataPath, argsJson] = process.argv.slice(2);
const client = new Client({
  authStrategy: new LocalAuth({ dataPath }),
  webVersionCache: { type: 'none' },
  puppeteer: {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Over a pipe the browser exits with this process.
    pipe: true,
    args: ['--no-sandbox', ...JSON.parse(argsJson)],
  },
});
client.initialize().catch((err) => {
  process.stderr.write(`bare client: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
