// A compressing front for scripts/serve.mjs (which sends every file uncompressed), so the load can
// also be measured as a production server would send it: gzip (level 9, compressed once per file
// version) for text and wasm when the browser accepts it; headers (the CSP among them) unchanged.
// Only on 127.0.0.1, only to the given upstream on 127.0.0.1.
import http from 'node:http';
import zlib from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg)/;

export async function startGzipProxy(upstream) {
  const up = new URL(upstream);
  if (up.hostname !== '127.0.0.1') throw new Error('gzip proxy: upstream must be on 127.0.0.1');
  const cache = new Map(); // path + last-modified → gzip bytes
  const server = http.createServer((req, res) => {
    const preq = http.request({ host: '127.0.0.1', port: up.port, path: req.url, method: req.method, headers: { ...req.headers, 'accept-encoding': 'identity' } }, (pres) => {
      const type = pres.headers['content-type'] || '';
      const gz = /\bgzip\b/.test(req.headers['accept-encoding'] || '') && pres.statusCode === 200 && COMPRESSIBLE.test(type) && req.method === 'GET';
      if (!gz) {
        res.writeHead(pres.statusCode, pres.headers);
        pres.pipe(res);
        return;
      }
      const chunks = [];
      pres.on('data', (c) => chunks.push(c));
      pres.on('end', () => {
        const key = req.url + ' ' + (pres.headers['last-modified'] || '');
        let body = cache.get(key);
        if (!body) { body = zlib.gzipSync(Buffer.concat(chunks), { level: 9 }); cache.set(key, body); }
        const headers = { ...pres.headers, 'content-encoding': 'gzip', 'content-length': body.length, vary: 'Accept-Encoding' };
        res.writeHead(200, headers);
        res.end(body);
      });
    });
    preq.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(preq);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}
