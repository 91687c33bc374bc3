import { expect, it } from 'vitest';
import { TABLE_COLUMNS, type TableColumn } from '../../../src/protocol/snapshot';
import { withBatchColumns, withSteppedColumn } from '../../../src/store/batch-columns';

/** A column for the example at `position` of its batch (its training index tells batches apart). */
const col = (position: number, index = 1000 + position): TableColumn =>
  ({
    example: { index, label: index % 10, pixels: new Uint8Array(0) },
    positionInBatch: position,
    gradient: new Float32Array([position]),
  }) as unknown as TableColumn;
const places = (cs: TableColumn[]) => cs.map((c) => c.positionInBatch);
const indices = (cs: TableColumn[]) => cs.map((c) => c.example.index);

it('Step example adds a column; the first of a batch starts the columns over', () => {
  let cs: TableColumn[] = [];
  for (let p = 0; p < 3; p++) cs = withSteppedColumn(cs, col(p));
  expect(places(cs)).toEqual([0, 1, 2]);
  cs = withSteppedColumn(cs, col(0, 5));
  expect(indices(cs)).toEqual([5]);
});

it('Step example adds none past the table’s limit', () => {
  let cs: TableColumn[] = [];
  for (let p = 0; p < TABLE_COLUMNS + 5; p++) cs = withSteppedColumn(cs, col(p));
  expect(places(cs)).toEqual([...Array(TABLE_COLUMNS).keys()]);
});

it('Step batch puts the examples it ran after the stepped ones, in order, up to the limit', () => {
  const stepped = [col(0), col(1), col(2)];
  const ran = Array.from({ length: 97 }, (_, i) => col(i + 3)).slice(0, TABLE_COLUMNS - 3);
  const cs = withBatchColumns(stepped, ran);
  expect(places(cs)).toEqual([...Array(TABLE_COLUMNS).keys()]);
  expect(cs.slice(0, 3)).toEqual(stepped);
});

it('Step batch on a batch none of whose examples was stepped drops the batch before’s columns', () => {
  const before = [col(0, 1), col(1, 2), col(2, 3)];
  const cs = withBatchColumns(before, [col(0, 40), col(1, 41)]);
  expect(indices(cs)).toEqual([40, 41]);
});

it('Step batch with nothing left to run (every example stepped) keeps the stepped columns', () => {
  const stepped = [col(0), col(1)];
  expect(withBatchColumns(stepped, [])).toEqual(stepped);
});
