import { Controller, Get, Header, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access.js';
import { metricsRegistry } from './metrics.js';
import { ReadinessRegistry } from './readiness.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get()
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HttpCode(200)
  async ready() {
    const { ok, results } = await this.readiness.run();
    if (!ok) throw new ServiceUnavailableException({ status: 'unavailable', checks: results });
    return { status: 'ok', checks: results };
  }
}

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics() {
    return metricsRegistry.metrics();
  }
}
