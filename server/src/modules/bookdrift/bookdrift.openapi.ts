import { applyDecorators, Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

/**
 * A book-drift controller: under /api/bookdrift, tagged `bookdrift`, and with the operation ids
 * the module had when it had one controller (`Bookdrift_<method>`), so the web client's names
 * stay as they are. Method names are therefore unique across the module's controllers.
 */
export function BookdriftController(): ClassDecorator {
  return applyDecorators(ApiTags('bookdrift'), Controller('bookdrift'), (target: object) => {
    const proto = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (name === 'constructor' || typeof d?.value !== 'function') continue;
      // summary: undefined keeps ApiOperation's default '' out; summaries set on a method stay
      ApiOperation({ operationId: `Bookdrift_${name}`, summary: undefined })(proto, name, d);
    }
  });
}
