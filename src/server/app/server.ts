import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { securityHeaders } from './security-headers.js';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountsRoutes } from '../modules/accounts/accounts.routes.js';
import { apiTokensRoutes } from '../modules/api-tokens/api-tokens.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { casesRoutes } from '../modules/cases/cases.routes.js';
import { downloadsRoutes } from '../modules/downloads/downloads.routes.js';
import { staffReleasesRoutes } from '../modules/downloads/staff-releases.routes.js';
import { filesRoutes } from '../modules/files/files.routes.js';
import { staffCasesRoutes } from '../modules/cases/staff-cases.routes.js';
import { invoicesRoutes } from '../modules/invoices/invoices.routes.js';
import { staffInvoicesRoutes } from '../modules/invoices/staff-invoices.routes.js';
import { stripeWebhookRoutes } from '../modules/invoices/stripe-webhook.routes.js';
import { keysRoutes } from '../modules/keys/keys.routes.js';
import { staffKeysRoutes } from '../modules/keys/staff-keys.js';
import { licensingRoutes } from '../modules/licensing/licensing.routes.js';
import { offlineLicensingRoutes } from '../modules/licensing/offline.routes.js';
import { outboxRoutes } from '../modules/outbox/outbox.routes.js';
import { reportsRoutes } from '../modules/reports/reports.routes.js';
import { staffReportsRoutes } from '../modules/reports/staff-reports.routes.js';
import { accountUsersRoutes } from '../modules/users/account-users.routes.js';
import { staffUsersRoutes } from '../modules/users/staff-users.js';
import { usersRoutes } from '../modules/users/users.routes.js';
import { registerSessionHooks } from './auth/session-hooks.js';
import { isDatabaseReachable } from './db.js';
import { registerErrorHandling } from './errors.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../db/seed-demo.js';
import type { AppDeps } from './types.js';
import './types.js';

export const VERSION = '0.1.0';

/** Never logged: credentials and session material. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

export interface BuildServerOptions {
  /** false: silent (tests); an object picks the level and, for tests that read the log, a stream. */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
}

/** Builds the Fastify app with every module registered explicitly. Does not listen. */
export async function buildServer(deps: AppDeps, { logger }: BuildServerOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      logger === false
        ? false
        : typeof logger === 'object'
          ? { level: logger.level, redact: REDACT, ...(logger.stream ? { stream: logger.stream } : {}) }
          : { level: config.logLevel, redact: REDACT },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('deps', deps);
  app.decorate('routeList', []);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') app.routeList.push({ method, url: route.url });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  // The same security headers on every answer, worked out by helmet once at start-up (decision 016).
  const headers = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // Mantine writes its CSS variables into a <style> element at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(config.secureCookies ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Portico API', version: VERSION, description: 'Customer portal API. Errors are application/problem+json with a stable `code`.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: config.session.cookieName } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerSessionHooks(app);

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  r.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const ok = await isDatabaseReachable(deps.db);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable' });
  });
  r.get(
    '/api/v1/meta',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'Public facts the login page needs (demo mode and its logins)',
        response: {
          200: z.object({
            data: z.object({
              demo: z.boolean(),
              demoPassword: z.string().nullable(),
              demoLogins: z.array(z.object({ email: z.string(), label: z.string(), kind: z.enum(['customer', 'staff']), role: z.string() })),
              version: z.string(),
            }),
          }),
        },
      },
    },
    async () => ({
      data: {
        demo: config.demo,
        demoPassword: config.demo ? DEMO_PASSWORD : null,
        // `kind` + `role` let the login page show the role in the user's language; `label` is English.
        demoLogins: config.demo
          ? DEMO_LOGINS.map((l) => ({ email: l.email, label: l.label, kind: l.kind, role: l.kind === 'staff' ? l.staffRole : l.role }))
          : [],
        version: VERSION,
      },
    }),
  );

  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(apiTokensRoutes);
  await app.register(accountUsersRoutes);
  await app.register(staffUsersRoutes);
  await app.register(auditRoutes);
  await app.register(accountsRoutes);
  await app.register(outboxRoutes);
  await app.register(keysRoutes);
  await app.register(staffKeysRoutes);
  await app.register(casesRoutes);
  await app.register(staffCasesRoutes);
  await app.register(filesRoutes);
  await app.register(downloadsRoutes);
  await app.register(staffReleasesRoutes);
  await app.register(invoicesRoutes);
  await app.register(staffInvoicesRoutes);
  await app.register(reportsRoutes);
  await app.register(staffReportsRoutes);
  // Encapsulated: its raw-body JSON parser applies to the webhook alone.
  await app.register(stripeWebhookRoutes);
  await app.register(licensingRoutes);
  await app.register(offlineLicensingRoutes);

  registerWebApp(app, config.webRoot);
  return app;
}

/** Serves the built SPA: hashed assets cached for a year, index.html for every other page path. */
function registerWebApp(app: FastifyInstance, webRoot: string): void {
  const indexFile = path.join(webRoot, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  if (hasWeb) {
    app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: false,
      // The build writes .br and .gz beside every asset; send them to clients that accept them.
      preCompressed: true,
      setHeaders(res, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  // Read once: the shell is small and changes only with a new build (which restarts the server).
  const indexHtml = hasWeb ? fs.readFileSync(indexFile) : null;
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  // The wildcard route would treat "/" as a directory listing (403); the SPA shell answers it.
  if (hasWeb) app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && !url.startsWith('/api/') && !path.extname(url);
    if (wantsPage && hasWeb) return sendIndex(reply);
    return reply.status(404).type('application/problem+json').send({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'route.not_found',
      detail: wantsPage ? 'The web app is not built: run `npm run build`' : `No route for ${request.method} ${url}`,
    });
  });
}
