import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { AuthService } from './auth.service';
import type { Principal } from './principal';

/** organizer: organizer only · judge: a judge only · staff: a judge or the organizer (the service decides further) */
export type Audience = 'organizer' | 'judge' | 'staff';
const AUDIENCE = 'audience';
export const Requires = (audience: Audience) => SetMetadata(AUDIENCE, audience);

type AuthedRequest = Request & { principal?: Principal };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const audience = this.reflector.getAllAndOverride<Audience | undefined>(AUDIENCE, [ctx.getHandler(), ctx.getClass()]);
    if (!audience) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const principal = await this.auth.verify(bearerOf(req));
    if (audience === 'organizer' && principal.kind !== 'organizer') throw DomainError.forbidden('organizer login required');
    if (audience === 'judge' && principal.kind !== 'judge') throw DomainError.forbidden('judge login required');
    req.principal = principal;
    return true;
  }
}

export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const p = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!p) throw new Error('Caller used on a route without @Requires');
  return p;
});

/** The bearer token of a request, if it sends one. */
export function bearerOf(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
}

/**
 * The address a request comes from, for counting failed logins. Express works it out under
 * TRUST_PROXY: the socket's peer when no proxy is trusted, otherwise the first address in
 * X-Forwarded-For (from the right) that no trusted proxy wrote — never the left-most entry,
 * which the client writes itself. IPv4 peers of a dual-stack socket lose their ::ffff: prefix
 * so one device counts as one source whichever way it connected.
 */
export function sourceOf(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
