import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Capability } from './access';
import type { Role } from './auth';
import type { Namespaces } from './i18n';

/** What a feature area adds to the shell: its routes and its menu entries. */
export interface NavItem {
  key: string;
  path: string;
  /** the label's message, `namespace:key` */
  label: ParseKeys<Namespaces>;
  icon?: ReactNode;
  /** who sees the entry */
  access: Capability;
}

/** A card a feature puts on the home page of the given roles (only for things that exist). */
export interface HomeCard {
  key: string;
  /** the roles that see the card: `rolesWith(capability)` */
  roles: Role[];
  /** lower comes first */
  order?: number;
  element: ReactNode;
}

export interface Feature {
  routes: RouteObject[];
  /**
   * routes outside the sign-in wall; their children show inside the shell, so an element that
   * renders an `<Outlet />` for a signed-in user gives them the full page in the shell
   */
  publicRoutes?: RouteObject[];
  nav: NavItem[];
  home?: HomeCard[];
}
