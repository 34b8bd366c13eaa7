import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { User } from '@arbiter/contracts';
import { AuthService, Principal } from '@arbiter/server/application';
import type { AppConfig } from '@arbiter/server/config';
import { CreateUserDto, LoginDto } from '../common/dto';
import { APP_CONFIG } from '../config.token';
import { AdminOnly } from './admin.guard';
import { CurrentPrincipal } from './current.decorator';
import { Public } from './public.decorator';
import { ArbiterRequest, SESSION_COOKIE } from './request-context';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Signs in and sets the httpOnly session cookie; the token is also returned for non-browser clients. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<User & { token: string }> {
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

  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() req: ArbiterRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (req.sessionToken) await this.auth.logout(req.sessionToken);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('auth/me')
  me(@CurrentPrincipal() p: Principal): User | { apiKey: true; projectId: string; role: string } {
    return p.kind === 'user' ? { id: p.userId, email: p.email, name: p.name, isAdmin: p.isAdmin } : { apiKey: true, projectId: p.projectId, role: p.role };
  }

  @AdminOnly()
  @Post('users')
  createUser(@Body() body: CreateUserDto): Promise<User> {
    return this.auth.createUser(body);
  }
}
