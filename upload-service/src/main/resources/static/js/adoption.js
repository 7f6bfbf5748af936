import { api, t, table, number, percent, day, download, show, locale } from './portal.js';

const main = document.getElementById('main');
const national = main.dataset.national === 'true';
const dayInput = document.querySelector('#day [name=date]');
const data = { table: [], share: [], trend: [] };
let shareChart;
let trendChart;

function trendCell(p) {
  const span = document.createElement('span');
  span.className = `trend-${p.trend}`;
  span.textContent = `${t(`trend.${p.trend}`)} (${p.percentOfPopulationChange7Days > 0 ? '+' : ''}${percent(p.percentOfPopulationChange7Days)})`;
  return span;
}

function render(adoption) {
  const rows = adoption.provinces.slice().sort((a, b) => a.rank - b.rank);
  data.table = rows;
  data.share = rows.map(p => ({ provinceCode: p.provinceCode, name: p.name, percentOfPopulation: p.percentOfPopulation }));
  const element = document.getElementById('adoption-table');
  table(element, [
    [t('col.rank'), p => (p.provinceCode ? `${p.rank}/${p.provinceCount}` : '')],
    [t('col.name'), p => p.name], [t('col.population'), p => number(p.population)],
    [t('col.registered'), p => number(p.registered)], [t('col.new'), p => number(p.newRegistrations)],
    [t('col.active7'), p => number(p.active7Days)], [t('col.percentPopulation'), p => percent(p.percentOfPopulation)],
    [t('col.smartphones'), p => number(p.smartphones)], [t('col.percentSmartphones'), p => percent(p.percentOfSmartphones)],
    [t('col.trend'), p => (p.trend ? trendCell(p) : '')],
  ], rows.concat([{ ...adoption.national, name: t('national'), total: true }]),
  p => (p.total ? 'total' : national ? '' : 'mine'));
  element.querySelectorAll('tbody tr').forEach((tr, i) => { if (rows[i]) tr.dataset.province = rows[i].provinceCode; });
  const asOf = document.getElementById('active-as-of');
  asOf.textContent = adoption.activeAsOf ? asOf.dataset.template.replace('{0}', day(adoption.activeAsOf)) : '';

  const labels = rows.map(p => p.name);
  const line = (value, label, color) => ({ type: 'line', label, data: labels.map(() => value), borderColor: color,
    borderDash: [6, 4], pointRadius: 0, borderWidth: 2 });
  shareChart?.destroy();
  shareChart = new window.Chart(document.getElementById('share-chart'), {
    type: 'bar',
    data: { labels, datasets: [{ label: t('percentOfPopulation'), data: rows.map(p => p.percentOfPopulation),
      backgroundColor: '#0b63b6' }, line(40, t('target40'), '#127a3a'), line(60, t('target60'), '#b42318')] },
    options: { maintainAspectRatio: false, animation: false, locale, scales: { y: { beginAtZero: true, suggestedMax: 65 } } },
  });
}

async function renderTrend(adoption) {
  const picked = adoption.provinces.slice().sort((a, b) => a.rank - b.rank).slice(0, national ? 5 : 10)
    .map(p => p.provinceCode);
  const end = new Date(`${adoption.date}T00:00:00Z`);
  const days = Array.from({ length: 14 }, (_, i) => new Date(end.getTime() - (13 - i) * 86_400_000).toISOString().substring(0, 10));
  const figures = await Promise.all(days.map(d => api(`/api/v1/official/adoption?date=${d}`)));
  data.trend = figures.flatMap(f => f.provinces.filter(p => picked.includes(p.provinceCode))
    .map(p => ({ date: f.date, provinceCode: p.provinceCode, name: p.name, percentOfPopulation: p.percentOfPopulation })));
  const palette = ['#0b63b6', '#e07b00', '#127a3a', '#b42318', '#6b3fa0', '#00838f', '#8d6e63', '#546e7a', '#c2185b', '#7cb342'];
  trendChart?.destroy();
  trendChart = new window.Chart(document.getElementById('trend-chart'), {
    type: 'line',
    data: { labels: days.map(day), datasets: picked.map((code, i) => ({
      label: figures[figures.length - 1].provinces.find(p => p.provinceCode === code).name,
      data: figures.map(f => f.provinces.find(p => p.provinceCode === code).percentOfPopulation),
      borderColor: palette[i % palette.length], tension: 0.2 })) },
    options: { maintainAspectRatio: false, animation: false, locale, scales: { y: { beginAtZero: true } } },
  });
}

async function load() {
  try {
    const adoption = await api(`/api/v1/official/adoption?date=${dayInput.value}`);
    render(adoption);
    main.dataset.loaded = adoption.date;
    await renderTrend(adoption);
  } catch (error) {
    document.getElementById('adoption-table').replaceChildren(document.createTextNode(t('error', error.message)));
  }
}

async function loadReports() {
  const days = await api('/api/v1/official/adoption/reports?limit=14');
  const lang = document.documentElement.lang;
  document.getElementById('reports').replaceChildren(...days.map(d => {
    const li = document.createElement('li');
    li.append(document.createTextNode(`${day(d)}: `));
    for (const format of ['csv', 'xlsx']) {
      const a = document.createElement('a');
      a.href = `/api/v1/official/adoption/report/${d}.${format}?lang=${lang}`;
      a.textContent = format.toUpperCase();
      li.append(a, document.createTextNode(' '));
    }
    return li;
  }));
}

document.getElementById('day').addEventListener('submit', event => { event.preventDefault(); load(); });
document.querySelectorAll('[data-download]').forEach(button => button.addEventListener('click', () => {
  const [which, format] = button.dataset.download.split('-');
  download(`bluezone-${which}-${dayInput.value}`, data[which], format);
}));
const smartphones = document.getElementById('smartphones');
if (smartphones) {
  smartphones.querySelector('[name=asOf]').value = dayInput.value;
  smartphones.addEventListener('submit', async event => {
    event.preventDefault();
    const form = new FormData(smartphones);
    const result = document.getElementById('smartphones-result');
    try {
      const stored = await api(`/api/v1/official/adoption/smartphones?asOf=${form.get('asOf')}`, { method: 'PUT',
        text: await form.get('file').text(), type: 'text/csv' });
      show(result, `${t('saved')} ${number(stored.provinces)} / ${number(stored.smartphones)}`);
      load();
    } catch (error) {
      show(result, t('error', error.message), true);
    }
  });
}
load();
loadReports().catch(() => {});
