import { Controller, Get, Header, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access.js';
import { ErrorResponse } from '../../common/openapi.js';
import { metricsRegistry } from './metrics.js';
import { ReadinessRegistry } from './readiness.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database, object store and other dependencies answer' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'Every dependency answers' })
  @ErrorResponse(503, 'A dependency does not answer: keep this process out of the load balancer')
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
  @ApiOperation({ summary: 'Prometheus metrics of this process' })
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics() {
    return metricsRegistry.metrics();
  }
}
