// Paying for a hold: the providers on offer, starting a payment for the buyer (name and e-mail, for the order; the
// provider's page opens in a new tab), following it to SUCCESS (the order's code) or FAILED, giving up, and the tab
// the provider sends the buyer back to (`/?payment=<id>&result=approved|cancelled`), which is signed in (the sign-in
// is in localStorage) and shows how it went: the tickets, or the hold again with a way to pay again.
//
// The hold's end moves while paying (the first payment adds the payment grace; an approval the time to capture), and
// a payment's answer does not carry it: after starting, cancelling or ending a payment, and every few polls, the hold
// is read again, so the countdown and every "held until" are the server's.

import { isWebUrl, money, names, newKey, shared, sleep } from './util.js';
import { clearError, report, say, showError } from './messages.js';
import { has, lang, t } from './i18n.js';
import { providerName } from './hold.js';

const POLL_MS = 1000;
const HOLD_EVERY = 5;                 // while a payment is followed, the hold is read again every this many polls
const BUYER_KEY = 'ticketing.buyer';  // the last buyer, to fill the fields next time

export class Checkout {
  /**
   * @param api the page's Api
   * @param state the page's state: session, hold, payment, providers (this class keeps payment, watching, ended,
   *   returnedFor, payKey and providers up to date)
   * @param page what the page does for it: activeHold(), showHold(hold), loadHold(id), until(hold) (the clock time
   *   the hold panel shows), buyer() ({name, email} or {problem}), focusHold(), refreshMap(),
   *   openTickets(holdId), loadTickets({quiet, highlight}), ticketsOpen(), showEvent(id), setBusy(busy), renderActions()
   */
  constructor(api, state, page) {
    this.api = api;
    this.state = state;
    this.page = page;
    this.providersLoaded = Promise.resolve();
  }

  /** Pay is offered only when the server lists providers; a 404 means it takes no payments (yet). */
  loadProviders() {
    this.providersLoaded = (async () => {
      try {
        const answer = await this.api.get('/payment-providers', { accept: [404, 405, 501] });
        this.state.providers = answer.status === 200 && Array.isArray(answer.data?.providers) && answer.data.providers.length > 0
          ? answer.data.providers : null;
      } catch {
        this.state.providers = null;
      }
      this.page.renderActions();
    })();
    return this.providersLoaded;
  }

  providerName(id) {
    const provider = this.state.providers?.find((candidate) => candidate.id === id);
    return provider ? providerName(provider) : (id === 'PAYPAL' ? 'PayPal' : t('buyer.payment.provider'));
  }

  async pay(provider) {
    const { state, page } = this;
    const hold = page.activeHold();
    if (!hold) {
      return;
    }
    clearError();
    const buyer = page.buyer();
    if (buyer.problem) {
      showError(buyer.problem);
      return;
    }
    shared.set(BUYER_KEY, buyer);
    // Opened now, while the click still counts as the user's: a window opened after the request would be blocked.
    const tab = window.open('', '_blank');
    state.payKey ||= newKey();
    page.setBusy(true);
    try {
      // the page's language is the order's: its confirmation mail and PDF are written in it
      const answer = await this.api.post(`/holds/${encodeURIComponent(hold.id)}/payments`,
        { provider, buyer: { ...buyer, language: lang() } },
        { headers: { 'Idempotency-Key': state.payKey } });
      this.#started(answer.data, tab);
    } catch (error) {
      tab?.close();
      const problem = error.problem || {};
      const inFlight = problem.paymentId || problem.payment?.id;
      if (error.status === 409 && inFlight) {
        say(() => t('buyer.payment.underWay'));
        this.#started(problem.payment?.id ? problem.payment : { id: inFlight, status: 'PENDING' }, null);
      } else {
        if (error.status >= 400 && error.status < 500) {
          state.payKey = null;   // nothing started: a corrected buyer is a new request, not a reuse of the key
        }
        report(error);
      }
    } finally {
      page.setBusy(false);
    }
    await page.loadHold(hold.id);   // starting a payment extends the hold by its grace: the countdown learns it now
  }

  /** The buyer the page remembers from the last payment in this browser, to fill the fields. */
  rememberedBuyer() {
    return shared.get(BUYER_KEY);
  }

