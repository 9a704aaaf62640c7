import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createRequire } from 'node:module';
import { DomainError } from '../common/domain-error';
import { buildAsyncApiDocument } from './asyncapi-document';
import { DOCS_HTML, DOCS_SCRIPT, docsAsset } from './docs-page';
import type { JsonSchema } from './json-schemas';
import { buildOpenApiDocument } from './openapi-document';

const { version } = createRequire(__filename)('../../package.json') as { version: string };

/** Public: the API described (OpenAPI 3.1, AsyncAPI 3), and a page to try it. Built once, on first ask. */
@Controller('api')
export class ApiDocsController {
  private openApi?: JsonSchema;
  private asyncApi?: JsonSchema;

  @Get('openapi.json')
  openapi(): JsonSchema {
    return (this.openApi ??= buildOpenApiDocument(version));
  }

  @Get('asyncapi.json')
  asyncapi(): JsonSchema {
    return (this.asyncApi ??= buildAsyncApiDocument(version));
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return DOCS_HTML;
  }

  @Get('docs/:asset')
  asset(@Param('asset') name: string, @Res() res: Response): void {
    if (name === 'docs.js') {
      res.type('text/javascript; charset=utf-8').setHeader('Cache-Control', 'no-cache');
      res.send(DOCS_SCRIPT);
      return;
    }
    const found = docsAsset(name);
    if (!found) throw DomainError.notFound(`no documentation file ${name}`);
    res.sendFile(found.path, { headers: { 'Content-Type': found.type }, maxAge: '1d' });
  }
}
