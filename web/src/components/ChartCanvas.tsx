// One Chart.js chart. Chart.js is loaded on first use (a separate chunk), so
// pages without charts do not pay for it.
import { useEffect, useRef } from 'react';
import type { Chart, ChartConfiguration } from 'chart.js';

let chartModule: Promise<typeof import('chart.js')> | null = null;
export function loadChartJs() {
  if (!chartModule) {
    chartModule = import('chart.js').then((m) => {
      m.Chart.register(...m.registerables);
      return m;
    });
  }
  return chartModule;
}

function cssVar(name: string, fallback: string) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function ChartCanvas({ config, label, onRendered }: { config: ChartConfiguration; label: string; onRendered?: () => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart | null = null;
    let cancelled = false;
    loadChartJs().then(({ Chart }) => {
      if (cancelled || !ref.current) return;
      const text = cssVar('--text-muted', '#999');
      const grid = cssVar('--border', '#333');
      Chart.defaults.color = text;
      Chart.defaults.borderColor = grid;
      chart = new Chart(ref.current, {
        ...config,
        options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
      });
      onRendered?.();
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config]);
  return (
    <div className="chart-box">
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
