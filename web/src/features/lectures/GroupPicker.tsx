import { Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroups } from '../../components/org/queries';
import './strings';

export function GroupPicker({ value, onChange }: { value?: string; onChange: (id: string) => void }) {
  const { t } = useTranslation(['lectures', 'common']);
  const groups = useGroups();
  useEffect(() => {
    if (!value && groups.data?.length) onChange(groups.data[0].id);
  }, [value, groups.data, onChange]);
  return (
    <Select
      aria-label={t('calendar.group')}
      style={{ minWidth: 220, maxWidth: '100%' }}
      value={value}
      onChange={onChange}
      loading={groups.isLoading}
      options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
    />
  );
}

/** 第1周 9月1日–9月7日 …, this week highlighted. */
