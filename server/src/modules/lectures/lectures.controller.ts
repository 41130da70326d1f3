import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Public, RequestLang } from '../../common/access.js';
import { AppError } from '../../common/errors.js';
import type { Lang } from '../../common/i18n.js';
import { STAFF_ROLES, type Principal } from '../../common/roles.js';
import { UsersService } from '../identity/users.service.js';
import { ResourceSummaryView } from '../resources/resources.dto.js';
import {
  AttachVideoDto,
  CalendarDto,
  CalendarQuery,
  CalendarView,
  CaptionDto,
  CreateEpisodeDto,
  CreateSeriesDto,
  EpisodeDetailView,
  EpisodeStatsView,
  EpisodeView,
  OkView,
  PlaybackView,
  ProgressDto,
  SeriesDetailView,
  SeriesQuery,
  SeriesView,
  ThisWeekQuery,
  ThisWeekView,
  UpdateEpisodeDto,
  VideoStatusView,
  WatchItemView,
} from './lectures.dto.js';
import { LectureUploads } from './lecture-uploads.js';
import { LecturesService } from './lectures.service.js';
import { PlaybackService, type SignedPlaylist } from './playback.service.js';

const WATCHERS = 'signed-in' as const;

@ApiTags('lectures')
@Controller('lectures')
export class LecturesController {
  constructor(
    private readonly lectures: LecturesService,
    private readonly playbacks: PlaybackService,
    private readonly uploads: LectureUploads,
    private readonly users: UsersService,
  ) {}

