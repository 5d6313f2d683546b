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

  // Search terms are highlighted in the text nodes of the card: a <mark>
  // element is made around the matching text, which stays a text node, so
  // no term is ever read as HTML.  Case and diacritics are ignored, as the
  // search does; a word matches whole words (for "word*", the words it
  // starts), text without letters or digits ("=>") anywhere.
  const WORD = /[\p{L}\p{N}]/u;

  // The text folded, and for each unit of it the index of the character it
  // came from (with one more for the end).
  function fold(text) {
    let folded = '';
    const map = [];
    for (let i = 0; i < text.length;) {
      const ch = String.fromCodePoint(text.codePointAt(i));
      const f = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
      for (let k = 0; k < f.length; k++) map.push(i);
      folded += f;
      i += ch.length;
    }
    map.push(text.length);
    return { folded, map };
  }

  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

  // A phrase's words (one space apart in the term) match with any spaces
  // or punctuation between them, as in the index.
  function patternOf(term) {
    const prefix = term.endsWith('*') && term.length > 1;
    const text = fold(prefix ? term.slice(0, -1) : term).folded;
    if (!WORD.test(text)) return escapeRegExp(text);
    const words = text.split(' ').filter((word) => word.length > 0).map(escapeRegExp);
    return '(?<![\\p{L}\\p{N}])' + words.join('[^\\p{L}\\p{N}]+') +
      (prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])');
  }

  function markedRoots() {
    return [$('question'), $('answer-body'), $('parts')];
  }

  function clearMarks() {
    for (const root of markedRoots()) {
      for (const mark of root.querySelectorAll('mark.engram-match')) {
        const parent = mark.parentNode;
        mark.replaceWith(...mark.childNodes);
        parent.normalize();
      }
    }
  }

  function markTextNode(node, pattern) {
    const { folded, map } = fold(node.data);
    const ranges = [];
    for (const match of folded.matchAll(pattern)) {
      if (match[0].length > 0) ranges.push([map[match.index], map[match.index + match[0].length]]);
    }
    // from the end, so that the offsets before stay right
    for (let i = ranges.length - 1; i >= 0; i--) {
      const [start, end] = ranges[i];
      if (end <= start) continue;
      node.splitText(end);
      const middle = node.splitText(start);
      const mark = document.createElement('mark');
      mark.className = 'engram-match';
      middle.replaceWith(mark);
      mark.append(middle);
    }
    return ranges.length;
  }

  function mark(marks) {
    clearMarks();
    const terms = Object.keys(marks || {})
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => String(marks[key]))
      .filter((term) => term.length > 0 && term !== '*');
    if (terms.length === 0) return 0;
    const pattern = new RegExp(terms.map(patternOf).join('|'), 'gu');
    let count = 0;
    for (const root of markedRoots()) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      for (const node of nodes) count += markTextNode(node, pattern);
    }
    return count;
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
      mark(card.marks);
      window.scrollTo(0, 0);
      afterPaint('shown', card.token);
      return true;
    },

    mark(marks) {
      return mark(marks);
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
