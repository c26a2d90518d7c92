// Socket.IO 4 peer: every client joins one room; a client's `pub` event is emitted to the room's
// other members as `tick`. Usage: node --expose-gc socketio-server.js PORT   (127.0.0.1 only)
'use strict';
const http = require('http');
const { Server } = require('socket.io');
const stats = require('./stats');

const port = Number(process.argv[2]);
const server = http.createServer(stats.handler);
const io = new Server(server, { serveClient: false, perMessageDeflate: false, transports: ['websocket'] });

io.on('connection', (socket) => {
  socket.join('bench');
  socket.on('pub', (data) => socket.to('bench').emit('tick', data));
});

server.listen(port, '127.0.0.1', () => console.log(`socket.io peer listening on 127.0.0.1:${port}`));
stats.exitWithParent();
