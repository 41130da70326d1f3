import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One invalid field of a request, in the caller's language. */
export class FieldErrorView {
  @ApiProperty({ example: 'title', description: 'the field as the request named it (dotted for nested fields)' })
  field: string;
  @ApiProperty({ example: 'title 不能超过 200 个字符', description: "what is wrong with it, in the caller's language" })
  message: string;
}

/**
 * The one error body every failed request gets (`ErrorFilter`), whatever the status. The web's
 * `ApiError` is this schema, through the generated client.
 */
export class ErrorView {
  @ApiProperty({ example: 'REQUEST_INVALID', description: 'stable machine-readable code (the message key in upper snake case)' })
  code: string;
  @ApiProperty({
    example: '请求参数有误',
    description: "what went wrong, in the caller's language (Accept-Language: zh-CN or en)",
  })
  message: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'the fields at fault, when the request itself was invalid' })
  fields?: FieldErrorView[];
  @ApiPropertyOptional({ description: "the request's id, as logged by the server" })
  requestId?: string;
}
