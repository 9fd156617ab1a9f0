// The pure domain core: schemas, sheet reading, validation, counting and bulletin text.
// No Office, Hono, D1 or fetch — everything here runs in Node, workerd and the browser.
export * from './columns';
export * from './credit-code';
export * from './org-key';
export * from './schemas';
