import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Drawer, Empty, Grid, Input, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileIcon } from '../../components/catalogue/fileIcon';
import { RESOURCE_KINDS, useResources, type ResourceKind } from '../../components/catalogue/queries';
import { MAX_LINKS, type LinkedResource } from './queries';
import './strings';

/** A drawer to search the library (or the episode's chapter) and add resources to an episode. */
export function ResourcePicker({
  open,
  onClose,
  linked,
  chapterId,
  onAdd,
}: {
  open: boolean;
  onClose: () => void;
  linked: string[];
  chapterId: string | null;
  onAdd: (r: LinkedResource) => void;
}) {
  const { t } = useTranslation(['lectures', 'common']);
  const screens = Grid.useBreakpoint();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<ResourceKind[]>([]);
  const [inChapter, setInChapter] = useState(!!chapterId);
  const list = useResources({ q: q || undefined, kind, chapterId: inChapter && chapterId && !q ? chapterId : undefined }, open);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Drawer open={open} onClose={onClose} title={t('links.pickerTitle')} size={screens.md ? 560 : '100%'} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search allowClear placeholder={t('links.search')} aria-label={t('links.search')} onSearch={setQ} enterButton />
        <Space wrap>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('links.anyKind')}
            value={kind}
            onChange={setKind}
            options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`common:catalogue.kind.${k}`) }))}
          />
          {chapterId && (
            <Checkbox checked={inChapter} onChange={(e) => setInChapter(e.target.checked)} disabled={!!q}>
              {t('links.thisChapter')}
            </Checkbox>
          )}
        </Space>
        <List
          loading={list.isLoading}
          dataSource={items}
          rowKey="id"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('links.nothing')} /> }}
          renderItem={(r) => {
            const added = linked.includes(r.id);
            return (
              <List.Item
                data-testid={`pick-${r.id}`}
                actions={[
                  <Button
                    key="add"
                    size="small"
                    type={added ? 'default' : 'primary'}
                    icon={added ? undefined : <PlusOutlined />}
                    disabled={added || linked.length >= MAX_LINKS}
                    onClick={() => onAdd(r)}
                  >
                    {added ? t('links.added') : t('links.addOne')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  avatar={<span className="lecture-link-icon">{fileIcon(r.fileKind)}</span>}
                  title={r.title}
                  description={
                    <Space size={4} wrap>
                      <Tag color="blue">{t(`common:catalogue.kind.${r.kind}`)}</Tag>
                      <span>{[r.authorName, r.schoolName].filter(Boolean).join(' · ')}</span>
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
        {list.hasNextPage && (
          <Button block onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('links.more')}
          </Button>
        )}
      </Space>
    </Drawer>
  );
}
