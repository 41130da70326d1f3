import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module.js';
import { DocumentConverter } from './documents.js';
import './media.messages.js';
import { MediaService } from './media.service.js';

@Module({ imports: [StorageModule], providers: [MediaService, DocumentConverter], exports: [MediaService, DocumentConverter] })
export class MediaModule {}
