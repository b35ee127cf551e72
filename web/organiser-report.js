// The sales report of one event (GET /events/{id}/report, shaped as shared's events.model.SalesReport): seats by
// state, money by provider and by price tier, and the sales per day as an inline SVG chart with the same figures as a
// table beside it (the chart is hidden from assistive technology; the table is what a screen reader reads). The CSV
// export needs the bearer token, so it is fetched and handed to the browser as a file.

import { el } from './util.js';
import { formatMoney, t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Renders `report` into `root`. */
export function renderReport(root, report) {
  const currency = report.currency;
  const money = (amount) => formatMoney(amount ?? '0', currency);
  const seats = report.seats || {};
  const revenue = report.revenue || {};
  const providers = Object.entries(revenue.byProvider || {});
  const categories = revenue.byCategory || [];
  const days = report.salesPerDay || [];
  root.replaceChildren(
    el('div', { class: 'report-grid' },
      el('section', { class: 'report-block', 'aria-labelledby': 'report-seats' },
        el('h4', { id: 'report-seats' }, t('organiser.report.seats')),
        figures([
          [t('organiser.state.available'), seats.available],
          [t('organiser.state.held'), seats.held],
          [t('organiser.state.sold'), seats.sold],
          [t('organiser.state.blocked'), seats.blocked],
          [t('organiser.state.comp'), seats.comp],
        ], 'report-seat-figures')),
      el('section', { class: 'report-block', 'aria-labelledby': 'report-money' },
        el('h4', { id: 'report-money' }, t('organiser.report.money')),
        figures([
          [t('organiser.report.gross'), money(revenue.gross)],
          [t('organiser.report.refunded'), money(revenue.refunded)],
          [t('organiser.report.net'), money(revenue.net)],
        ], 'report-money-figures'))),
    table(t('organiser.report.byProvider'), [t('organiser.report.provider'), t('organiser.report.gross'),
      t('organiser.report.refunded'), t('organiser.report.net')],
    providers.map(([provider, figures]) => [provider, money(figures.gross), money(figures.refunded), money(figures.net)])),
    table(t('organiser.report.byCategory'), [t('organiser.report.rows'), t('organiser.report.price'),
      t('organiser.report.tickets'), t('organiser.report.amount')],
    categories.map((category) => [rowRange(category.fromRow, category.toRow), money(category.price),
      String(category.tickets), money(category.amount)])),
    el('section', { class: 'report-block', 'aria-labelledby': 'report-days' },
      el('h4', { id: 'report-days' }, t('organiser.report.overTime')),
      days.length === 0 ? el('p', { class: 'muted' }, t('organiser.report.noSales')) : chart(days, money),
      days.length === 0 ? null : table(null, [t('organiser.report.day'), t('organiser.report.tickets'),
        t('organiser.report.amount')], days.map((day) => [day.date, String(day.tickets), money(day.amount)]), 'report-days-table')),
  );
}

export function rowRange(from, to) {
  return from === to ? t('organiser.row', { row: from }) : t('organiser.rows', { from, to });
}

function figures(pairs, id) {
  return el('dl', { class: 'figures', id }, pairs.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, String(value ?? 0))]));
}

function table(caption, headings, rows, id) {
  if (rows.length === 0) {
    return null;
  }
  return el('div', { class: 'table-scroll' },
    el('table', { class: 'report-table', id },
      caption ? el('caption', {}, caption) : null,
      el('thead', {}, el('tr', {}, headings.map((heading) => el('th', { scope: 'col' }, heading)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell, i) =>
        i === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell)))))));
}

/**
 * Tickets sold per day as bars, and the running total of tickets as a line over them (two scales: the bars' on the
 * left, the line's on the right). Every day from the first sale to the last has its place, sales or not.
 */
function chart(days, money) {
  const byDate = new Map(days.map((day) => [day.date, day]));
  const first = new Date(`${days[0].date}T00:00:00Z`);
  const last = new Date(`${days[days.length - 1].date}T00:00:00Z`);
  const all = [];
  for (let d = first; d <= last && all.length < 366; d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    all.push(byDate.get(date) || { date, tickets: 0, amount: '0' });
  }
  const width = 640;
  const height = 220;
  const pad = { left: 40, right: 48, top: 12, bottom: 34 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const most = Math.max(1, ...all.map((day) => day.tickets));
  let running = 0;
  const cumulative = all.map((day) => (running += day.tickets));
  const total = Math.max(1, running);
  const slot = plotW / all.length;
  const svg = node('svg', { viewBox: `0 0 ${width} ${height}`, class: 'sales-chart', 'aria-hidden': 'true', focusable: 'false' });
  svg.append(node('line', { x1: pad.left, y1: pad.top + plotH, x2: pad.left + plotW, y2: pad.top + plotH, class: 'axis' }));
  all.forEach((day, i) => {
    const h = (day.tickets / most) * plotH;
    const bar = node('rect', { x: pad.left + i * slot + slot * 0.15, y: pad.top + plotH - h, width: Math.max(1, slot * 0.7), height: h, class: 'bar' });
    bar.append(node('title', {}, `${day.date}: ${day.tickets} · ${money(day.amount)}`));
    svg.append(bar);
  });
  const points = cumulative.map((value, i) => `${pad.left + (i + 0.5) * slot},${pad.top + plotH - (value / total) * plotH}`);
  svg.append(node('polyline', { points: points.join(' '), class: 'cumulative' }));
  const label = (x, y, text, anchor) => svg.append(node('text', { x, y, 'text-anchor': anchor, class: 'chart-label' }, text));
  label(pad.left - 6, pad.top + 4, String(most), 'end');
  label(pad.left - 6, pad.top + plotH, '0', 'end');
  label(pad.left + plotW + 6, pad.top + 4, String(running), 'start');
  label(pad.left, height - 10, all[0].date, 'start');
  if (all.length > 1) {
    label(pad.left + plotW, height - 10, all[all.length - 1].date, 'end');
  }
  return el('figure', { class: 'chart' }, svg,
    el('figcaption', { class: 'muted' }, t('organiser.report.chartCaption', { days: all.length, tickets: running })));
}

function node(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

/** Downloads `path` (a text/csv answer that needs the token) as a file named `name`. */
export async function download(path, token, name) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv' }, cache: 'no-store' });
  if (!response.ok) {
    let detail = '';
    try {
      detail = (await response.json()).detail || '';
    } catch {
      // not a problem body
    }
    throw new Error(detail || t('organiser.report.csvFailed', { status: response.status }));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
