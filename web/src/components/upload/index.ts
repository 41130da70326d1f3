export { ResumableUploader, type ResumableUploaderProps } from './ResumableUploader';
export { useResumableUploads, type UploadItem, type ResumableUploadOptions } from './useResumableUploads';
export {
  uploadFile,
  cancelUpload,
  resumeKey,
  xhrTransport,
  formatBytes,
  type PartTransport,
  type UploadView,
  type UploadPurpose,
} from './engine';
