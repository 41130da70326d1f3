import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { User } from '../identity/identity.entities.js';

/**
 * The one read of another module's table: display names of accounts (identity's app_user), for
 * journeys, shipment histories and note authors. Identity exports no service method that gives
 * names for ids yet; when it does, this file goes and its callers ask that service.
 */
@Injectable()
export class UserNamesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async displayNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const users = wanted.length ? await this.db.getRepository(User).findBy({ id: In(wanted) }) : [];
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
