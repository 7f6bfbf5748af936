import { api, t, number, dateTime, day, showIssued } from './portal.js';

const main = document.getElementById('main');
const caseId = main.dataset.caseId;
// The page is never reloaded to update: this stays as it was when the page was loaded.
main.dataset.loadedAt = String(Date.now());

const graph = window.cytoscape({
  container: document.getElementById('tree'),
  style: [
    { selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'font-size': 11, 'text-valign': 'bottom',
      'text-margin-y': 4, width: 26, height: 26, 'background-color': '#5b6675' } },
    { selector: 'node.F0', style: { 'background-color': '#b42318', width: 34, height: 34 } },
    { selector: 'node.F1', style: { 'background-color': '#e07b00' } },
    { selector: 'node.F2', style: { 'background-color': '#f2c230' } },
    { selector: 'edge', style: { width: 2, 'line-color': '#c3ccd6', 'target-arrow-shape': 'triangle',
      'target-arrow-color': '#c3ccd6', 'curve-style': 'bezier' } },
  ],
  layout: { name: 'preset' },
  userZoomingEnabled: true,
});
window.bluezoneGraph = graph; // for the browser test and for curious officials

let version = '';

function updateTree(contacts) {
  const next = JSON.stringify(contacts);
  if (next === version) return;
  version = next;
  const label = c => `${c.level} · ${day(c.exposureDate)}\n${t('minutes', number(Math.round(c.weightedMinutes)))}`;
  const elements = [{ data: { id: 'f0', label: 'F0' }, classes: 'F0' }];
  contacts.forEach(c => elements.push({ data: { id: c.deviceId, label: label(c) }, classes: c.level }));
  contacts.forEach(c => {
    const source = c.level === 'F2' && c.viaDeviceId && contacts.some(o => o.deviceId === c.viaDeviceId) ? c.viaDeviceId : 'f0';
    elements.push({ data: { id: `${source}-${c.deviceId}`, source, target: c.deviceId } });
  });
  graph.elements().remove();
  graph.add(elements);
  graph.layout({ name: 'breadthfirst', directed: true, roots: '#f0', spacingFactor: 1.1, animate: false }).run();
  graph.fit(undefined, 40);
  if (graph.zoom() > 1.5) { graph.zoom(1.5); graph.center(); } // a small tree stays at reading size
}

function updateTimeline(summary) {
  const steps = [['openedAt', summary.openedAt], ['codeRedeemedAt', summary.codeRedeemedAt],
    ['keysUploadedAt', summary.keyUploads.find(u => u.level === 'F0')?.publishedAt],
    ['firstF1FoundAt', summary.firstF1FoundAt], ['firstAlertDeliveredAt', summary.firstAlertDeliveredAt]];
  const items = steps.map(([key, at]) => {
    const li = document.createElement('li');
    li.className = at ? 'done' : 'pending';
    li.dataset.step = key;
    const when = document.createElement('time');
    when.textContent = dateTime(at);
    li.append(document.createTextNode(t(`timeline.${key}`)), when);
    return li;
  });
  document.getElementById('timeline').replaceChildren(...items);
}

async function refresh() {
  try {
    const [summary, contacts] = await Promise.all([api(`/api/v1/official/cases/${caseId}`),
      api(`/api/v1/official/cases/${caseId}/contacts`)]);
    document.getElementById('f1-count').textContent = number(summary.f1Count);
    document.getElementById('f2-count').textContent = number(summary.f2Count);
    document.getElementById('status').textContent = t(`status.${summary.status}`);
    updateTimeline(summary);
    updateTree(contacts.contacts);
  } catch (error) {
    document.getElementById('status').textContent = t('error', error.message);
  }
}

document.getElementById('new-code').addEventListener('click', async () => {
  try {
    await showIssued(await api(`/api/v1/official/cases/${caseId}/codes`, { method: 'POST' }));
  } catch (error) {
    alert(t('error', error.message));
  }
});
document.getElementById('expire-codes').addEventListener('click', async () => {
  if (!window.confirm(t('confirmExpire'))) return;
  try {
    await api(`/api/v1/official/cases/${caseId}/codes`, { method: 'DELETE' });
    document.getElementById('issued').hidden = true;
  } catch (error) {
    alert(t('error', error.message));
  }
});

refresh();
setInterval(refresh, 3000);
