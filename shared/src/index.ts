// The pure domain core: schemas, sheet reading, validation, counting, bulletin text and layout, dates
// and error codes. Demo data has its own entry point: @tuanjian/shared/demo.
// No Office, Hono, D1 or fetch — everything here runs in Node, workerd and the browser.
export * from './activities';
export * from './annual-report';
export * from './assessment';
export * from './bulletin';
export * from './bulletin-layout';
export * from './bulletin-sheet';
export * from './call-sheet';
export * from './centre';
export * from './columns';
export * from './credit-code';
export * from './dates';
export * from './errors';
export * from './fingerprint';
export * from './format';
export * from './formula-text';
export * from './messages';
export * from './normalize';
export * from './org-key';
export * from './read-sheet';
export * from './reporting';
export * from './schemas';
export * from './subsidy-sheet';
export * from './summarize';
export * from './validate';
export * from './work-records';
export * from './work-sheet';
