export interface CountRow {
  key: string;
  name: string;
  count: number;
}

export interface CountTableProps {
  caption: string;
  nameHeader: string;
  rows: CountRow[];
  emptyText?: string;
  testId?: string;
}

export function CountTable({ caption, nameHeader, rows, emptyText = 'Nothing yet', testId }: CountTableProps) {
  return (
    <table className="table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          <th scope="col" className="num">
            Count
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              {emptyText}
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.key} data-testid={`${testId ?? 'count'}-row-${r.name}`}>
              <td>{r.name}</td>
              <td className="num">{r.count}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
