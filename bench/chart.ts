// Charts for the benchmark report: a Vega-Lite spec compiled to Vega and rendered to SVG in Node
// (no browser, no canvas: the 'none' renderer only lays out, toSVG writes the markup).
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec & { data: { values: Record<string, unknown>[] } };

export async function renderChart(spec: ChartSpec): Promise<string> {
  const compiled = compile({ background: 'white', width: 480, height: 260, ...spec } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A line chart of y against x, one line per series. */
export function lineChart(title: string, x: string, y: string, values: { x: number; y: number; series: string }[], logX = false): ChartSpec {
  return {
    title,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: x, scale: logX ? { type: 'symlog' } : {} },
      y: { field: 'y', type: 'quantitative', title: y, scale: { zero: true } },
      color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 320 } },
    },
  } as ChartSpec;
}

/** Box plots of samples per group (e.g. page load times with and without Emissary). */
export function boxChart(title: string, y: string, values: { group: string; series: string; value: number }[]): ChartSpec {
  return {
    title,
    data: { values },
    mark: { type: 'boxplot', extent: 'min-max' },
    encoding: {
      x: { field: 'series', type: 'nominal', title: null, axis: { labelAngle: -30 } },
      y: { field: 'value', type: 'quantitative', title: y, scale: { zero: false } },
      color: { field: 'series', type: 'nominal', legend: null },
      column: { field: 'group', type: 'nominal', title: null },
    },
    // Each page on its own scale: a 100 ms page next to a 2 s page would be a flat line.
    resolve: { scale: { y: 'independent' } },
    width: 160,
  } as ChartSpec;
}
