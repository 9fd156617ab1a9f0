// The .xlsx side (exceljs): the bulletin sheet writer, reading a worksheet as the pane reads a range,
// and the marked ledger the web page hands back.
export * from './annotate';
export * from './bulletin-sheet';
export * from './call-sheet';
export * from './formula-guard';
export * from './subsidy-sheet';
export * from './template-sheet';
export * from './worksheet-values';
