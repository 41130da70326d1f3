import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page title with its actions; the actions wrap under the title on a phone. */
export function PageHeader({ title, extra, subtitle }: { title: ReactNode; extra?: ReactNode; subtitle?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-title">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <div className="page-header-extra">{extra}</div>}
    </div>
  );
}
