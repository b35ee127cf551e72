// The hold panel: the held seats, the amount, a live countdown to expiresAt, Release, and Pay when the
// server offers payment providers.

import { $, el, countdown, money, seatName, isWebUrl } from './util.js';

const STATUS_TEXT = { ACTIVE: 'Active', RELEASED: 'Released', EXPIRED: 'Expired', PAID: 'Paid' };
const PAYMENT_TEXT = {
  PENDING: 'Waiting for the payment to be approved…',
  SUCCESS: 'Paid. Your tickets are confirmed.',
  FAILED: 'The payment failed.',
};

export class HoldView {
  /**
   * @param onRelease () => void
   * @param onPay (providerId) => void
   * @param onClose () => void, to dismiss a hold that has ended
   * @param onExpire () => void, once, when the countdown of an ACTIVE hold reaches zero
   * @param now () => the server's time in ms (the browser's clock corrected for skew)
   */
  constructor(root, { onRelease, onPay, onClose, onExpire, now = () => Date.now() }) {
    this.root = root;
    this.onExpire = onExpire;
    this.now = now;
    this.hold = null;
    this.timer = null;
    this.announced = new Set();
    $('#release', root).addEventListener('click', () => onRelease());
    $('#hold-close', root).addEventListener('click', () => onClose());
    $('#pay-button', root).addEventListener('click', () => {
      const chosen = root.querySelector('input[name="provider"]:checked');
      if (chosen) {
        onPay(chosen.value);
      }
    });
  }

  hide() {
    this.hold = null;
    this.root.hidden = true;
    this.#stopTimer();
  }

  /**
   * @param hold the API's hold
   * @param providers [{id, name}] or null when the server takes no payments
   * @param payment the hold's payment ({id, status, approvalUrl, failureReason}) or null
   * @param busy a request is in flight: actions are disabled
   */
  show(hold, { providers = null, payment = null, busy = false } = {}) {
    const fresh = this.hold?.id !== hold.id;
    this.hold = hold;
    if (fresh) {
      this.announced.clear();
    }
    const active = hold.status === 'ACTIVE';
    this.root.hidden = false;
    this.root.dataset.holdId = hold.id;
    this.root.dataset.status = hold.status;

    $('#hold-status', this.root).textContent = STATUS_TEXT[hold.status] || hold.status;
    $('#hold-status', this.root).dataset.status = hold.status;
    $('#hold-timer', this.root).hidden = !active;
    const seats = [...(hold.seats || [])];
    $('#hold-seats', this.root).replaceChildren(...seats.map((seat) =>
      el('li', { dataset: { seat: seat.id } }, el('span', {}, seatName(seat.id)), el('span', { class: 'price' }, money(seat.price, hold.currency)))));
    $('#hold-amount', this.root).textContent = money(hold.amount, hold.currency);

    const release = $('#release', this.root);
    release.hidden = !active;
    release.disabled = busy;
    $('#hold-close', this.root).hidden = active;

    this.#showPay(active && !!providers?.length && payment?.status !== 'PENDING' && payment?.status !== 'SUCCESS', providers, busy);
    this.#showPayment(payment);

    if (active) {
      this.#startTimer();
    } else {
      this.#stopTimer();
    }
  }

  #showPay(visible, providers, busy) {
    const pay = $('#pay', this.root);
    pay.hidden = !visible;
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
        ` ${provider.name || provider.id}`)));
    }
    $('#pay-button', this.root).disabled = busy;
  }

  #showPayment(payment) {
    const box = $('#payment', this.root);
    box.hidden = !payment;
    if (!payment) {
      return;
    }
    box.dataset.status = payment.status;
    const status = $('#payment-status', this.root);
    status.textContent = payment.status;
    status.dataset.status = payment.status;
    const reason = payment.status === 'FAILED' && payment.failureReason ? ` ${payment.failureReason}` : '';
    $('#payment-text', this.root).textContent = (PAYMENT_TEXT[payment.status] || '') + reason;
    const link = $('#approval-link', this.root);
    const open = payment.status === 'PENDING' && isWebUrl(payment.approvalUrl || '');
    link.hidden = !open;
    if (open) {
      link.href = payment.approvalUrl;
    }
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
    // Screen readers hear the time only when it matters, not every second.
    for (const minute of [5, 1]) {
      if (left <= minute * 60_000 && left > (minute * 60_000 - 5_000) && !this.announced.has(minute)) {
        this.announced.add(minute);
        $('#countdown-announcer', this.root).textContent = `Your hold expires in ${minute} minute${minute > 1 ? 's' : ''}.`;
      }
    }
    if (left <= 0) {
      this.#stopTimer();
      this.onExpire();
    }
  }
}
