// Engram's script for the card page.  It runs in a private script world
// ("engram"), so the page's own content cannot call it or its message
// handler.  The app calls engram.show() with data (never with source code
// built from card text) and hears back through messageHandlers.engram.
(() => {
  'use strict';

  const post = (message) => window.webkit.messageHandlers.engram.postMessage(message);
  const $ = (id) => document.getElementById(id);

  // Reports once the frame that shows the change has been painted: the
  // animation frame callback runs just before that paint, the task queued
  // from it right after.
  function afterPaint(type, token) {
    requestAnimationFrame(() => setTimeout(() => post({ type, token }), 0));
  }

  function setHtml(element, html) {
    // The HTML comes from Engram's renderer, which escapes card text.
    element.innerHTML = html;
  }

  window.engram = {
    show(card) {
      setHtml($('question'), card.question);
      setHtml($('answer-body'), card.answer);
      const parts = $('parts');
      parts.replaceChildren();
      const keys = Object.keys(card.parts).sort((a, b) => Number(a) - Number(b));
      for (const part of keys.map((key) => card.parts[key])) {
        const heading = document.createElement('h2');
        heading.className = 'part';
        heading.textContent = part.name;
        const body = document.createElement('section');
        body.className = 'part-body';
        setHtml(body, part.html);
        parts.append(heading, body);
      }
      $('answer').hidden = card.revealed === 0;
      window.scrollTo(0, 0);
      afterPaint('shown', card.token);
      return true;
    },

    reveal(token) {
      $('answer').hidden = false;
      afterPaint('revealed', token);
      return true;
    },

    setDark(dark) {
      document.documentElement.classList.toggle('dark', dark !== 0);
      afterPaint('themed', 0);
      return true;
    },

    scroll(how) {
      const line = 40;
      const page = window.innerHeight * 0.9;
      switch (how) {
        case 'down': window.scrollBy(0, line); break;
        case 'up': window.scrollBy(0, -line); break;
        case 'page-down': window.scrollBy(0, page); break;
        case 'page-up': window.scrollBy(0, -page); break;
        case 'top': window.scrollTo(0, 0); break;
        case 'bottom': window.scrollTo(0, document.documentElement.scrollHeight); break;
      }
      return window.scrollY;
    },
  };

  post({ type: 'ready', token: 0 });
})();
