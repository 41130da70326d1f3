import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module.js';
import { MediaService } from './media.service.js';

@Module({ imports: [StorageModule], providers: [MediaService], exports: [MediaService] })
export class MediaModule {}
