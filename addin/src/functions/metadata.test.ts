// functions.json as the build generates it from the JSDoc: the ids Excel registers and their parameters.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CUSTOM_FUNCTIONS } from './functions';
import { customFunctionsMetadata } from './metadata';

const MetadataSchema = z.object({
  functions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      parameters: z.array(
        z.object({
          name: z.string(),
          type: z.string(),
          optional: z.boolean().optional(),
          description: z.string(),
        }),
      ),
      result: z.object({ type: z.string() }),
    }),
  ),
});

describe('functions.json', () => {
  it('declares every registered function under its namespace-less id, with (unit, [year], [month])', async () => {
    const { functions } = MetadataSchema.parse(JSON.parse(await customFunctionsMetadata()));

    expect(functions.map((fn) => fn.id)).toEqual(Object.keys(CUSTOM_FUNCTIONS));
    expect(functions.map((fn) => fn.id)).toEqual([
      'RATE',
      'COUNTED',
      'QUOTA',
      'RANK',
      'STATE',
      'NEWTHISMONTH',
      'DISTRICT',
    ]);
    for (const fn of functions) {
      expect(fn.name).toBe(fn.id);
      expect(fn.description).toMatch(/\p{Script=Han}/u);
      expect(
        fn.parameters.map((parameter) => [parameter.name, parameter.type, parameter.optional === true]),
      ).toEqual([
        [fn.id === 'DISTRICT' ? 'field' : 'unit', 'string', false],
        ['year', 'number', true],
        ['month', 'number', true],
      ]);
      expect(fn.result.type).toBe(fn.id === 'STATE' ? 'string' : 'number');
    }
  });
});
