import { loadServer, type BenchStack } from './stack.js';

type LecturesModule = typeof import('../../../server/src/modules/lectures/lectures.service.js');

/**
 * A public grade-8 maths series by the demo teacher (core school) with one episode and no video
 * yet, made through LecturesService; `teacher` is that teacher as a principal, for further calls.
 */
export async function lectureEpisode(stack: BenchStack, seriesTitle: string, episodeTitle: string) {
  const { LecturesService } = await loadServer<LecturesModule>('modules/lectures/lectures.service.js');
  const lectures = stack.app.get(LecturesService);
  const teacher = {
    userId: stack.seed.users.teacher,
    groupIds: [stack.seed.groupId],
    role: 'teacher',
    schoolId: stack.seed.schools.core,
  } as never;
  const series = await lectures.createSeries(teacher, {
    title: seriesTitle,
    subject: 'math',
    grade: 8,
    term: 'first',
    visibility: 'public',
    lecturers: [],
  });
  const episode = await lectures.createEpisode(teacher, series.id, { title: episodeTitle }, 'zh-CN');
  return { lectures, teacher, series, episode };
}
