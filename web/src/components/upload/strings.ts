import { addNamespace } from '../../app/i18n';

export const zh = {
  choose: '选择文件',
  drop: '点击或拖拽文件到这里上传，可一次选择多个文件',
  resumeHint: '上传中断后，重新选择同一个文件即可从断点继续',
  queued: '等待上传',
  uploading: '上传中',
  verifying: '正在校验文件…',
  ready: '上传完成',
  rejected: '未通过校验',
  failed: '上传失败',
  cancelled: '已取消',
  speed: '{{speed}}/秒',
  left: '剩余 {{time}}',
  cancel: '取消',
  retry: '重试',
  remove: '移除',
  seconds: '{{s}} 秒',
  minutes: '{{m}} 分 {{s}} 秒',
  hours: '{{h}} 小时 {{m}} 分',
};

const en: typeof zh = {
  choose: 'Choose files',
  drop: 'Click or drop files here to upload; several at once are fine',
  resumeHint: 'If an upload is interrupted, choose the same file again to continue where it stopped',
  queued: 'Waiting',
  uploading: 'Uploading',
  verifying: 'Verifying the file…',
  ready: 'Uploaded',
  rejected: 'Rejected',
  failed: 'Upload failed',
  cancelled: 'Cancelled',
  speed: '{{speed}}/s',
  left: '{{time}} left',
  cancel: 'Cancel',
  retry: 'Retry',
  remove: 'Remove',
  seconds: '{{s}} s',
  minutes: '{{m}} min {{s}} s',
  hours: '{{h}} h {{m}} min',
};

addNamespace('upload', { 'zh-CN': zh, en });
