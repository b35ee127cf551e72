// The local stack's mailbox page: what GET /dev/mailbox lists, newest first, each mail's text and its attachments.
import { el } from './util.js';

async function load() {
  const box = document.getElementById('mails');
  try {
    const response = await fetch('/dev/mailbox', { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const { mails } = await response.json();
    if (mails.length === 0) {
      box.replaceChildren(el('p', { class: 'muted' }, 'No mail yet. Buy a ticket: its confirmation lands here.'));
      return;
    }
    box.replaceChildren(...mails.slice().reverse().map((mail) => el('article', { class: 'mail' },
      el('h2', {}, mail.subject || '(no subject)'),
      el('p', { class: 'muted' }, `To ${mail.to.join(', ')} · from ${mail.from.join(', ')} · ${mail.sentAt || ''}`),
      el('pre', { class: 'mail-text' }, mail.text || ''),
      el('ul', {}, mail.attachments.map((file) => el('li', {},
        el('a', { href: file.url, target: '_blank', rel: 'noopener' }, file.name), ` (${file.contentType})`))))));
  } catch (error) {
    box.replaceChildren(el('p', { class: 'error' }, `The mailbox cannot be read: ${error.message}`));
  }
}

document.getElementById('refresh').addEventListener('click', load);
load();
