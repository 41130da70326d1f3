import { Timeline, Typography } from 'antd';

/** A copy's journey: the schools it has been at, with the day it arrived. */
export function JourneyTimeline({ journey, locale }: { journey: { schoolName: string; arrivedAt: string }[]; locale: string }) {
  return (
    <Timeline
      data-testid="journey"
      items={journey.map((j) => ({
        children: (
          <span>
            {j.schoolName} <Typography.Text type="secondary">{new Date(j.arrivedAt).toLocaleDateString(locale)}</Typography.Text>
          </span>
        ),
      }))}
    />
  );
}
