// Security headers on every answer (@fastify/helmet): the UI may only run our own scripts, may not be framed,
// and content types are not sniffed. Images come from anywhere (items carry image URLs of their own hosts).
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { AppConfig } from '@arbiter/server/config';

export function SECURITY_HEADERS(config: Pick<AppConfig, 'COOKIE_SECURE'>): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      // Only these directives: helmet's defaults add upgrade-insecure-requests, which breaks plain-http installs.
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // CodeMirror and the API docs inject <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Item images are served by other hosts without CORP headers.
    crossOriginEmbedderPolicy: false,
    // HSTS only where the deployment is HTTPS (COOKIE_SECURE says so).
    strictTransportSecurity: config.COOKIE_SECURE ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
  };
}
