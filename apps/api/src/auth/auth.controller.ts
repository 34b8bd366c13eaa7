import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { LoginResponse, MeResponse } from '@arbiter/contracts';
import { AuthService, forbidden, Principal } from '@arbiter/server/application';
import type { AppConfig } from '@arbiter/server/config';
import { ChangePasswordDto, LoginDto } from '../common/dto';
import { APP_CONFIG } from '../config.token';
import { LoginThrottle } from './auth-throttle';
import { CurrentPrincipal } from './current.decorator';
import { Public } from './public.decorator';
import { SignedIn } from './signed-in.decorator';
import { ArbiterRequest, SESSION_COOKIE } from './request-context';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs in and sets the httpOnly session cookie; the token is also returned for non-browser clients. Repeated
   * failures for one account or from one address answer 429 with Retry-After.
   */
  @Public()
  @UseInterceptors(LoginThrottle)
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    const { user, token } = await this.auth.login(body.email, body.password, this.config.SESSION_TTL_HOURS);
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.COOKIE_SECURE,
      path: '/',
      maxAge: this.config.SESSION_TTL_HOURS * 3600,
    });
    return { ...user, token };
  }

  @SignedIn()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() req: ArbiterRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (req.sessionToken) await this.auth.logout(req.sessionToken);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @SignedIn()
  @Get('auth/me')
  me(@CurrentPrincipal() p: Principal): MeResponse {
    return p.kind === 'user' ? { id: p.userId, email: p.email, name: p.name, isAdmin: p.isAdmin } : { apiKey: true, projectId: p.projectId, role: p.role };
  }

  /** Sets a new password; every other session of the user ends (this one stays signed in). */
  @SignedIn({ keys: 'refused' })
  @Post('auth/password')
  @HttpCode(204)
  changePassword(@CurrentPrincipal() p: Principal, @Body() body: ChangePasswordDto, @Req() req: ArbiterRequest): Promise<void> {
    if (p.kind !== 'user') throw forbidden('API keys have no password');
    return this.auth.changePassword(p.userId, body.currentPassword, body.newPassword, req.sessionToken);
  }
}
