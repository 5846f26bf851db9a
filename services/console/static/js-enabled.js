// As NHS.UK frontend's page template does, without an inline script (the CSP forbids those).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
