import { METRICS, SHARED_STATE_METRICS } from '@wb/common/metrics/wb-metrics';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Metric, Registry } from 'prom-client';
import { parse } from 'yaml';
import { ROOT } from '../support/processes';

/**
 * The Grafana dashboard (deploy/grafana/wb-dashboard.json) against the series the apps register
 * (libs/common/src/metrics) and the jobs Prometheus scrapes (deploy/prometheus/prometheus.yml):
 * a panel whose query names a series, or a label, that nothing exports shows "No data" forever,
 * which nobody notices until the day it was needed.
 */

/** Labels Prometheus adds to every scraped series, and its own series of each target. */
const TARGET_LABELS = ['job', 'instance'];
const PROMETHEUS_SERIES = { up: TARGET_LABELS };
const PROMQL_KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset']);

/** Every series name a scrape of an app can show, with the labels it carries (target labels included). */
function exportedSeries(): Map<string, Set<string>> {
  const series = new Map<string, Set<string>>();
  const add = (name: string, labels: readonly string[]) => series.set(name, new Set([...labels, ...TARGET_LABELS]));
  const declared: Metric[] = [...Object.values(METRICS), ...Object.values(SHARED_STATE_METRICS)];
  const nodeMetrics = new Registry();
  collectDefaultMetrics({ register: nodeMetrics });
  for (const metric of [...declared, ...nodeMetrics.getMetricsAsArray()]) {
    // prom-client keeps each metric's configured label names on it, untyped.
    const { name, labelNames = [] } = metric as unknown as { name: string; labelNames?: readonly string[] };
    const type = (metric as unknown as { type: string }).type;
    if (type === 'histogram') {
      add(`${name}_bucket`, [...labelNames, 'le']);
      add(`${name}_sum`, labelNames);
      add(`${name}_count`, labelNames);
    } else add(name, labelNames);
  }
  for (const [name, labels] of Object.entries(PROMETHEUS_SERIES)) add(name, labels);
  return series;
}

interface Selector {
  metric: string;
  /** Label name, operator and value of each matcher between its braces. */
  matchers: { label: string; op: string; value: string }[];
}

/** The series selectors of a PromQL expression, and the labels its `by (…)`-like clauses group on. */
function readExpression(expr: string): { selectors: Selector[]; grouping: string[] } {
  const grouping: string[] = [];
  const rest = expr
    .replace(/\[[^\]]*\]/g, '') // range durations, $__rate_interval among them
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g, (_, labels: string) => {
      grouping.push(
        ...labels
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean),
      );
      return ' ';
    });
  const selectors: Selector[] = [];
  const token = /([A-Za-z_:][\w:]*)\s*(\(|\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\})?|"(?:[^"\\]|\\.)*"/g;
  for (const [whole, name, after, braces] of rest.matchAll(token)) {
    if (whole.startsWith('"') || after === '(' || PROMQL_KEYWORDS.has(name)) continue;
    const matchers = [...(braces ?? '').matchAll(/([A-Za-z_]\w*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, label, op, value]) => ({
      label,
      op,
      value,
    }));
    selectors.push({ metric: name, matchers });
  }
  return { selectors, grouping };
}

/** What in one expression names a series, or a label of one, that nothing exports; or a job Prometheus does not scrape. */
function problemsOf(expr: string, series: Map<string, Set<string>>, jobs: string[]): string[] {
  const { selectors, grouping } = readExpression(expr);
  const problems: string[] = [];
  const labelsInExpression = new Set<string>();
  for (const { metric, matchers } of selectors) {
    const labels = series.get(metric);
    if (!labels) {
      problems.push(`${metric}: no app exports this series`);
      continue;
    }
    labels.forEach((l) => labelsInExpression.add(l));
    for (const { label, op, value } of matchers) {
      if (!labels.has(label)) problems.push(`${metric}{${label}}: the series has no such label`);
      if (label === 'job' && (op === '=' || op === '=~')) {
        const pattern = new RegExp(`^(?:${op === '=' ? value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : value})$`);
        if (!jobs.some((job) => pattern.test(job))) problems.push(`${metric}{job${op}"${value}"}: no scrape job matches`);
      }
    }
  }
  for (const label of grouping) if (!labelsInExpression.has(label)) problems.push(`by (${label}): no series here has this label`);
  return problems;
}

/** Every query of the dashboard's panels, with the panel's title. */
function dashboardQueries(dashboard: any): { panel: string; expr: string }[] {
  const panels: any[] = (dashboard.panels ?? []).flatMap((p: any) => [p, ...(p.panels ?? [])]);
  return panels.flatMap((panel) => (panel.targets ?? []).map((t: any) => ({ panel: panel.title, expr: t.expr as string })));
}

describe('the Grafana dashboard (deploy/grafana)', () => {
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy', 'grafana', 'wb-dashboard.json'), 'utf8'));
  const scrapeConfig = parse(readFileSync(join(ROOT, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8'));
  const jobs: string[] = scrapeConfig.scrape_configs.map((c: { job_name: string }) => c.job_name);
  const series = exportedSeries();
  const queries = dashboardQueries(dashboard);

  it('queries only series the apps export, by labels they carry, from jobs Prometheus scrapes', () => {
    expect(queries.length).toBeGreaterThan(10);
    const problems = queries.flatMap(({ panel, expr }) => problemsOf(expr, series, jobs).map((p) => `${panel}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('shows every series the apps record', () => {
    const queried = new Set(
      queries.flatMap(({ expr }) => readExpression(expr).selectors.map((s) => s.metric.replace(/_(bucket|sum|count)$/, ''))),
    );
    const declared = [...Object.values(METRICS), ...Object.values(SHARED_STATE_METRICS)].map(
      (m) => (m as unknown as { name: string }).name,
    );
    expect(declared.filter((name) => !queried.has(name))).toEqual([]);
  });

  it('would see a misspelt series, a label the series lacks, a grouping on nothing and a job nobody scrapes', () => {
    expect(problemsOf('sum by (toolchain) (rate(wb_attempt_verdict_total[5m]))', series, jobs)).toEqual([
      'wb_attempt_verdict_total: no app exports this series',
      'by (toolchain): no series here has this label',
    ]);
    expect(problemsOf('max(wb_queue_jobs{queue="runs",status="waiting"})', series, jobs)).toEqual([
      'wb_queue_jobs{status}: the series has no such label',
    ]);
    expect(problemsOf('up{job="wb-gateways"}', series, jobs)).toEqual(['up{job="wb-gateways"}: no scrape job matches']);
    expect(
      problemsOf(
        'histogram_quantile(0.99, sum by (le) (rate(wb_run_duration_seconds_bucket{toolchain="cuda"}[$__rate_interval])))',
        series,
        jobs,
      ),
    ).toEqual([]);
  });
});
