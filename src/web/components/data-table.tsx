import { Box, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './data-table.module.css';
import { ScrollRegion } from './scroll-region';

export type DataColumn<Row> = {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  align?: 'start' | 'end';
  nowrap?: boolean;
};

/**
 * A list as a table on wide screens and as stacked cards on phones, where a table would hide its
 * right-hand columns behind a sideways scroll. The first column heads each card.
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
}: {
  label: string;
  columns: DataColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}) {
  const [first, ...rest] = columns;
  if (!first) return null;
  return (
    <>
      <Box visibleFrom="md">
        <ScrollRegion label={label}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.key} scope="col" ta={column.align === 'end' ? 'end' : undefined}>
                    {column.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <Table.Td
                      key={column.key}
                      ta={column.align === 'end' ? 'end' : undefined}
                      style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}
                    >
                      {column.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Box>
      <Box hiddenFrom="md">
        <ul className={classes.cards} aria-label={label}>
          {rows.map((row) => (
            <li key={rowKey(row)} className={classes.card}>
              <div className={classes.head}>{first.cell(row)}</div>
              <dl className={classes.fields}>
                {rest.map((column) => (
                  <div key={column.key} className={classes.field}>
                    <Text component="dt" size="xs" c="dimmed">
                      {column.header}
                    </Text>
                    <Text component="dd" size="sm" className={classes.value}>
                      {column.cell(row)}
                    </Text>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      </Box>
    </>
  );
}
