// The console's own script: NHS.UK frontend's components, the print button and the charts
// (whose figures are also in the table beside each).
import { initAll } from './vendor/nhsuk-frontend/nhsuk-frontend.min.js';

initAll();

for (const button of document.querySelectorAll('[data-print]')) {
  button.addEventListener('click', () => window.print());
}

// Each chart's figures are a JSON script beside its canvas (data-chart names it): stacked bars
// for parts of a whole, side by side for figures compared (a hub's income and costs).
const charts = document.querySelectorAll('canvas[data-chart]');
if (charts.length) {
  await import('./vendor/chart.js/chart.umd.min.js');
  // NHS colours, in an order that keeps neighbouring bars apart.
  const colours = ['#005eb8', '#007f3b', '#ffb81c', '#330072', '#d5281b', '#41b6e6', '#7c2855'];
  const pounds = (v, digits = 0) => '£' + Number(v).toLocaleString('en-GB', { minimumFractionDigits: digits });
  for (const canvas of charts) {
    const figures = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    const stacked = figures.stacked !== false;
    figures.datasets.forEach((set, i) => { set.backgroundColor = colours[i % colours.length]; });
    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: figures.labels, datasets: figures.datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked },
          y: { stacked, ticks: { callback: (v) => pounds(v) } },
        },
        plugins: {
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${pounds(c.parsed.y, 2)}` } },
        },
      },
    });
    canvas.dataset.rendered = 'true';
  }
}
