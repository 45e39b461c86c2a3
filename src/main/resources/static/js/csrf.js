// Sends the page's CSRF token with every htmx request, as the storefront's security expects of
// anything that is not a plain form post (forms carry it in a hidden field).
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header && token.content) {
    event.detail.headers[header.content] = token.content;
  }
});
