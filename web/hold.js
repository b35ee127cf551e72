// The hold panel: the held seats, the amount, when the hold ends (its clock time and a live countdown, both from the
// hold's expiresAt as the server last answered it), Release, the buyer's name and e-mail and Pay when the server
// offers payment providers; while a payment is under way, its state, the provider's page and a way to give up; once
// paid, the order's code.

import { $, el, clockTime, countdown, money, seatName, isWebUrl } from './util.js';
import { has, parts, t, tn } from './i18n.js';

/** A payment provider's name in the page's language where the dictionary has one (a brand stays as the server says). */
export function providerName(provider) {
  const key = `buyer.provider.${provider.id}`;
  return has(key) ? t(key) : provider.name || provider.id;
}

/** A hold's status as the buyer reads it ("Active", "Attiva"); an unknown one as the server says it. */
function statusText(status) {
  return has(`buyer.hold.status.${status}`) ? t(`buyer.hold.status.${status}`) : status;
}

export class HoldView {
  /**
   * @param onRelease () => void
   * @param onPay (providerId) => void
   * @param onCancelPayment () => void, to give up the payment under way (the hold stays)
   * @param onClose () => void, to dismiss a paid hold and pick other seats
   * @param onExpire () => void, once, when the countdown of an ACTIVE hold reaches zero
   * @param now () => the server's time in ms (the browser's clock corrected for skew)
   */
  constructor(root, { onRelease, onPay, onCancelPayment, onClose, onExpire, now = () => Date.now() }) {
    this.root = root;
    this.onExpire = onExpire;
    this.now = now;
    this.hold = null;
    this.timer = null;
    this.announced = new Set();
    this.shownWith = {};
    this.#timerText();
    $('#release', root).addEventListener('click', () => onRelease());
    $('#hold-close', root).addEventListener('click', () => onClose());
    $('#payment-cancel', root).addEventListener('click', () => onCancelPayment());
    $('#pay-button', root).addEventListener('click', () => {
      const chosen = root.querySelector('input[name="provider"]:checked');
      if (chosen) {
        onPay(chosen.value);
      }
    });
  }

  get shown() {
    return !this.root.hidden;
  }

  hide() {
    this.hold = null;
    this.root.hidden = true;
    delete this.root.dataset.holdId;
    delete this.root.dataset.status;
    this.#stopTimer();
  }

  /**
   * @param hold the API's hold
   * @param providers [{id, name}] or null when the server takes no payments
   * @param payment the hold's payment ({id, status, approvalUrl, failureReason, provider}) or null
   * @param busy a request is in flight: actions are disabled
   */
  show(hold, { providers = null, payment = null, busy = false } = {}) {
    const fresh = this.hold?.id !== hold.id;
    this.hold = hold;
    this.shownWith = { providers, payment, busy };
    if (fresh) {
      this.announced.clear();
    }
    const active = hold.status === 'ACTIVE';
    this.root.hidden = false;
    this.root.dataset.holdId = hold.id;
    this.root.dataset.status = hold.status;

    $('#hold-title', this.root).textContent = t(hold.status === 'PAID' ? 'buyer.hold.title.paid' : 'buyer.hold.title');
    $('#hold-status', this.root).textContent = statusText(hold.status);
    $('#hold-status', this.root).dataset.status = hold.status;
    $('#hold-timer', this.root).hidden = !active;
    const seats = [...(hold.seats || [])];
    const seatNames = seats.map((seat) => seatName(seat.id)).join(', ');
    $('#hold-seat-names', this.root).textContent = seats.length <= 3 ? seatNames
      : tn('buyer.seats.count', seats.length, { seats: seatNames });
    $('#hold-seats', this.root).replaceChildren(...seats.map((seat) =>
      el('li', { dataset: { seat: seat.id } }, el('span', {}, seatName(seat.id)), el('span', { class: 'price' }, money(seat.price, hold.currency)))));
    $('#hold-amount', this.root).textContent = money(hold.amount, hold.currency);

    const paying = payment?.status === 'PENDING' || payment?.status === 'SUCCESS';
    const payable = active && !!providers?.length && !paying;
    const release = $('#release', this.root);
    release.hidden = !active || payment?.status === 'SUCCESS';
    release.disabled = busy;
    $('#hold-close', this.root).hidden = active;
    const order = hold.status === 'PAID' ? payment?.orderCode : null;
    $('#order', this.root).hidden = !order;
    $('#order-code', this.root).textContent = order || '';
    this.#showPay(payable, providers, busy);
    this.#showPayment(payment, busy);

    if (active) {
      this.#startTimer();
    } else {
      this.#stopTimer();
    }
  }

  /** Shows the hold again as it was last shown, in the page's language now (after a 'langchange'). */
  retell() {
    this.#timerText();
    if (this.hold) {
      $('#hold-until', this.root).textContent = '';
      $('#countdown', this.root).textContent = '';
      delete $('#provider-options', this.root).dataset.ids;
      this.show(this.hold, this.shownWith);
    }
  }

