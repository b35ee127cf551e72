// Testi italiani delle pagine, per chiave (vedi web/i18n.js). Le chiavi sono raggruppate per pagina: "common.",
// "buyer.", "door.". Una chiave che manca qui si mostra in inglese.
export default {
  'common.language': 'Lingua',
  'common.language.en': 'English',
  'common.language.it': 'Italiano',
  'buyer.tickets.download': 'Scarica i biglietti (PDF)',
};
