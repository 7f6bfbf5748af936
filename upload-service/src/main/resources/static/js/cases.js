import { api, t, table, link, number, day, dateTime, download, grouped, showIssued } from './portal.js';

const today = new Date().toISOString().substring(0, 10);
document.querySelector('#new-case [name=testDate]').value = today;

document.getElementById('new-case').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const created = await api('/api/v1/official/cases', { method: 'POST', json: {
      testDate: form.get('testDate'), symptomOnset: form.get('symptomOnset') || null, provinceCode: form.get('provinceCode') } });
    await showIssued(created);
    document.getElementById('issued-link').href = `/portal/cases/${created.caseId}`;
    loadCases(true);
  } catch (error) {
    alert(t('error', error.message));
  }
});

let bulkResults = [];
document.getElementById('bulk').addEventListener('submit', async event => {
  event.preventDefault();
  const file = new FormData(event.target).get('file');
  try {
    bulkResults = await api('/api/v1/official/cases/bulk', { method: 'POST', text: await file.text(), type: 'text/csv' });
  } catch (error) {
    alert(t('error', error.message));
    return;
  }
  const results = document.createElement('table');
  table(results, [
    [t('col.line'), r => r.line], [t('col.reference'), r => r.reference], [t('col.outcome'), r => t(`outcome.${r.outcome}`)],
    [t('col.code'), r => (r.verificationCode ? grouped(r.verificationCode) : '')],
    [t('col.expires'), r => (r.codeExpiresAt ? dateTime(r.codeExpiresAt) : '')],
    [t('col.detail'), r => (r.caseId ? link(`/portal/cases/${r.caseId}`, r.caseId.substring(0, 8)) : r.error)],
  ], bulkResults);
  document.getElementById('bulk-results').replaceChildren(results);
  document.getElementById('bulk-download').hidden = false;
  loadCases(true);
});
document.getElementById('bulk-download').addEventListener('click', () => download('bulk-results', bulkResults, 'csv'));

let before = null;
const list = document.getElementById('case-list');
let shown = [];

async function loadCases(fresh) {
  const form = new FormData(document.getElementById('filters'));
  const query = new URLSearchParams({ limit: 50 });
  for (const name of ['province', 'testedFrom', 'testedTo', 'status']) {
    if (form.get(name)) query.set(name, form.get(name));
  }
  if (fresh) { before = null; shown = []; }
  if (before) query.set('before', before);
  try {
    const page = await api(`/api/v1/official/cases?${query}`);
    shown = shown.concat(page.cases);
    before = page.nextBefore;
    document.getElementById('more').hidden = !before;
    table(list, [
      [t('col.case'), c => link(`/portal/cases/${c.caseId}`, c.caseId.substring(0, 8))],
      [t('col.province'), c => c.provinceCode], [t('col.tested'), c => day(c.testDate)],
      [t('col.status'), c => { const s = document.createElement('span'); s.className = 'badge'; s.textContent = t(`status.${c.status}`); return s; }],
      [t('col.f1'), c => number(c.f1Count)], [t('col.f2'), c => number(c.f2Count)],
    ], shown);
  } catch (error) {
    list.replaceChildren(document.createTextNode(t('error', error.message)));
  }
}

document.getElementById('filters').addEventListener('submit', event => { event.preventDefault(); loadCases(true); });
document.getElementById('more').addEventListener('click', () => loadCases(false));
loadCases(true);
