// Answers /be-health and /version (the commit it was built from).
const http = require('node:http');
http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === '/version' ? { sha: process.env.GIT_SHA } : { ok: true }));
  })
  .listen(8080);
