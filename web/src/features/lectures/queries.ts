import { useMutation, useQuery, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import type { Subject } from '../../components/vocabulary';

export type SeriesView = components['schemas']['SeriesView'];
export type EpisodeView = components['schemas']['EpisodeView'];
export type PlaybackView = components['schemas']['PlaybackView'];
export type MarkerView = components['schemas']['MarkerView'];
export type CreateSeriesBody = components['schemas']['CreateSeriesDto'];
type CreateEpisodeBody = components['schemas']['CreateEpisodeDto'];

/** The subjects a lecture series may be filed under (the API's `Subject` codes lectures accept). */
export const LECTURE_SUBJECTS = [
  'chinese',
  'math',
  'english',
  'physics',
  'chemistry',
  'biology',
  'history',
  'geography',
  'politics',
  'science',
  'other',
] as const satisfies readonly Subject[];

export function useSeriesList(q: { subject?: Subject; grade?: number }) {
  return useQuery({
    queryKey: ['lectures', 'series', q],
    queryFn: () => call(api.GET('/api/lectures/series', { params: { query: q } })),
  });
}

export function useSeries(id: string) {
  return useQuery({
    queryKey: ['lectures', 'series', id],
    queryFn: () => call(api.GET('/api/lectures/series/{id}', { params: { path: { id } } })),
  });
}

export function usePlayback(id: string) {
  return useQuery({
    queryKey: ['lectures', 'playback', id],
    queryFn: () => call(api.GET('/api/lectures/episodes/{id}/playback', { params: { path: { id } } })),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    // still encoding: poll until ready (the storyboard arrives then); the player keeps playing
    refetchInterval: (q) => (q.state.data && !q.state.data.ready ? 4000 : false),
    retry: false,
  });
}

export function useThisWeek() {
  return useQuery({
    queryKey: ['lectures', 'this-week'],
    queryFn: () => call(api.GET('/api/lectures/this-week', { params: { query: {} } })),
  });
}

export function useContinue() {
  return useQuery({ queryKey: ['lectures', 'continue'], queryFn: () => call(api.GET('/api/lectures/continue')) });
}

/** Polls the newest upload of an episode while it is being processed. */
export function useVideoStatus(episodeId: string) {
  return useQuery({
    queryKey: ['lectures', 'video', episodeId],
    queryFn: async () => {
      const { data, response } = await api.GET('/api/lectures/episodes/{id}/video', { params: { path: { id: episodeId } } });
      if (response.status === 404) return null;
      return data ?? null;
    },
    refetchInterval: (q) => {
      const s = q.state.data?.state;
      return s && s !== 'ready' && s !== 'failed' ? 2000 : false;
    },
  });
}

export function useStats(episodeId: string) {
  return useQuery({
    queryKey: ['lectures', 'stats', episodeId],
    queryFn: () => call(api.GET('/api/lectures/episodes/{id}/stats', { params: { path: { id: episodeId } } })),
  });
}

export function formatTime(s: number): string {
  const t = Math.max(0, Math.floor(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function parseTime(s: string): number | null {
  const parts = s.trim().split(':').map(Number);
  if (!parts.length || parts.some((n) => !Number.isFinite(n) || n < 0)) return null;
  return parts.reduce((acc, n) => acc * 60 + n, 0);
}

export type CalendarView = components['schemas']['CalendarView'];
export type LinkedResource = components['schemas']['ResourceSummaryView'];

/** One episode with its series, for the edit page (works before a video is attached). */
export function useEpisode(id: string) {
  return useQuery({
    queryKey: ['lectures', 'episode', id],
    queryFn: () => call(api.GET('/api/lectures/episodes/{id}', { params: { path: { id } } })),
  });
}

/** The courseware and exercises linked to an episode that the viewer may see. */
export function useEpisodeResources(id: string) {
  return useQuery({
    queryKey: ['lectures', 'episode', id, 'resources'],
    queryFn: () => call(api.GET('/api/lectures/episodes/{id}/resources', { params: { path: { id } } })),
  });
}

export function useCalendars(groupId?: string, enabled = true) {
  return useQuery({
    queryKey: ['lectures', 'calendars', groupId ?? null],
    queryFn: () => call(api.GET('/api/lectures/calendars', { params: { query: groupId ? { groupId } : {} } })),
    enabled,
  });
}

/** Adds days to a YYYY-MM-DD date (calendar arithmetic, no time zone). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today as YYYY-MM-DD in China (the calendars' time zone). */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Teaching weeks of a term: week n runs Monday to Sunday. */
export function teachingWeeks(week1Monday: string, weeks: number, today = todayInChina()) {
  return Array.from({ length: weeks }, (_, i) => {
    const start = addDays(week1Monday, i * 7);
    const end = addDays(start, 6);
    return { week: i + 1, start, end, current: today >= start && today <= end };
  });
}

/** "9月1日" / "Sep 1" */
export function shortDate(date: string, lang: string): string {
  const [, m, d] = date.split('-').map(Number);
  if (lang.startsWith('zh')) return `${m}月${d}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[m - 1]} ${d}`;
}

type CalendarBody = components['schemas']['CalendarDto'];
type PatchEpisodeBody = components['schemas']['UpdateEpisodeDto'];

/** What a page adds to a mutation: its own reaction to success or failure (invalidation is done here). */
type Reactions<D, V> = Pick<UseMutationOptions<D, Error, V>, 'onSuccess' | 'onError'>;

/** A mutation that invalidates `queryKey` on success, then runs the page's own reactions. */
function useLectureMutation<D, V>(
  mutationFn: (v: V) => Promise<D>,
  queryKey: readonly unknown[] | null,
  r: Reactions<D, V> = {},
) {
  const qc = useQueryClient();
  return useMutation<D, Error, V>({
    mutationFn,
    onError: r.onError,
    onSuccess: (...args) => {
      if (queryKey) void qc.invalidateQueries({ queryKey });
      return r.onSuccess?.(...args);
    },
  });
}

export const lectureKeys = {
  all: ['lectures'] as const,
  series: (id: string) => ['lectures', 'series', id] as const,
  video: (episodeId: string) => ['lectures', 'video', episodeId] as const,
  playback: (episodeId: string) => ['lectures', 'playback', episodeId] as const,
  childHistory: (studentId: string) => ['lectures', 'child-history', studentId] as const,
};

export function useCreateSeries(r?: Reactions<SeriesView, CreateSeriesBody>) {
  return useLectureMutation((body: CreateSeriesBody) => call(api.POST('/api/lectures/series', { body })), lectureKeys.all, r);
}

export function useCreateEpisode(seriesId: string, r?: Reactions<EpisodeView, CreateEpisodeBody>) {
  return useLectureMutation(
    (body: CreateEpisodeBody) =>
      call(api.POST('/api/lectures/series/{id}/episodes', { params: { path: { id: seriesId } }, body })),
    lectureKeys.series(seriesId),
    r,
  );
}

export function usePatchEpisode(episodeId: string, r?: Reactions<unknown, PatchEpisodeBody>) {
  return useLectureMutation(
    (body: PatchEpisodeBody) => call(api.PATCH('/api/lectures/episodes/{id}', { params: { path: { id: episodeId } }, body })),
    lectureKeys.all,
    r,
  );
}

export function useAttachVideo(episodeId: string, r?: Reactions<unknown, string>) {
  return useLectureMutation(
    (uploadId: string) =>
      call(api.POST('/api/lectures/episodes/{id}/video', { params: { path: { id: episodeId } }, body: { uploadId } })),
    lectureKeys.all,
    r,
  );
}

export function useRetryVideo(episodeId: string, r?: Reactions<unknown, string>) {
  return useLectureMutation(
    (videoId: string) => call(api.POST('/api/lectures/videos/{id}/retry', { params: { path: { id: videoId } } })),
    lectureKeys.video(episodeId),
    r,
  );
}

/** Once the video is ready, the playback (levels, storyboard) has changed. */
export function useRefreshPlayback(episodeId: string) {
  const qc = useQueryClient();
  return useCallback(() => void qc.invalidateQueries({ queryKey: lectureKeys.playback(episodeId) }), [qc, episodeId]);
}

export function useUploadCaptions(episodeId: string, r?: Reactions<unknown, components['schemas']['CaptionDto']>) {
  return useLectureMutation(
    (body: components['schemas']['CaptionDto']) =>
      call(api.PUT('/api/lectures/episodes/{id}/captions', { params: { path: { id: episodeId } }, body })),
    null,
    r,
  );
}

export function useSaveCalendar(r?: Reactions<CalendarView, CalendarBody>) {
  return useLectureMutation((body: CalendarBody) => call(api.PUT('/api/lectures/calendars', { body })), lectureKeys.all, r);
}

/** What a parent's linked child watched. */
export function useChildHistory(studentId: string) {
  return useQuery({
    queryKey: lectureKeys.childHistory(studentId),
    queryFn: () => call(api.GET('/api/lectures/children/{studentId}/history', { params: { path: { studentId } } })),
  });
}

/** Sends a watch-progress heartbeat; `keepalive` lets the last one outlive the page. Failures are ignored. */
export function useProgressReporter(episodeId: string) {
  return useCallback(
    (body: { position: number; played: number }, keepalive = false) =>
      void api
        .POST('/api/lectures/episodes/{id}/progress', { params: { path: { id: episodeId } }, body, keepalive } as never)
        .catch(() => undefined),
    [episodeId],
  );
}

/** At most this many resources are linked to one episode. */
export const MAX_LINKS = 20;
