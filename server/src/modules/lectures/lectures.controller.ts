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
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Public, RequestLang } from '../../common/access.js';
import { Conflicts, ErrorResponse } from '../../common/openapi.js';
import { AppError } from '../../common/errors.js';
import type { Lang } from '../../common/i18n.js';
import { ADMIN_ROLES, STAFF_ROLES, type Principal } from '../../common/roles.js';
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
import { EpisodesService } from './episodes.service.js';
import { LectureUploads } from './lecture-uploads.js';
import { CALENDAR_EDITORS } from './lectures.access.js';
import {
  calendarErrorIn,
  episodeDetailIn,
  episodeIn,
  playbackIn,
  seriesDetailIn,
  thisWeekIn,
  videoStatusIn,
} from './lectures.present.js';
import { PlaybackService, type SignedPlaylist } from './playback.service.js';
import { SeriesService } from './series.service.js';
import { TermCalendarService } from './term-calendar.service.js';
import { VideosService } from './videos.service.js';
import { ViewingService } from './viewing.service.js';

const WATCHERS = 'signed-in' as const;

/** HTTP only: binds each route to a service call and renders messages in the caller's language (lectures.present.ts). */
@ApiTags('lectures')
@Controller('lectures')
export class LecturesController {
  constructor(
    private readonly series: SeriesService,
    private readonly episodes: EpisodesService,
    private readonly videos: VideosService,
    private readonly uploads: LectureUploads,
    private readonly playbacks: PlaybackService,
    private readonly viewing: ViewingService,
    private readonly calendar: TermCalendarService,
  ) {}

