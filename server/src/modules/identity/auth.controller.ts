import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, CurrentUser, Public } from '../../common/access.js';
import type { Principal } from '../../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AuthService, type IssuedTokens } from './auth.service.js';
import { ChangePasswordDto, LoginDto, LoginResult, MeView } from './identity.dto.js';
import { UsersService } from './users.service.js';

export const REFRESH_COOKIE = 'mumian_refresh';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async respond(res: Response, tokens: IssuedTokens): Promise<LoginResult> {
    res.cookie(REFRESH_COOKIE, tokens.refreshToken, {
      httpOnly: true,
      secure: this.config.COOKIE_SECURE,
      sameSite: 'strict',
      path: '/api/auth',
      expires: tokens.refreshExpires,
    });
    const principal = await this.auth.principalOf(tokens.user, '');
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, user: await this.users.me(principal) };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    const tokens = await this.auth.login(dto.login, dto.password, req.ip ?? 'unknown', String(req.headers['user-agent'] ?? ''));
    return this.respond(res, tokens);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    const cookies = (req as Request & { cookies?: Record<string, string> }).cookies ?? {};
    return this.respond(res, await this.auth.refresh(cookies[REFRESH_COOKIE]));
  }

  @Post('logout')
  @Access('signed-in', { allowRestricted: true })
  @HttpCode(204)
  async logout(@CurrentUser() p: Principal, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(p.sessionId);
    res.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
  }

  @Get('me')
  @Access('signed-in', { allowRestricted: true })
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() p: Principal): Promise<MeView> {
    return this.users.me(p);
  }

  @Post('password')
  @Access('signed-in', { allowRestricted: true })
  @HttpCode(204)
  async changePassword(@CurrentUser() p: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(p, dto.currentPassword, dto.newPassword);
  }
}
