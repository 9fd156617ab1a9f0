// Build time (Node) only: functions.json, generated from the JSDoc of functions.ts by custom-functions-metadata.
// vite.config.ts serves it in dev and writes it into dist/; metadata.test.ts checks what it declares.
import { fileURLToPath } from 'node:url';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

/** The source the metadata is generated from. */
export const FUNCTIONS_SOURCE = fileURLToPath(new URL('./functions.ts', import.meta.url));

/**
 * The text of functions.json. Rejects with every problem the generator found (an unsupported type, a bad id),
 * so a broken JSDoc fails the build instead of shipping functions Excel cannot register.
 * @example writeFileSync('dist/functions.json', await customFunctionsMetadata());
 */
export async function customFunctionsMetadata(source: string = FUNCTIONS_SOURCE): Promise<string> {
  const result = await generateCustomFunctionsMetadata(source);
  if (result.errors.length > 0) {
    throw new Error(`custom functions metadata for ${source}:\n${result.errors.join('\n')}`);
  }
  if (result.metadataJson === '') throw new Error(`no @customfunction found in ${source}`);
  return result.metadataJson;
}
