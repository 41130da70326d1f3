import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import './identity.messages.js';
import { UserImportsRepository } from './imports.repository.js';
import { SessionsRepository } from './sessions.repository.js';
import { UserImportService } from './user-import.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Accounts, sign-in and sessions, guardianship, CSV import. Exports AuthService (the guard, playback links) and UsersService. */
@Module({
  imports: [
    OrganizationsModule,
    StorageModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [UsersRepository, SessionsRepository, UserImportsRepository, AuthService, UsersService, UserImportService],
  exports: [AuthService, UsersService],
})
export class IdentityModule {}
