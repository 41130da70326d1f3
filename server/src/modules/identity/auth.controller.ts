import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, CurrentUser, Public } from '../../common/access.js';
import { ErrorResponse } from '../../common/openapi.js';
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
  @ApiOperation({ summary: 'Sign in with username or phone and password: returns an access token and sets the refresh cookie' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  @ErrorResponse(401, 'Wrong login or password')
  @ErrorResponse(403, 'The account is disabled')
  @ErrorResponse(429, 'Too many failed sign-ins: the account is locked for a few minutes')
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    const tokens = await this.auth.login(dto.login, dto.password, req.ip ?? 'unknown', String(req.headers['user-agent'] ?? ''));
    return this.respond(res, tokens);
  }

  @Post('refresh')
  @ApiOperation({ summary: 'Get a new access token with the refresh cookie (the cookie is rotated)' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  @ErrorResponse(401, 'No refresh cookie, or its session has expired or was signed out')
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    const cookies = (req as Request & { cookies?: Record<string, string> }).cookies ?? {};
    return this.respond(res, await this.auth.refresh(cookies[REFRESH_COOKIE]));
  }

  @Post('logout')
  @ApiOperation({ summary: 'Sign out: ends the session and clears the refresh cookie' })
  @Access('signed-in', { allowRestricted: true })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@CurrentUser() p: Principal, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(p.sessionId);
    res.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
  }

  @Get('me')
  @ApiOperation({ summary: 'Get the signed-in account: name, role, school, groups' })
  @Access('signed-in', { allowRestricted: true })
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() p: Principal): Promise<MeView> {
    return this.users.me(p);
  }

  @Post('password')
  @ApiOperation({ summary: "Change the caller's own password (the current one is required)" })
  @Access('signed-in', { allowRestricted: true })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed' })
  async changePassword(@CurrentUser() p: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(p, dto.currentPassword, dto.newPassword);
  }
}
