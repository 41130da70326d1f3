import { Global, Module } from '@nestjs/common';
import { DocumentConverter } from './documents.js';
import { MediaService } from './media.service.js';

@Global()
@Module({ providers: [MediaService, DocumentConverter], exports: [MediaService, DocumentConverter] })
export class MediaModule {}
