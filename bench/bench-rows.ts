import { percentile, table } from './measure';

/**
 * One line of the benchmark's table. `better` says which way is worse, so that `--repeat` can print the
 * worst of several runs; rows without it (counts, context) are printed as measured.
 */
export type Row = {
  measure: string;
  value: number;
  p99?: number;
  unit: string;
  target?: string;
  digits?: number;
  better?: 'lower' | 'higher';
};

/** A row of p50 and p99 in milliseconds. */
export function latencyRow(measure: string, samples: number[], target = ''): Row {
  return {
    measure,
    value: percentile(samples, 50),
    p99: percentile(samples, 99),
    unit: 'ms',
    target,
    digits: 1,
    better: 'lower',
  };
}

export function renderRows(rows: Row[]): string {
  const cell = (n: number | undefined, digits: number) => (n === undefined ? '' : n.toFixed(digits));
  return table(
    ['measure', 'p50 / value', 'p99', 'unit', 'target'],
    rows.map((r) => [
      r.measure,
      cell(r.value, r.digits ?? 0),
      cell(r.p99, r.digits ?? 0),
      r.unit,
      r.target ?? '',
    ]),
  );
}

/** Per measure, the worst of the runs (highest where lower is better, lowest where higher is); rows that
 * have no direction keep the last run's value. */
export function worstOf(runs: Row[][]): Row[] {
  const last = runs.at(-1) ?? [];
  return last.map((row) => {
    const same = runs
      .map((rows) => rows.find((r) => r.measure === row.measure))
      .filter((r) => r !== undefined);
    if (!row.better) return row;
    const pick = row.better === 'lower' ? Math.max : Math.min;
    return {
      ...row,
      value: pick(...same.map((r) => r.value)),
      ...(row.p99 === undefined ? {} : { p99: pick(...same.map((r) => r.p99 ?? Number.NaN)) }),
    };
  });
}
