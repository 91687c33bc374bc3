/**
 * Open model: a refusal says the file's name and what is wrong, and keeps the network; an error
 * the reader did not foresee (it threw a stack overflow on a list nested 10,000 deep: "Could not
 * open Maximum call stack size exceeded") is still said with the file's name.
 */
import { beforeEach, expect, it, vi } from 'vitest';

const parse = vi.hoisted(() => ({ impl: (_text: string, _file: string): unknown => undefined }));
vi.mock('../../src/protocol/model-file', async (original) => ({
  ...(await original<typeof import('../../src/protocol/model-file')>()),
  parseModelFile: (text: string, file: string) => parse.impl(text, file),
}));
const { importModelFile } = await import('../../src/views/shell/SessionMenu');
const { useLab } = await import('../../src/store/lab-store');
const { ModelError } = await import('../../src/data/pretrained');

beforeEach(() => useLab.setState({ notices: [] }));

function said(): string[] {
  return useLab.getState().notices.map((n) => n.text);
}

it('an error the reader did not foresee is said with the file’s name, and nothing changes', async () => {
  parse.impl = () => {
    throw new RangeError('Maximum call stack size exceeded');
  };
  expect(await importModelFile(new File(['[[[]]]'], 'deep.json'))).toBe(false);
  expect(said()).toEqual([
    'Could not open deep.json: reading it failed unexpectedly (Maximum call stack size exceeded). Your network is unchanged.',
  ]);
});

it('a refusal is said as the reader words it', async () => {
  parse.impl = (_text, file) => {
    throw new ModelError(file, '"step" must be a whole number');
  };
  expect(await importModelFile(new File(['{}'], 'bad.json'))).toBe(false);
  expect(said()).toEqual(['Could not open bad.json: "step" must be a whole number. Your network is unchanged.']);
});
