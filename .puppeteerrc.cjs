// The app never downloads a browser: it uses a system Chrome/Edge/Chromium (see src/whatsapp/browser.ts).
module.exports = { skipDownload: true };
