import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResourceSummary } from './queries';

/** A resource's review state (nothing when it needs no review). */
export function ReviewTag({ state }: { state: ResourceSummary['reviewState'] }) {
  const { t } = useTranslation();
  if (state === 'none') return null;
  const color = state === 'approved' ? 'green' : state === 'rejected' ? 'red' : 'gold';
  return <Tag color={color}>{t(`catalogue.review.${state}`)}</Tag>;
}
