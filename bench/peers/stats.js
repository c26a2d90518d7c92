// GET /stats: the process's memory after a full GC, for the harness's per-connection figures.
'use strict';

function handler(req, res) {
  if (req.url !== '/stats') {
    res.writeHead(404).end();
    return;
  }
  if (global.gc) {
    global.gc();
  }
  const m = process.memoryUsage();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external }));
}

// The harness keeps our stdin open; when it goes away (even killed), so do we.
function exitWithParent() {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

module.exports = { handler, exitWithParent };
