import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Scope } from '../../src-preload/contract';
import { DISPUTE_STATUSES, type DisputeCharts, type DisputeFilter } from '../../src-preload/contract/disputes';
import { useCall } from '../ipc/client';
import { formatMoney } from '../../src-preload/contract/money';
import { ErrorState } from '../app/states';
import { humanLabel } from '../ui/labels';

/** Count, or the amount in one currency: amounts of different currencies are never plotted on one axis. */
type Metric = { kind: 'count' } | { kind: 'amount'; currency: string };

const STATUS_COLOR: Record<string, string> = {
  warning_needs_response: '#f5a623',
  needs_response: '#df1b41',
  under_review: '#0570de',
  warning_under_review: '#6c9eeb',
  won: '#30b130',
  lost: '#697386',
  warning_closed: '#a3acb9',
  prevented: '#1ea672',
};

/** Disputes over time and by reason/outcome, aggregated by main in SQL over the whole filtered cache. */
export function DisputeChartsPanel({
  scope,
  filter,
  currencies,
}: {
  scope: Scope;
  filter: DisputeFilter;
  currencies: string[];
}) {
  const charts = useCall('disputes.charts', { scope, filter });
  const [choice, setChoice] = useState('count');
  const metric: Metric = choice === 'count' ? { kind: 'count' } : { kind: 'amount', currency: choice };
  if (charts.error) return <ErrorState error={charts.error} />;
  if (!charts.data || charts.data.overTime.length === 0) return null;
  const value = (row: { count: number; amount: number; currency: string }) =>
    metric.kind === 'count' ? row.count : row.currency === metric.currency ? row.amount : 0;
  const format = (v: number) => (metric.kind === 'count' ? String(v) : formatMoney(v, metric.currency));
  const overTime = pivotOverTime(charts.data, value);
  const { rows: byReason, statuses } = pivotByReason(charts.data, value);

  return (
    <section className="dispute-charts" data-testid="dispute-charts" aria-label="Dispute charts">
      <div className="toolbar">
        <h2>Trends</h2>
        <label className="inline">
          Show
          <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="Chart metric">
            <option value="count">Number of disputes</option>
            {currencies.map((c) => (
              <option key={c} value={c}>
                Amount in {c.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="chart-grid">
        <div className="panel chart">
          <h3>Disputes opened per month</h3>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={overTime}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="month" fontSize={12} />
              <YAxis
                fontSize={12}
                tickFormatter={format}
                width={metric.kind === 'count' ? 40 : 90}
                allowDecimals={false}
              />
              <Tooltip formatter={(v) => format(Number(v))} />
              <Bar
                isAnimationActive={false}
                dataKey="value"
                name={metric.kind === 'count' ? 'Disputes' : `Amount (${metric.currency.toUpperCase()})`}
                fill="#635bff"
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div className="panel chart">
          <h3>By reason and outcome</h3>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={byReason} layout="vertical" margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" fontSize={12} tickFormatter={format} allowDecimals={false} />
              <YAxis
                type="category"
                dataKey="reason"
                fontSize={12}
                width={130}
                tickFormatter={(v: string) => humanLabel(v)}
              />
              <Tooltip
                formatter={(v, name) => [format(Number(v)), humanLabel(String(name))]}
                labelFormatter={(l) => humanLabel(String(l))}
              />
              <Legend formatter={(v) => humanLabel(String(v))} wrapperStyle={{ fontSize: 12 }} />
              {statuses.map((s) => (
                <Bar
                  key={s}
                  isAnimationActive={false}
                  dataKey={s}
                  stackId="outcome"
                  fill={STATUS_COLOR[s] ?? '#8792a2'}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </section>
  );
}

type Value = (row: { count: number; amount: number; currency: string }) => number;

function pivotOverTime(charts: DisputeCharts, value: Value): { month: string; value: number }[] {
  const months = new Map<string, number>();
  for (const row of charts.overTime) months.set(row.month, (months.get(row.month) ?? 0) + value(row));
  return [...months].map(([month, v]) => ({ month, value: v }));
}

function pivotByReason(
  charts: DisputeCharts,
  value: Value,
): { rows: Record<string, string | number>[]; statuses: string[] } {
  const reasons = new Map<string, Record<string, string | number>>();
  const seen = new Set<string>();
  for (const row of charts.byReason) {
    const entry = reasons.get(row.reason) ?? { reason: row.reason };
    entry[row.status] = Number(entry[row.status] ?? 0) + value(row);
    reasons.set(row.reason, entry);
    seen.add(row.status);
  }
  return { rows: [...reasons.values()], statuses: DISPUTE_STATUSES.filter((s) => seen.has(s)) };
}
