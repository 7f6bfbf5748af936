// Shared by every portal page: strings, the API with the session's CSRF token, locale formats, tables.
export const strings = JSON.parse(document.getElementById('strings').textContent || '{}');
export const locale = document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN';

export function t(key, ...args) {
  let text = strings[key] ?? key;
  args.forEach((arg, i) => { text = text.replace(`{${i}}`, arg); });
  return text;
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('BZ_CSRF='));
  return cookie ? decodeURIComponent(cookie.substring('BZ_CSRF='.length)) : '';
}

/** Calls the API as the signed-in official; throws an Error with the problem's detail when refused. */
export async function api(path, { method = 'GET', json, text, type, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  let body;
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (text !== undefined) { headers['Content-Type'] = type || 'text/plain'; body = text; }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (response.status === 401) { window.location.assign('/portal/login'); throw new Error('signed out'); }
  if (!response.ok) {
    let detail = response.statusText;
    try { const problem = await response.json(); detail = problem.detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(detail);
  }
  if (response.status === 204) return null;
  const contentType = response.headers.get('Content-Type') || '';
  if (contentType.includes('json')) return response.json();
  return contentType.startsWith('image/') ? response.blob() : response.text();
}

const numbers = new Intl.NumberFormat(locale);
const percents = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const number = n => (n === null || n === undefined ? '–' : numbers.format(n));
export const percent = n => (n === null || n === undefined ? '–' : `${percents.format(n)} %`);
export const dateTime = iso => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' })
  .format(new Date(iso)) : t('timeline.pending'));
export const day = iso => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  .format(new Date(`${iso}T00:00:00Z`)) : '–');

/** A code of 12 digits as three groups of four, easier to read out. */
export const grouped = code => code.replace(/(\d{4})(?=\d)/g, '$1 ');

/** Fills a table: columns are [heading, cell(row) → text or Node]; text only, never HTML. */
export function table(element, columns, rows, rowClass) {
  element.replaceChildren();
  const head = element.createTHead().insertRow();
  columns.forEach(([heading]) => { const th = document.createElement('th'); th.textContent = heading; head.append(th); });
  const body = element.createTBody();
  if (rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = columns.length;
    cell.textContent = t('none');
  }
  rows.forEach(row => {
    const tr = body.insertRow();
    if (rowClass) tr.className = rowClass(row) || '';
    columns.forEach(([, value]) => {
      const cell = tr.insertCell();
      const content = value(row);
      if (content instanceof Node) cell.append(content); else cell.textContent = content ?? '';
    });
  });
}

export function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

/** Saves data the page holds as a file (CSV written by Papa Parse). */
export function download(name, rows, format) {
  const content = format === 'csv' ? `\uFEFF${window.Papa.unparse(rows)}` : JSON.stringify(rows, null, 2);
  const blob = new Blob([content], { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${name}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function show(element, message, isError) {
  element.textContent = message;
  element.className = isError ? 'error' : 'ok';
}

/** Shows a code issued just now: grouped digits, expiry, and its QR code (drawn by the server). */
export async function showIssued(created) {
  document.getElementById('issued').hidden = false;
  const code = document.getElementById('issued-code');
  code.textContent = grouped(created.verificationCode);
  code.dataset.code = created.verificationCode;
  document.getElementById('issued-expires').textContent = dateTime(created.codeExpiresAt);
  const form = new URLSearchParams({ code: created.verificationCode });
  const png = await api('/portal/qr', { method: 'POST', text: form.toString(), type: 'application/x-www-form-urlencoded',
    accept: 'image/png' });
  document.getElementById('issued-qr').src = URL.createObjectURL(png);
}

// The sign-out form posts with the CSRF token, which a plain form cannot send.
document.querySelectorAll('form[data-csrf-form]').forEach(form => form.addEventListener('submit', async event => {
  event.preventDefault();
  await fetch(form.action, { method: 'POST', headers: { 'X-CSRF-Token': csrfToken() }, credentials: 'same-origin' });
  window.location.assign('/portal/login');
}));
