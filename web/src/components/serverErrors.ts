import type { FormInstance } from 'antd';
import { ApiFailure } from '../api/client';

/**
 * Puts the server's field errors (ApiFailure.body.fields) on the matching form fields and
 * returns what is left to show above the form (the server's message, plus field errors for
 * fields the form does not have). The server's words always win over client-side checks.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fieldNames: string[]): string | null {
  if (!(err instanceof ApiFailure)) return err instanceof Error ? err.message : String(err);
  const fields = err.body.fields ?? [];
  const onForm = fields.filter((f) => fieldNames.includes(f.field));
  const elsewhere = fields.filter((f) => !fieldNames.includes(f.field));
  if (onForm.length) {
    const byField = new Map<string, string[]>();
    for (const f of onForm) byField.set(f.field, [...(byField.get(f.field) ?? []), f.message]);
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  }
  if (elsewhere.length) return elsewhere.map((f) => f.message).join('；');
  return onForm.length ? null : err.message;
}

/** The message of any error, for a toast or an alert. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiFailure) {
    const extra = (err.body.fields ?? []).map((f) => f.message);
    return extra.length ? extra.join('；') : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
