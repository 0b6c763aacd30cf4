// Spyglass never drives puppeteer's browser (memlab, a bench anchor, depends on it); skip its download.
module.exports = { skipDownload: true }
