import { api, t, table, dateTime } from './portal.js';

let events = [];
let next = null;

async function search(fresh) {
  const form = new FormData(document.getElementById('search'));
  const query = new URLSearchParams({ limit: 100 });
  for (const name of ['actor', 'target', 'action']) {
    if (form.get(name)) query.set(name, form.get(name));
  }
  if (form.get('from')) query.set('from', `${form.get('from')}T00:00:00Z`);
  if (form.get('to')) query.set('to', `${form.get('to')}T23:59:59Z`);
  if (fresh) { events = []; next = null; }
  if (next) query.set('before', next);
  const page = await api(`/api/v1/official/audit?${query}`);
  events = events.concat(page.events);
  next = page.nextBefore;
  document.getElementById('older').hidden = !next;
  table(document.getElementById('audit'), [
    [t('col.at'), e => dateTime(e.at)], [t('col.actor'), e => e.actor], [t('col.address'), e => e.clientAddress],
    [t('col.action'), e => e.action], [t('col.target'), e => e.target], [t('col.province'), e => e.provinceCode || ''],
    [t('col.detail'), e => e.detail || ''],
  ], events);
}

document.getElementById('search').addEventListener('submit', event => { event.preventDefault(); search(true); });
document.getElementById('older').addEventListener('click', () => search(false));
search(true);
