import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './common/auth.guard.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { BookdriftModule } from './modules/bookdrift/bookdrift.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { LecturesModule } from './modules/lectures/lectures.module.js';
import { MediaModule } from './modules/media/media.module.js';
import { OrganizationsModule } from './modules/organizations/organizations.module.js';
import { ResourcesModule } from './modules/resources/resources.module.js';
import { SearchModule } from './modules/search/search.module.js';
import { StorageModule } from './modules/storage/storage.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE)),
        StorageModule,
        JobsModule,
        OrganizationsModule,
        IdentityModule,
        HealthModule,
        SearchModule,
        MediaModule,
        ResourcesModule,
        LecturesModule,
        BookdriftModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
