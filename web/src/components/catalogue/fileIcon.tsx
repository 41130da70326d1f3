import {
  AudioOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/** The icon of a file kind (pdf, word, presentation, …) as the server classifies files. */
const FILE_ICONS: Record<string, ReactNode> = {
  pdf: <FilePdfOutlined style={{ color: '#d4380d' }} />,
  word: <FileWordOutlined style={{ color: '#1677ff' }} />,
  presentation: <FilePptOutlined style={{ color: '#fa541c' }} />,
  spreadsheet: <FileExcelOutlined style={{ color: '#389e0d' }} />,
  image: <FileImageOutlined style={{ color: '#722ed1' }} />,
  audio: <AudioOutlined style={{ color: '#13c2c2' }} />,
  video: <VideoCameraOutlined style={{ color: '#eb2f96' }} />,
  archive: <FileZipOutlined />,
  text: <FileTextOutlined />,
};

export function fileIcon(kind: string | null | undefined) {
  return (kind && FILE_ICONS[kind]) ?? <FileOutlined />;
}
