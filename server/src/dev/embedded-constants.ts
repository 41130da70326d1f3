/** Credentials of the embedded stack (local loopback only; never used in production). */
export const PG_USER = 'mumian';
export const PG_PASSWORD = 'mumian-local';
export const S3_KEY = 'S3RVER';
export const S3_SECRET = 'S3RVER';