  #started(payment, tab) {
    const { state, page } = this;
    state.payment = { ...payment, providerName: this.providerName(payment.provider) };
    page.showHold(state.hold);
    const link = document.getElementById('approval-link');
    if (!link.hidden) {
      link.focus();   // Pay is gone; the way back to the provider's page is the next thing to reach
    }
    if (tab && isWebUrl(payment.approvalUrl || '')) {
      tab.opener = null;
      tab.location.replace(payment.approvalUrl);
      const provider = state.payment.providerName;
      say(() => t('buyer.payment.opened', { provider }));
    } else if (isWebUrl(payment.approvalUrl || '')) {
      const provider = state.payment.providerName;
      say(() => t('buyer.payment.open', { provider }));
    }
    this.watch(payment.id);
  }

  /** Gives up the payment under way; the hold stays. */
  async cancel() {
    const { state, page } = this;
    const payment = state.payment;
    if (!payment || payment.status !== 'PENDING') {
      return;
    }
    page.setBusy(true);
    try {
      const answer = await this.api.post(`/payments/${encodeURIComponent(payment.id)}/cancel`, {}, { accept: [409] });
      if (answer.status === 200 && state.payment?.id === payment.id) {
        await this.ended({ ...state.payment, ...answer.data }, { cancelledHere: true });
      }
    } catch (error) {
      report(error);
    } finally {
      page.setBusy(false);
    }
  }

  /** Follows a payment to SUCCESS or FAILED; one follower per payment. */
  async watch(paymentId) {
    const { state, page } = this;
    if (state.watching === paymentId) {
      return;
    }
    state.watching = paymentId;
    let first = true;
    let polls = 0;
    while (state.watching === paymentId && state.payment?.id === paymentId && state.payment.status === 'PENDING') {
      if (!first) {
        await sleep(POLL_MS);
      }
      first = false;
      if (state.watching !== paymentId || state.payment?.id !== paymentId) {
        return;
      }
      try {
        const answer = await this.api.get(`/payments/${encodeURIComponent(paymentId)}`);
        if (state.payment?.id !== paymentId) {
          return;
        }
        state.payment = { ...state.payment, ...answer.data, providerName: this.providerName(answer.data.provider) };
      } catch (error) {
        if (error.status === 404 || error.status === 403) {
          state.payment = null;
          report(error);
        }
        continue;
      }
      if (state.payment.status === 'PENDING') {
        if (++polls % HOLD_EVERY === 0 && state.hold?.id === state.payment.holdId) {
          await page.loadHold(state.hold.id);   // an approval gives the hold time to capture
        } else {
          page.showHold(state.hold);
        }
      } else {
        await this.ended(state.payment);
      }
    }
    if (state.watching === paymentId) {
      state.watching = null;
    }
  }

  /** Shows how a payment ended, once: paid (the tickets), or not (why, and the hold again to pay or release). */
  async ended(payment, { cancelledHere = false } = {}) {
    const { state, page } = this;
    const outcome = `${payment.id}:${payment.status}`;
    const returned = state.returnedFor === payment.id;
    if (state.ended === outcome && !returned) {
      return;   // already shown (two followers saw the same end)
    }
    state.ended = outcome;
    state.payment = payment;
    state.watching = null;
    if (payment.status === 'SUCCESS') {
      clearError();
      const hold = state.hold;
      say(() => {
        const vars = { amount: money(payment.amount, payment.currency), code: payment.orderCode,
          seats: hold ? names(hold.seats.map((seat) => seat.id)) : t('buyer.payment.yourSeats') };
        return payment.orderCode ? t('buyer.payment.paid.order', vars) : t('buyer.payment.paid', vars);
      });
      if (hold) {
        page.showHold({ ...hold, status: 'PAID' });
      }
      page.refreshMap();
      if (returned) {
        state.returnedFor = null;
        page.openTickets(payment.holdId);   // the page the provider sent back shows what was bought, and reads it out
      } else {
        await page.loadTickets({ quiet: !page.ticketsOpen(), highlight: payment.holdId });
      }
      return;
    }
    state.payKey = null;
    if (state.hold) {
      page.showHold(state.hold);
    }
    // the hold as the server has it now (its grace included), before any text names its end
    const hold = page.activeHold() ? await page.loadHold(page.activeHold().id) : null;
    const held = hold?.status === 'ACTIVE' ? hold : null;
    if (payment.failureCode === 'CANCELLED') {
      clearError();
      const provider = payment.providerName || this.providerName(payment.provider);
      const what = () => (cancelledHere ? t('buyer.payment.cancelled') : t('buyer.payment.cancelledAt', { provider }));
      if (held || !hold) {
        say(() => (held ? `${what()} ${t('buyer.payment.stillHeld', { until: page.until(held) })}` : what()));
      }
    } else {
      say('');
      showError(() => failureText(payment));
    }
    if (returned) {
      state.returnedFor = null;
      page.focusHold();
    }
  }

  /**
   * The provider sent the buyer back here. Shows the payment's event and hold, tells the server at once about a
   * cancel, and follows the payment to its end, which shows the tickets or the hold again.
   */
  async returned({ paymentId, result }) {
    const { state, page } = this;
    state.returnedFor = paymentId;
    await this.providersLoaded;
    let payment;
    try {
      payment = (await this.api.get(`/payments/${encodeURIComponent(paymentId)}`)).data;
    } catch (error) {
      state.returnedFor = null;
      report(error);
      return;
    }
    if (payment.eventId && payment.eventId !== state.eventId && state.events.some((event) => event.id === payment.eventId)) {
      await page.showEvent(payment.eventId);
    }
    const name = this.providerName(payment.provider);
    state.payment = { ...payment, providerName: name };
    const hold = await page.loadHold(payment.holdId);
    if (!hold) {
      state.returnedFor = null;
      showError(() => t('buyer.payment.holdGone'));
      return;
    }
    if (state.payment.status === 'PENDING' && result === 'cancelled') {
      // tell the server at once (it would notice on the next read anyway); 409: approved after all, so follow it
      try {
        const answer = await this.api.post(`/payments/${encodeURIComponent(payment.id)}/cancel`, {}, { accept: [409] });
        if (answer.status === 200) {
          state.payment = { ...state.payment, ...answer.data };
        }
      } catch (error) {
        report(error);
      }
    }
    if (state.payment.status === 'PENDING') {
      say(() => t(result === 'approved' ? 'buyer.payment.confirming' : 'buyer.payment.waitingFor', { provider: name }));
      page.showHold(state.hold);
      this.watch(payment.id);
    } else {
      await this.ended(state.payment);
    }
  }
}

/**
 * Why a payment failed, as the buyer reads it: the dictionary's text for its `failureCode` (DECLINED, EXPIRED...),
 * else the server's `failureReason`.
 */
function failureText(payment) {
  const key = `buyer.payment.failure.${payment.failureCode}`;
  if (payment.failureCode && has(key)) {
    return t(key);
  }
  return payment.failureReason ? t('buyer.payment.failed.reason', { reason: payment.failureReason }) : t('buyer.payment.failed');
}
