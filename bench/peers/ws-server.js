// Node `ws` peer: every text message a client sends is broadcast to all other clients.
// Usage: node --expose-gc ws-server.js PORT   (listens on 127.0.0.1 only)
'use strict';
const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');
const stats = require('./stats');

const port = Number(process.argv[2]);
const server = http.createServer(stats.handler);
const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: true });

wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    for (const client of wss.clients) {
      if (client !== socket && client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: isBinary });
      }
    }
  });
});

server.listen(port, '127.0.0.1', () => console.log(`ws peer listening on 127.0.0.1:${port}`));
stats.exitWithParent();
