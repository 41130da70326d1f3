import type { Rule } from 'antd/es/form';

/** Client-side checks that mirror the server's (the server checks again and its words win). */
export const USERNAME = /^[a-zA-Z0-9_.-]{3,64}$/;
export const PHONE = /^1[3-9]\d{9}$/;
export const SCHOOL_CODE = /^[A-Za-z0-9-]{2,20}$/;

export function isStrongEnough(plain: string): boolean {
  return plain.length >= 8 && plain.length <= 72 && /[A-Za-z]/.test(plain) && /\d/.test(plain);
}

export function passwordRule(message: string): Rule {
  return {
    validator: (_, value: string | undefined) =>
      !value || isStrongEnough(value) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}
