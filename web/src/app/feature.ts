import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from './auth';

/** What a feature area adds to the shell: its routes and its menu entries. */
export interface NavItem {
  key: string;
  path: string;
  /** i18n key of the label */
  label: string;
  icon?: ReactNode;
  roles: Role[];
}

/** A card a feature puts on the home page of the given roles (only for things that exist). */
export interface HomeCard {
  key: string;
  roles: Role[];
  /** lower comes first */
  order?: number;
  element: ReactNode;
}

export interface Feature {
  routes: RouteObject[];
  /** routes outside the sign-in wall (the element decides what a signed-in user sees) */
  publicRoutes?: RouteObject[];
  nav: NavItem[];
  home?: HomeCard[];
}
