import { Empty, Skeleton } from 'antd';
import type { Key, ReactNode } from 'react';

/** A plain list of rows (antd's List is deprecated): optional border, empty text and loading state. */
export function ItemList<T>({
  items,
  render,
  rowKey,
  bordered = false,
  loading = false,
  empty,
  rowClassName,
  className,
}: {
  items: T[];
  render: (item: T) => ReactNode;
  rowKey: (item: T) => Key;
  bordered?: boolean;
  loading?: boolean;
  empty?: ReactNode;
  rowClassName?: (item: T) => string | undefined;
  className?: string;
}) {
  if (loading) return <Skeleton active />;
  if (!items.length) return empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : null;
  return (
    <ul className={['item-list', bordered ? 'item-list-bordered' : '', className ?? ''].join(' ').trim()}>
      {items.map((item) => (
        <li key={rowKey(item)} className={rowClassName?.(item)}>
          {render(item)}
        </li>
      ))}
    </ul>
  );
}