  /** "held until {until} · {left} left", the two <time> elements kept as they are (the countdown updates them). */
  #timerText() {
    $('#hold-timer', this.root).replaceChildren(...parts('buyer.hold.timer',
      { until: $('#hold-until', this.root), left: $('#countdown', this.root) }));
  }

  /**
   * The clock time, on this browser's clock, at which the hold ends: the one the panel shows beside the countdown,
   * so a message that names it says the same (both come from `expiresAt` and `now`).
   */
  until(hold = this.hold) {
    return hold ? clockTime(Date.parse(hold.expiresAt) - (this.now() - Date.now())) : '';
  }

  /** The buyer as typed, or null after telling what is missing (the field with the problem gets the focus). */
  buyer() {
    for (const input of [$('#buyer-name', this.root), $('#buyer-email', this.root)]) {
      input.value = input.value.trim();
      if (!input.checkValidity()) {
        input.focus();
        return { problem: () => t(input.id === 'buyer-name' ? 'buyer.buyer.name.missing' : 'buyer.buyer.email.missing') };
      }
    }
    return { name: $('#buyer-name', this.root).value, email: $('#buyer-email', this.root).value };
  }

  /** Fills the buyer's fields left empty (the buyer the page remembers from the last payment). */
  prefillBuyer(buyer) {
    if (buyer?.name && !$('#buyer-name', this.root).value) {
      $('#buyer-name', this.root).value = buyer.name;
    }
    if (buyer?.email && !$('#buyer-email', this.root).value) {
      $('#buyer-email', this.root).value = buyer.email;
    }
  }

  /** Where focus goes after holding: the first empty buyer field, else Pay, when Pay is offered; else the panel. */
  focusTarget() {
    const pay = $('#pay-button', this.root);
    if (pay.hidden) {
      return this.root;
    }
    return [$('#buyer-name', this.root), $('#buyer-email', this.root)].find((input) => !input.value.trim()) || pay;
  }

  #showPay(visible, providers, busy) {
    $('#pay', this.root).hidden = !visible;
    const button = $('#pay-button', this.root);
    button.hidden = !visible;
    button.disabled = busy;
    if (!visible) {
      return;
    }
    const options = $('#provider-options', this.root);
    const chosen = options.querySelector('input:checked')?.value;
    const ids = (providers || []).map((provider) => provider.id).join(',');
    if (options.dataset.ids !== ids) {
      options.dataset.ids = ids;
      options.replaceChildren(...providers.map((provider, index) => el('label', { class: 'check' },
        el('input', { type: 'radio', name: 'provider', value: provider.id, checked: chosen ? chosen === provider.id : index === 0 }),
        ` ${providerName(provider)}`)));
    }
    const single = providers.length === 1;
    $('#providers', this.root).hidden = single;
    const name = single ? providerName(providers[0]) : null;
    const amount = money(this.hold.amount, this.hold.currency);
    button.textContent = name ? t('buyer.pay.with', { amount, provider: name }) : t('buyer.pay', { amount });
  }

  #showPayment(payment, busy) {
    const box = $('#payment', this.root);
    // shown while it is under way; how it ended is the dock's message (and, when paid, the panel's own status)
    box.hidden = !payment || payment.status !== 'PENDING';
    if (box.hidden) {
      return;
    }
    box.dataset.status = payment.status;
    const status = $('#payment-status', this.root);
    status.textContent = t('buyer.payment.waiting');
    status.dataset.status = payment.status;
    $('#payment-text', this.root).textContent = t('buyer.payment.approve',
      { provider: payment.providerName || t('buyer.payment.provider') });
    const link = $('#approval-link', this.root);
    const open = isWebUrl(payment.approvalUrl || '');
    link.hidden = !open;
    if (open) {
      link.href = payment.approvalUrl;
    }
    $('#payment-cancel', this.root).disabled = busy;
  }

  #startTimer() {
    this.#tick();
    if (!this.timer) {
      this.timer = setInterval(() => this.#tick(), 250);
    }
  }

  #stopTimer() {
    clearInterval(this.timer);
    this.timer = null;
  }

  #tick() {
    const hold = this.hold;
    if (!hold || hold.status !== 'ACTIVE') {
      return;
    }
    const left = Date.parse(hold.expiresAt) - this.now();
    const time = $('#countdown', this.root);
    const text = countdown(left);
    if (time.textContent !== text) {
      time.textContent = text;
      time.dateTime = hold.expiresAt;
      time.classList.toggle('soon', left < 60_000);
    }
    const until = $('#hold-until', this.root);
    const clock = this.until(hold);
    if (until.textContent !== clock) {
      until.textContent = clock;
      until.dateTime = hold.expiresAt;
    }
    // Screen readers hear the time only when it matters, not every second.
    for (const minute of [5, 1]) {
      if (left <= minute * 60_000 && left > (minute * 60_000 - 5_000) && !this.announced.has(minute)) {
        this.announced.add(minute);
        $('#countdown-announcer', this.root).textContent = tn('buyer.hold.expiresIn', minute);
      }
    }
    if (left <= 0) {
      this.#stopTimer();
      this.onExpire();
    }
  }
}
