import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.ts';
import { requireUser } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { LoginBody, SessionView } from './schemas.ts';
import { login, logout, sessionView } from './service.ts';

export const authRoutes: RouteModule = (app, ctx) => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.cookieSecure };

  app.post(
    '/api/v1/auth/login',
    {
      config: { csrf: false },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets an HttpOnly session cookie',
        body: LoginBody,
        response: { 200: SessionView, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const session = await login(ctx, request.actor, { ...request.body, clientAddress: request.ip });
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: new Date(session.view.expiresAt) });
      return session.view;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody } } },
    async (request, reply) => {
      if (!request.session) throw new AppError('UNAUTHENTICATED');
      await logout(ctx, request.actor, request.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    { schema: { tags: ['auth'], summary: 'The signed-in user, memberships and CSRF token', response: { 200: SessionView, 401: ErrorBody } } },
    async (request) => {
      requireUser(request.actor);
      if (!request.session) throw new AppError('UNAUTHENTICATED');
      return sessionView(ctx, request.actor.userId, request.session.csrfToken, request.session.expiresAt);
    },
  );
};
