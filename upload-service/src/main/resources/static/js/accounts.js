import { api, t, table, show } from './portal.js';

const form = document.getElementById('account');
const submit = document.getElementById('account-submit');
const createLabel = submit.textContent;
let editing = null;

async function load() {
  const accounts = await api('/api/v1/official/accounts');
  table(document.getElementById('accounts'), [
    [t('col.username'), a => a.username], [t('col.displayName'), a => a.displayName || ''],
    [t('col.roles'), a => a.roles.join(', ')], [t('col.provinces'), a => a.provinces.join(', ')],
    [t('col.state'), a => (a.disabledAt ? t('disabled') : t('active'))],
    ['', a => {
      const cell = document.createElement('span');
      const edit = document.createElement('button');
      edit.type = 'button';
      edit.textContent = t('edit');
      edit.addEventListener('click', () => startEditing(a));
      const toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.textContent = a.disabledAt ? t('enable') : t('disable');
      toggle.className = a.disabledAt ? '' : 'danger';
      toggle.addEventListener('click', () => change(a.username, { disabled: !a.disabledAt }));
      cell.append(edit, document.createTextNode(' '), toggle);
      return cell;
    }],
  ], accounts);
}

function startEditing(account) {
  editing = account.username;
  form.username.value = account.username;
  form.username.disabled = true;
  form.displayName.value = account.displayName || '';
  form.password.value = '';
  form.querySelectorAll('[name=roles]').forEach(box => { box.checked = account.roles.includes(box.value); });
  [...form.provinces.options].forEach(option => { option.selected = account.provinces.includes(option.value); });
  submit.textContent = submit.dataset.save;
}

async function change(username, body) {
  const result = document.getElementById('account-result');
  try {
    await api(`/api/v1/official/accounts/${encodeURIComponent(username)}`, { method: 'PATCH', json: body });
    show(result, t('saved'));
    await load();
  } catch (error) {
    show(result, t('error', error.message), true);
  }
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const roles = [...form.querySelectorAll('[name=roles]:checked')].map(box => box.value);
  const provinces = [...form.provinces.selectedOptions].map(option => option.value);
  const body = { displayName: form.displayName.value || null, roles, provinces };
  if (form.password.value) body.password = form.password.value;
  if (editing) {
    await change(editing, body);
    editing = null;
    form.username.disabled = false;
    submit.textContent = createLabel;
    form.reset();
    return;
  }
  const result = document.getElementById('account-result');
  try {
    await api('/api/v1/official/accounts', { method: 'POST', json: { ...body, username: form.username.value } });
    show(result, t('saved'));
    form.reset();
    await load();
  } catch (error) {
    show(result, t('error', error.message), true);
  }
});
load();
