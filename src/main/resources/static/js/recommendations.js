// Keeps the "Recommended for you" panel current: the shopper's recommendations are pushed over
// STOMP as Flink computes them, and each push swaps the panel's cards in through htmx.
(function () {
  'use strict';
  const panel = document.getElementById('recommended');
  if (!panel || !window.StompJs || !window.htmx) {
    return;
  }
  const show = (query) => htmx.ajax('GET', '/shop/recommended' + query, { target: '#recommended', swap: 'innerHTML' });
  const token = document.querySelector('meta[name="_csrf"]');
  const client = new StompJs.Client({
    brokerURL: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/shop/ws',
    connectHeaders: { 'X-CSRF-TOKEN': token ? token.content : '' },
    reconnectDelay: 2000,
  });
  client.onConnect = () => {
    client.subscribe('/user/queue/recommendations', (message) => {
      const recommendations = JSON.parse(message.body);
      panel.dataset.event = recommendations.eventId;
      show('?items=' + encodeURIComponent(recommendations.itemIds.join(',')));
    });
    // what was pushed for this click before the page was listening
    show('');
  };
  client.activate();
})();