  @Get('series')
  @ApiOperation({ summary: 'List the lecture series the caller may watch' })
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: [SeriesView] })
  listSeries(@CurrentUser() p: Principal, @Query() q: SeriesQuery) {
    return this.series.listSeries(p, q);
  }

  @Post('series')
  @ApiOperation({ summary: 'Create a lecture series' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: SeriesView })
  createSeries(@CurrentUser() p: Principal, @Body() dto: CreateSeriesDto) {
    return this.series.createSeries(p, dto);
  }

  @Get('series/:id')
  @ApiOperation({ summary: 'Get a lecture series with its episodes' })
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: SeriesDetailView })
  async getSeries(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return seriesDetailIn(await this.series.getSeries(p, id), lang);
  }

  @Post('series/:id/episodes')
  @ApiOperation({ summary: 'Add an episode to a series' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: EpisodeView })
  @Conflicts('The series already has an episode with that number')
  async createEpisode(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateEpisodeDto,
    @RequestLang() lang: Lang,
  ) {
    return episodeIn(await this.episodes.createEpisode(p, id, dto), lang);
  }

  @Get('episodes/:id')
  @ApiOperation({ summary: 'Get an episode: lecturer, chapter, captions and video state' })
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: EpisodeDetailView })
  async getEpisode(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return episodeDetailIn(await this.episodes.getEpisode(p, id), lang);
  }

  @Get('episodes/:id/resources')
  @ApiOperation({ summary: 'List the courseware and exercises linked to an episode that the caller may see' })
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: [ResourceSummaryView], description: 'linked courseware and exercises the caller may see' })
  linkedResources(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.episodes.linkedResources(p, id);
  }

  @Patch('episodes/:id')
  @ApiOperation({ summary: 'Update an episode' })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: EpisodeView })
  async updateEpisode(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateEpisodeDto,
    @RequestLang() lang: Lang,
  ) {
    return episodeIn(await this.episodes.updateEpisode(p, id, dto), lang);
  }

  @Post('episodes/:id/video')
  @ApiOperation({ summary: "Attach a finished upload as the episode's video and start transcoding it" })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: VideoStatusView })
  async attachVideo(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AttachVideoDto,
    @RequestLang() lang: Lang,
  ) {
    return videoStatusIn(await this.uploads.attach(p, id, dto.uploadId), lang);
  }

  @Get('episodes/:id/video')
  @ApiOperation({ summary: "Get the state of the episode's video (transcoding progress or failure)" })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: VideoStatusView })
  async videoStatus(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    const v = await this.videos.videoStatus(p, id);
    if (!v) throw AppError.notFound('lecture.videoNotFound');
    return videoStatusIn(v, lang);
  }

  @Post('videos/:id/retry')
  @ApiOperation({ summary: 'Transcode a failed video again' })
  @Access(ADMIN_ROLES)
  @ApiOkResponse({ type: VideoStatusView })
  @Conflicts('Only a failed video can be retried')
  async retry(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return videoStatusIn(await this.videos.retryVideo(p, id), lang);
  }

  @Put('episodes/:id/captions')
  @ApiOperation({ summary: "Set the episode's Chinese or English captions from a WebVTT or SRT file" })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: EpisodeView })
  async putCaption(
    @CurrentUser() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CaptionDto,
    @RequestLang() lang: Lang,
  ) {
    return episodeIn(await this.episodes.putCaption(p, id, dto), lang);
  }

  @Get('episodes/:id/playback')
  @ApiOperation({ summary: 'Get what a player needs to play an episode: playlist URLs, resume position, captions' })
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: PlaybackView })
  @Conflicts('The video is not ready to play yet')
  async playback(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @RequestLang() lang: Lang) {
    return playbackIn(await this.playbacks.playback(p, id), lang);
  }

  @Get('episodes/:id/hls/master.m3u8')
  @ApiOperation({ summary: "Get the episode's HLS master playlist (bearer token)" })
  @Access(WATCHERS, { allowRestricted: true })
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Conflicts('The video is not ready to play yet')
  master(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.playbacks.master(p, id);
  }

  @Get('episodes/:id/hls/:rendition.m3u8')
  @ApiOperation({ summary: "Get one rendition's HLS media playlist with signed segment URLs (bearer token)" })
  @Access(WATCHERS, { allowRestricted: true })
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Conflicts('The video is not ready to play yet')
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
  @ApiOperation({ summary: "Get the episode's HLS master playlist through a signed link, for players that cannot send headers" })
  @Public()
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'master playlist behind a signed link (PlaybackView.linkMasterUrl)' })
  @ErrorResponse(403, 'The link has expired, or its session was signed out')
  @Conflicts('The video is not ready to play yet')
  async linkMaster(@Param('token') token: string) {
    const { principal, episodeId } = await this.playbacks.viaLink(token);
    return this.playbacks.master(principal, episodeId);
  }

  @Get('play/:token/:rendition.m3u8')
  @ApiOperation({ summary: "Get one rendition's HLS media playlist through a signed link" })
  @Public()
  @Header('Content-Type', 'application/vnd.apple.mpegurl')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('application/vnd.apple.mpegurl')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'media playlist behind a signed link' })
  @ErrorResponse(403, 'The link has expired, or its session was signed out')
  @Conflicts('The video is not ready to play yet')
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
  @ApiOperation({ summary: "Report the caller's watch position (a heartbeat every few seconds while playing)" })
  @HttpCode(200)
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: OkView })
  async progress(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProgressDto) {
    await this.playbacks.heartbeat(p, id, dto.position, dto.played);
    return { ok: true };
  }

  @Get('episodes/:id/stats')
  @ApiOperation({ summary: "Get an episode's viewing statistics" })
  @Access(STAFF_ROLES)
  @ApiOkResponse({ type: EpisodeStatsView })
  stats(@CurrentUser() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.viewing.stats(p, id);
  }

  @Get('continue')
  @ApiOperation({ summary: 'List the episodes the caller started and has not finished' })
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: [WatchItemView] })
  continueWatching(@CurrentUser() p: Principal) {
    return this.viewing.continueWatching(p);
  }

  @Get('children/:studentId/history')
  @ApiOperation({ summary: "List what one of the calling parent's children has watched" })
  @Access(['parent'])
  @ApiOkResponse({ type: [WatchItemView] })
  childHistory(@CurrentUser() p: Principal, @Param('studentId', ParseUUIDPipe) studentId: string) {
    return this.viewing.childHistory(p, studentId);
  }

  @Get('this-week')
  @ApiOperation({ summary: "List this teaching week's lectures for a grade" })
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: ThisWeekView })
  async thisWeek(@CurrentUser() p: Principal, @Query() q: ThisWeekQuery, @RequestLang() lang: Lang) {
    return thisWeekIn(await this.calendar.thisWeek(p, q.grade), lang);
  }

  @Get('calendars')
  @ApiOperation({ summary: "List a group's term calendars" })
  @Access(WATCHERS, { allowRestricted: true })
  @ApiOkResponse({ type: [CalendarView] })
  calendars(@CurrentUser() p: Principal, @Query() q: CalendarQuery) {
    return this.calendar.calendars(p, q.groupId);
  }

  @Put('calendars')
  @ApiOperation({ summary: 'Create or replace a term calendar (its teaching weeks)' })
  @Access(CALENDAR_EDITORS)
  @ApiOkResponse({ type: CalendarView })
  putCalendar(@CurrentUser() p: Principal, @Body() dto: CalendarDto, @RequestLang() lang: Lang) {
    return this.calendar.putCalendar(p, dto).catch((err: unknown) => {
      throw calendarErrorIn(err, lang);
    });
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