  @Get('series')
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: [SeriesView] })
  listSeries(@CurrentUser() p: Principal, @Query() q: SeriesQuery) {
    return this.lectures.listSeries(p, q);
  }

  @Post('series')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: SeriesView })
  createSeries(@CurrentUser() p: Principal, @Body() dto: CreateSeriesDto) {
    return this.lectures.createSeries(p, dto);
  }

  @Get('series/:id')
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: SeriesDetailView })
  getSeries(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return this.lectures.getSeries(p, id, lang);
  }

  @Post('series/:id/episodes')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: EpisodeView })
  createEpisode(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateEpisodeDto,
    @RequestLang() lang: Lang,
  ) {
    return this.lectures.createEpisode(p, id, dto, lang);
  }

  @Get('episodes/:id')
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: EpisodeDetailView })
  getEpisode(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return this.lectures.getEpisode(p, id, lang);
  }

  @Get('episodes/:id/resources')
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: [ResourceSummaryView], description: 'linked courseware and exercises the caller may see' })
  linkedResources(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.lectures.linkedResources(p, id);
  }

  @Patch('episodes/:id')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: EpisodeView })
  updateEpisode(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateEpisodeDto,
    @RequestLang() lang: Lang,
  ) {
    return this.lectures.updateEpisode(p, id, dto, lang);
  }

  @Post('episodes/:id/video')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: VideoStatusView })
  async attachVideo(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AttachVideoDto,
    @RequestLang() lang: Lang,
  ) {
    return this.uploads.attach(p, id, dto.uploadId, lang);
  }

  @Get('episodes/:id/video')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: VideoStatusView })
  async videoStatus(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    const v = await this.lectures.videoStatus(p, id, lang);
    if (!v) throw AppError.notFound('lecture.videoNotFound');
    return v;
  }

  @Post('videos/:id/retry')
  @Access(['platform_admin', 'group_admin', 'school_admin'])
  @ApiOkResponse({ type: VideoStatusView })
  retry(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return this.lectures.retryVideo(p, id, lang);
  }

  @Put('episodes/:id/captions')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: EpisodeView })
  putCaption(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CaptionDto,
    @RequestLang() lang: Lang,
  ) {
    return this.lectures.putCaption(p, id, dto, lang);
  }

  @Get('episodes/:id/playback')
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: PlaybackView })
  playback(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return this.playbacks.playback(p, id, lang);
  }

  @Get('episodes/:id/hls/master.m3u8')
  @Access(WATCHERS, { allowRestricted: true })
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOkResponse({ schema: { type: 'string' } })
  master(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.playbacks.master(p, id);
  }

  @Get('episodes/:id/hls/:rendition.m3u8')
  @Access(WATCHERS, { allowRestricted: true })
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOkResponse({ schema: { type: 'string' } })
  async mediaPlaylist(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('rendition') rendition: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPlaylist(req, res, await this.playbacks.mediaPlaylist(p, id, renditionName(rendition)));
  }

  @Get('play/:token/master.m3u8')
  @Public()
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'master playlist behind a signed link (PlaybackView.linkMasterUrl)' })
  async linkMaster(@Param('token') token: string) {
    const { principal, episodeId } = await this.playbacks.viaLink(token);
    return this.playbacks.master(principal, episodeId);
  }

  @Get('play/:token/:rendition.m3u8')
  @Public()
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'media playlist behind a signed link' })
  async linkMediaPlaylist(
    @Param('token') token: string,
    @Param('rendition') rendition: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const name = renditionName(rendition);
    const { principal, episodeId } = await this.playbacks.viaLink(token);
    return sendPlaylist(req, res, await this.playbacks.mediaPlaylist(principal, episodeId, name));
  }

  @Post('episodes/:id/progress')
  @HttpCode(200)
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: OkView })
  async progress(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProgressDto) {
    await this.playbacks.heartbeat(p, id, dto.position, dto.played);
    return { ok: true };
  }

  @Get('episodes/:id/stats')
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: EpisodeStatsView })
  stats(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.playbacks.stats(p, id);
  }

  @Get('continue')
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: [WatchItemView] })
  async continueWatching(@CurrentUser() p: Principal) {
    await this.playbacks.flush();
    return (await this.lectures.watchHistory(p.userId, 12)).filter((w) => !w.completed);
  }

  @Get('children/:studentId/history')
  @Access(['parent'])
  @ApiOkResponse({ type: [WatchItemView] })
  async childHistory(@CurrentUser() p: Principal, @Param('studentId', ParseUUIDPipe) studentId: string) {
    if (!(await this.users.isGuardianOf(p.userId, studentId))) throw AppError.forbidden('lecture.notGuardian');
    await this.playbacks.flush();
    return this.lectures.watchHistory(studentId, 50);
  }

  @Get('this-week')
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: ThisWeekView })
  async thisWeek(@CurrentUser() p: Principal, @Query() q: ThisWeekQuery, @RequestLang() lang: Lang) {
    const me = await this.users.me(p);
    return this.lectures.thisWeek(p, q.grade, lang, me.grade);
  }

  @Get('calendars')
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: [CalendarView] })
  calendars(@CurrentUser() p: Principal, @Query() q: CalendarQuery) {
    return this.lectures.calendars(p, q.groupId);
  }

  @Put('calendars')
  @Access(['platform_admin', 'group_admin'])
  @ApiOkResponse({ type: CalendarView })
  putCalendar(@CurrentUser() p: Principal, @Body() dto: CalendarDto, @RequestLang() lang: Lang) {
    return this.lectures.putCalendar(p, dto, lang);
  }
}

function renditionName(rendition: string): string {
  if (!/^[a-z0-9]{1,12}$/.test(rendition)) throw AppError.notFound('lecture.rendition', { name: rendition.slice(0, 12) });
  return rendition;
}

/** The gzipped copy when the player accepts it (browsers and hls.js always do). */
function sendPlaylist(req: Request, res: Response, playlist: SignedPlaylist): string | StreamableFile {
  res.vary('Accept-Encoding');
  if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return playlist.text;
  res.setHeader('Content-Encoding', 'gzip');
  return new StreamableFile(playlist.gzipped, { type: 'application/vnd.apple.mpegurl' });
}
