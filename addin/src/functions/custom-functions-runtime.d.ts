// The part of Excel's custom functions runtime this add-in uses (@types/custom-functions-runtime is not installed).
// office.js defines `CustomFunctions.associate` everywhere; `Error` and `ErrorCode` exist only inside Excel.

declare namespace CustomFunctions {
  /** Binds a function id of functions.json (without the namespace) to its implementation. */
  function associate(id: string, implementation: (...args: never[]) => unknown): void;

  /** Thrown (or returned) by a custom function: Excel shows `code` in the cell and `message` on hover. */
  // biome-ignore lint/suspicious/noShadowRestrictedNames: the runtime names it CustomFunctions.Error.
  class Error extends globalThis.Error {
    constructor(errorCode: ErrorCode, errorMessage?: string);
    code: ErrorCode;
  }

  enum ErrorCode {
    invalidValue = '#VALUE!',
    notAvailable = '#N/A',
    divisionByZero = '#DIV/0!',
    invalidNumber = '#NUM!',
    nullReference = '#NULL!',
    invalidName = '#NAME?',
    invalidReference = '#REF!',
  }
}
