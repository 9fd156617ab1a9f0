// /docs: a browsable API reference (Swagger UI) served from this origin, so it works with no internet.

export function docsHtml(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>团建台账 API 参考</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"><p style="font-family:sans-serif;padding:1em">正在加载 API 参考… 如果一直停在这里，请先运行
<code>npm run build</code>（生成 /docs/assets）。OpenAPI 文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/docs-init.js"></script>
</body></html>`;
}
