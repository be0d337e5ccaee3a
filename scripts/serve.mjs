#!/usr/bin/env node
// Zero-dependency static server for the built widget in dist/ (or $WWW_ROOT), on 127.0.0.1 only.
//
//   node scripts/serve.mjs              # PORT env, default 8080; tries the next ports if busy
//   import { start } from './serve.mjs'; const { server, url } = await start(0);
//
// Every response carries a strict Content-Security-Policy ('wasm-unsafe-eval' is the only
// relaxation, needed for WebAssembly.instantiateStreaming), nosniff and no-cache.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';
const PORT_ATTEMPTS = 20;
const here = path.dirname(fileURLToPath(import.meta.url));

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
  "form-action 'none'",
].join('; ');

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function baseHeaders(extra = {}) {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  };
}

function sendText(res, status, text, extra = {}) {
  const body = Buffer.from(text + '\n', 'utf8');
  res.writeHead(status, baseHeaders({
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    ...extra,
  }));
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function isInside(root, p) {
  return p === root || p.startsWith(root + path.sep);
}

/** Resolve a URL path to a file under root, or null (not found / not allowed). */
async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Never serve dot-files (.gitignore written by wasm-pack, editor files, ...).
  if (decoded.split('/').some((seg) => seg.startsWith('.') && seg.length > 0)) return null;
  let file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (!isInside(root, file)) return null;
  try {
    let st = await fsp.stat(file);
    if (st.isDirectory()) {
      file = path.join(file, 'index.html');
      st = await fsp.stat(file);
    }
    if (!st.isFile()) return null;
    // Symlinks must not lead out of the root either.
    const real = await fsp.realpath(file);
    if (!isInside(root, real)) return null;
    return { file: real, size: st.size, mtime: st.mtime };
  } catch {
    return null;
  }
}

function handler(root) {
  return async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
        return;
      }
      const { pathname } = new URL(req.url, 'http://localhost');
      const found = await resolveFile(root, pathname);
      if (!found) {
        sendText(res, 404, 'not found');
        return;
      }
      // A directory without a trailing slash: redirect, so relative URLs in index.html work.
      if (!pathname.endsWith('/') && path.basename(found.file) === 'index.html'
          && path.posix.basename(pathname) !== 'index.html') {
        res.writeHead(301, baseHeaders({ Location: '/' + pathname.replace(/^\/+/, '') + '/', 'Content-Length': 0 }));
        res.end();
        return;
      }
      const type = MIME[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, baseHeaders({
        'Content-Type': type,
        'Content-Length': found.size,
        'Last-Modified': found.mtime.toUTCString(),
      }));
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = fs.createReadStream(found.file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
      console.error('yibao-family serve:', err);
    }
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/**
 * Start serving. `port` 0 picks a free port; any other port that is busy makes it
 * try the next ones (up to 20). `root` defaults to $WWW_ROOT, else <repo>/dist (built by
 * scripts/build-wasm.sh; scripts/build-site.mjs alone refreshes it after editing www/).
 * Resolves to { server, url } with url like "http://127.0.0.1:8080/".
 */
export async function start(port = Number(process.env.PORT ?? 8080), root = process.env.WWW_ROOT) {
  const dir = path.resolve(root ?? path.join(here, '..', 'dist'));
  if (!fs.existsSync(dir)) throw new Error(`${dir} does not exist: run ./scripts/build-wasm.sh first`);
  const wwwRoot = await fsp.realpath(dir);
  const server = http.createServer(handler(wwwRoot));
  const first = Number(port);
  if (!Number.isInteger(first) || first < 0 || first > 65535) throw new Error(`bad port: ${port}`);
  const attempts = first === 0 ? 1 : PORT_ATTEMPTS;
  for (let i = 0; i < attempts; i++) {
    const p = first + i;
    if (p > 65535) break;
    try {
      await listen(server, p);
      const url = `http://${HOST}:${server.address().port}/`;
      return { server, url, root: wwwRoot };
    } catch (err) {
      if (err.code !== 'EADDRINUSE' || i === attempts - 1) throw err;
    }
  }
  throw new Error(`no free port in ${first}..${first + attempts - 1}`);
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  try {
    const { server, url, root } = await start();
    console.log(`yibao-family: ${url}`);
    console.log(`(serving ${root}; Ctrl-C to stop)`);
    const stop = () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`yibao-family serve: ${err.message}`);
    process.exit(1);
  }
}
