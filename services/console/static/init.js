// Progressive enhancement only: every page works without JavaScript.
if (window.DKFDS) { window.DKFDS.init(); }
