import { useId, type ReactNode } from "react";

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Right-aligned on wide screens (amounts, counts). */
  numeric?: boolean;
  /** The row's heading on narrow screens: shown first, bold, without a label. */
  primary?: boolean;
  className?: string;
}

/**
 * A table on wide screens, a stack of labelled cards on narrow ones. The explicit roles keep
 * the table semantics that some browsers drop once table parts are displayed as blocks.
 */
export function DataTable<T>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
}) {
  const captionId = useId();
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className="md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white"
    >
      <table role="table" className="block w-full text-sm md:table">
        <caption
          id={captionId}
          className={
            captionHidden ? "sr-only" : "block px-0 pb-2 text-left text-sm text-slate-700 md:table-caption md:px-3 md:pt-3"
          }
        >
          {caption}
        </caption>
        <thead role="rowgroup" className="sr-only md:not-sr-only md:table-header-group">
          <tr role="row" className="md:border-b md:border-slate-200">
            {columns.map((column) => (
              <th
                key={column.key}
                role="columnheader"
                scope="col"
                className={`px-3 py-2 font-semibold whitespace-nowrap text-slate-700 ${column.numeric ? "text-right" : "text-left"}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="block space-y-3 md:table-row-group md:space-y-0">
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              role="row"
              className="block rounded-lg border border-slate-200 bg-white py-2 md:table-row md:rounded-none md:border-0 md:border-b md:border-slate-100 md:py-0 md:last:border-b-0"
            >
              {columns.map((column) => (
                <td
                  key={column.key}
                  role="cell"
                  className={`flex items-baseline justify-between gap-4 px-3 py-1 align-top md:table-cell md:py-2 ${
                    column.numeric ? "md:text-right md:whitespace-nowrap md:tabular-nums" : ""
                  } ${column.primary ? "font-semibold md:font-normal" : ""} ${column.className ?? ""}`}
                >
                  {column.primary ? null : (
                    <span aria-hidden className="shrink-0 text-slate-600 md:hidden">
                      {column.header}
                    </span>
                  )}
                  <span className={column.primary ? "min-w-0" : "min-w-0 text-right"}>{column.cell(row)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What a list or queue shows when it holds nothing. */
export function EmptyState({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <p
      className={`rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600 ${className}`.trimEnd()}
    >
      {children}
    </p>
  );
}
