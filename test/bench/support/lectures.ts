import { loadServer, type BenchStack } from './stack.js';

type SeriesModule = typeof import('../../../server/src/modules/lectures/series.service.js');
type EpisodesModule = typeof import('../../../server/src/modules/lectures/episodes.service.js');
type VideosModule = typeof import('../../../server/src/modules/lectures/videos.service.js');

/**
 * A public grade-8 maths series by the demo teacher (core school) with one episode and no video
 * yet, made through the lectures services; `teacher` is that teacher as a principal, for further calls,
 * and `videos` adds a video to it.
 */
export async function lectureEpisode(stack: BenchStack, seriesTitle: string, episodeTitle: string) {
  const { SeriesService } = await loadServer<SeriesModule>('modules/lectures/series.service.js');
  const { EpisodesService } = await loadServer<EpisodesModule>('modules/lectures/episodes.service.js');
  const { VideosService } = await loadServer<VideosModule>('modules/lectures/videos.service.js');
  const teacher = {
    userId: stack.seed.users.teacher,
    groupIds: [stack.seed.groupId],
    role: 'teacher',
    schoolId: stack.seed.schools.core,
  } as never;
  const series = await stack.app.get(SeriesService).createSeries(teacher, {
    title: seriesTitle,
    subject: 'math',
    grade: 8,
    term: 'first',
    visibility: 'public',
    lecturers: [],
  });
  const episode = await stack.app.get(EpisodesService).createEpisode(teacher, series.id, { title: episodeTitle });
  return { videos: stack.app.get(VideosService), teacher, series, episode };
}
