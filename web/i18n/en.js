// English texts of the pages, by key (see web/i18n.js). Keys are namespaced by page: "common.", "buyer.", "door.".
export default {
  'common.language': 'Language',
  'common.language.en': 'English',
  'common.language.it': 'Italiano',
  'buyer.tickets.download': 'Download tickets (PDF)',
};
