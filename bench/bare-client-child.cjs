// The anchor of start-to-qr.bench.ts and send-throughput.bench.ts: a bare whatsapp-web.js Client, as a plain Node
// process would start it.
// `node bench/bare-client-child.cjs DATA_PATH BROWSER_ARGS_JSON`; runs until it is killed.
// `node bench/bare-client-child.cjs DATA_PATH BROWSER_ARGS_JSON CONTACTS_JSON`: also logs in and sends each
// contact ([[digits, text], ...]) one message in a loop (getNumberId, then sendMessage without sendSeen). Prints
// `qr` when the page shows a QR (the bench scans it) and `done SENT FAILED` at the end, then exits (its browser
// with it; a CPU profile, if asked for, is written).
const { Client, LocalAuth } = require('whatsapp-web.js');

const [dataPath, argsJson, contactsJson] = process.argv.slice(2);
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

if (contactsJson) {
  client.on('qr', () => process.stdout.write('qr\n'));
  client.on('ready', async () => {
    const contacts = JSON.parse(require('node:fs').readFileSync(contactsJson, 'utf8'));
    let sent = 0;
    let failed = 0;
    for (const [digits, text] of contacts) {
      try {
        const id = await client.getNumberId(digits);
        if (!id) throw new Error(`${digits} is not on WhatsApp`);
        await client.sendMessage(id._serialized, text, { sendSeen: false });
        sent++;
      } catch (err) {
        failed++;
        process.stderr.write(`bare client: ${digits}: ${err && err.message ? err.message : err}\n`);
      }
    }
    process.stdout.write(`done ${sent} ${failed}\n`);
    process.exit(0);
  });
}

client.initialize().catch((err) => {
  process.stderr.write(`bare client: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
