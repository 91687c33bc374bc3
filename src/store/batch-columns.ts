/**
 * The weight-matrix table's example columns (the store's `batchColumns`) as Step example and Step
 * batch add to them: the current batch's, oldest first, at most TABLE_COLUMNS.
 */
import { TABLE_COLUMNS, type TableColumn } from '../protocol/snapshot';

/** After Step example: the first of a batch starts the columns over; past the limit none is added. */
export function withSteppedColumn(columns: TableColumn[], stepped: TableColumn): TableColumn[] {
  const kept = stepped.positionInBatch === 0 ? [] : columns;
  return kept.length < TABLE_COLUMNS ? [...kept, stepped] : kept;
}

/**
 * After Step batch: the examples it ran that were not stepped come after the stepped ones. A batch
 * none of whose examples was stepped starts its own (the previous batch's columns stood until now);
 * none at all (every example stepped, or all past the limit) keeps the stepped columns.
 */
export function withBatchColumns(columns: TableColumn[], ran: TableColumn[]): TableColumn[] {
  const fresh = ran.length > 0 && ran[0].positionInBatch === 0;
  return [...(fresh ? [] : columns), ...ran].slice(0, TABLE_COLUMNS);
}
