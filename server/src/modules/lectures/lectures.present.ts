import { AppError } from '../../common/errors.js';
import { t, type Lang, type MessageKey } from '../../common/i18n.js';
import type {
  EpisodeDetailView,
  EpisodeView,
  PlaybackView,
  SeriesDetailView,
  ThisWeekView,
  VideoStatusView,
} from './lectures.dto.js';

/**
 * What the lecture services return, before the HTTP layer renders it in the caller's language:
 * the views of lectures.dto.ts with a video's failure as a message key and its parameters.
 */
export interface Message {
  key: MessageKey;
  params: Record<string, string | number>;
}
export type VideoStatus = Omit<VideoStatusView, 'failure'> & { failure: Message | null };
export type Episode = Omit<EpisodeView, 'processing'> & { processing: VideoStatus | null };
export type SeriesDetail = Omit<SeriesDetailView, 'episodes'> & { episodes: Episode[] };
export type EpisodeDetail = Omit<EpisodeDetailView, 'episode'> & { episode: Episode };
export type Playback = Omit<PlaybackView, 'episode'> & { episode: Episode };
export type ThisWeek = Omit<ThisWeekView, 'episodes'> & { episodes: Episode[] };

export function videoStatusIn(v: VideoStatus, lang: Lang): VideoStatusView {
  return { ...v, failure: v.failure ? t(v.failure.key, lang, v.failure.params) : null };
}

export function episodeIn(e: Episode, lang: Lang): EpisodeView {
  return { ...e, processing: e.processing ? videoStatusIn(e.processing, lang) : null };
}

export function seriesDetailIn(s: SeriesDetail, lang: Lang): SeriesDetailView {
  return { ...s, episodes: s.episodes.map((e) => episodeIn(e, lang)) };
}

export function episodeDetailIn(d: EpisodeDetail, lang: Lang): EpisodeDetailView {
  return { ...d, episode: episodeIn(d.episode, lang) };
}

export function playbackIn(pb: Playback, lang: Lang): PlaybackView {
  return { ...pb, episode: episodeIn(pb.episode, lang) };
}

export function thisWeekIn(w: ThisWeek, lang: Lang): ThisWeekView {
  return { ...w, episodes: w.episodes.map((e) => episodeIn(e, lang)) };
}

/**
 * The calendar checks name a weekday (0 = Sunday) and terms by code; the caller reads their names.
 * Any other error passes through unchanged.
 */
export function calendarErrorIn(err: unknown, lang: Lang): unknown {
  if (!(err instanceof AppError) || !err.fields.some((f) => f.key.startsWith('lecture.calendar.'))) return err;
  const fields = err.fields.map((f) => {
    if (!f.params) return f;
    const params = { ...f.params };
    if (typeof params.weekday === 'number') params.weekday = t(`lecture.weekday.${params.weekday}` as MessageKey, lang);
    if (params.term === 'first' || params.term === 'second') params.term = t(`lecture.calendar.${params.term}`, lang);
    return { ...f, params };
  });
  return new AppError(err.status, err.key, err.params, fields);
}
